import { describe, expect, it } from 'vitest';
import { detect, detectConversation, redact } from '../../src/detect/index.js';

const cards = (text: string) => detect(text).filter((f) => f.type === 'CREDIT_CARD');
const slice = (text: string, f: { start: number; end: number }) => text.slice(f.start, f.end);

describe('CREDIT_CARD', () => {
  it('keeps the last group of a 19-digit card that an expiry date follows', () => {
    // Both the first 16 and all 19 digits pass Luhn; the expiry after the 19th says where it ends.
    const text = 'here you go 4299 3259 9646 2894 818 06/24 611';
    expect(detect(text).map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      ['CREDIT_CARD', '4299 3259 9646 2894 818'],
      ['CARD_EXPIRY', '06/24'],
      ['CARD_CVV', '611'],
    ]);
  });

  it('takes a last turn of only "oh" as the zero that ends a spoken card', () => {
    const w = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    const say = (d: string): string => [...d].map((c) => w[Number(c)]).join(' ');
    // 4111 1111 1111 1160 passes Luhn and ends in a zero.
    const card = '411111111111116';
    const turns = [
      { speaker: 'agent' as const, text: 'can I take the card number' },
      { speaker: 'customer' as const, text: `right so ${say(card)}` },
      { speaker: 'agent' as const, text: 'mhm' },
      { speaker: 'customer' as const, text: 'oh' },
    ];
    const found = detectConversation(turns).filter((f) => f.type === 'CREDIT_CARD');
    expect(found.map((f) => f.turn)).toEqual([1, 3]);
    expect(found[0]!.normalized).toBe(`${card}0`);
  });

  it.each([
    ['4111 1111 1111 1111', 'Visa, spaced'],
    ['4111-1111-1111-1111', 'Visa, dashed'],
    ['4111111111111111', 'Visa, contiguous'],
    ['5555 5555 5555 4444', 'Mastercard 5-series'],
    ['2223 0000 4840 0011', 'Mastercard 2-series'],
    ['3782 822463 10005', 'Amex 4-6-5'],
    ['6011 1111 1111 1117', 'Discover'],
    ['3530 1113 3330 0000', 'JCB'],
    ['3056 9309 0259 04', 'Diners 14'],
    ['6200 0000 0000 0005', 'UnionPay'],
    ['6759 6498 2643 8453', 'Maestro'],
    ['4000 0000 0000 0000 006', 'Visa 19 digits'],
  ])('finds %s (%s)', (card) => {
    const text = `sure, the card is ${card}, thanks`;
    const found = cards(text);
    expect(found).toHaveLength(1);
    expect(slice(text, found[0]!)).toBe(card);
  });

  it('finds a card glued to a short word, and masks it in place', () => {
    for (const [text, redacted] of [
      ['card4111111111111111', 'card************1111'],
      ['4111111111111111exp 09/25', '************1111exp 09/25'],
      ['cc4111111111111111 thanks', 'cc************1111 thanks'],
    ]) {
      const found = cards(text!);
      expect(found.map((f) => slice(text!, f))).toEqual(['4111111111111111']);
      expect(redact(text!, detect(text!)).text).toBe(redacted);
    }
    // Inside a longer alphanumeric token it is a hash or an identifier; and Luhn still decides.
    expect(cards('hash a3f4111111111111111b9c')).toEqual([]);
    expect(cards('ABCDEFG4111111111111111')).toEqual([]);
    expect(cards('card4111111111111112')).toEqual([]);
    // A label for another number lowers it below the threshold, as for a number standing alone.
    expect(cards('order ORD4111111111111111')).toEqual([]);
  });

  it('rejects numbers that fail Luhn or fit no brand', () => {
    expect(cards('tracking 4111 1111 1111 1112 sent')).toHaveLength(0);
    expect(cards('ref 1234 5678 9012 3452')).toHaveLength(0);
  });

  it('takes a whole number in an odd grouping when card words stand near it', () => {
    for (const n of [
      '4111 1111 1111 111 1',
      '4111-1111 1111-1111',
      '4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1',
      '41 11 11 11 11 11 11 11',
    ]) {
      const text = `my card number is ${n} thanks`;
      const found = cards(text);
      expect(
        found.map((f) => slice(text, f)),
        n,
      ).toEqual([n]);
    }
    // Without card words, or as part of a longer number, strict grouping still decides.
    expect(cards('ref 4111 1111 1111 111 1 sent')).toHaveLength(0);
    expect(cards('my card number is 7 4111 1111 1111 111 1')).toHaveLength(0);
  });

  it('never takes a card out of the middle of a number written with dashes or dots', () => {
    // The last twelve digits pass Luhn and a Maestro prefix: part of one order number, not a card.
    expect(cards('your order number is 1234-5678-9012-3456 thanks')).toHaveLength(0);
    expect(cards('ref 9.5678.9012.3456')).toHaveLength(0);
    // The whole number, and a card after a sentence's full stop, still count.
    expect(cards('card 4111-1111-1111-1111')).toHaveLength(1);
    expect(cards('card 4111.1111.1111.1111')).toHaveLength(1);
    expect(cards('I paid 12. 4111 1111 1111 1111 is the card')).toHaveLength(1);
  });

  it('lowers a number labelled as an order or tracking number, but only right after the label', () => {
    expect(cards('order #4111111111111111 shipped')).toHaveLength(0);
    expect(cards('tracking no. 4111 1111 1111 1111')).toHaveLength(0);
    expect(cards('we need flyers (ref 2) 5555 5555 5555 4444')).toHaveLength(1);
    expect(cards('order 4111111111111111 was paid with this card')).toHaveLength(1);
  });

  it('does not suppress a card because the text says "test"', () => {
    expect(cards('this is my test card 4111 1111 1111 1111')).toHaveLength(1);
    expect(cards('example: 5555555555554444')).toHaveLength(1);
  });

  it('reads spoken digits, teens and tens digit by digit', () => {
    const text = 'my card number is four one one one one one one one one one one one one one one one ok';
    const [f] = cards(text);
    expect(f?.spoken).toBe(true);
    expect(slice(text, f!)).toBe('four one one one one one one one one one one one one one one one');
    const text2 = 'it is forty one eleven, eleven eleven, double one one one, one one one one';
    expect(cards(text2)).toHaveLength(1);
    expect(cards(text2)[0]?.normalized).toBe('4111111111111111');
  });

  it('handles fillers between spoken groups', () => {
    const text = 'five five five five uh five five five five um five five five five dash four four four four';
    expect(cards(text)[0]?.normalized).toBe('5555555555554444');
  });

  it('is not fooled by drink orders', () => {
    expect(detect('one double mocha and a triple latte please')).toHaveLength(0);
  });

  it('finds a number split across turns of one speaker with interjections between', () => {
    const turns = [
      { speaker: 'agent' as const, text: 'What is the long number on the card?' },
      { speaker: 'customer' as const, text: 'four one one one, one one one one' },
      { speaker: 'agent' as const, text: 'mhm' },
      { speaker: 'customer' as const, text: 'one one one one, one one one one' },
    ];
    const found = detectConversation(turns).filter((f) => f.type === 'CREDIT_CARD');
    expect(found.map((f) => f.turn)).toEqual([1, 3]);
    expect(found.every((f) => f.split)).toBe(true);
  });

  it('joins typed groups split over several turns whatever separator each part uses', () => {
    const turns = [
      { speaker: 'agent' as const, text: 'Please type the card number here.' },
      { speaker: 'customer' as const, text: 'okay 4111' },
      { speaker: 'agent' as const, text: 'yes' },
      { speaker: 'customer' as const, text: '1111' },
      { speaker: 'agent' as const, text: 'got it' },
      { speaker: 'customer' as const, text: '1111-1111' },
    ];
    const found = detectConversation(turns).filter((f) => f.type === 'CREDIT_CARD');
    expect(found.map((f) => [f.turn, turns[f.turn]!.text.slice(f.start, f.end)])).toEqual([
      [1, '4111'],
      [3, '1111'],
      [5, '1111-1111'],
    ]);
  });

  it('prefers the window that takes the whole spoken number over a shorter one that passes Luhn', () => {
    // 6250 4477 3053 5454 043 (UnionPay, 19 digits); its first 16 digits pass Luhn too.
    const text =
      'six two five zero four four seven seven uhm three oh five three five four five four zero four three';
    const [f] = cards(text);
    expect(f?.normalized).toBe('6250447730535454043');
    expect(f?.end).toBe(text.length);
  });

  it('masks to the last four digits and never returns the value', () => {
    const text = 'card 4111 1111 1111 1111 please';
    const r = redact(text, detect(text), { fingerprintKey: new Uint8Array(32).fill(7) });
    expect(r.text).toBe('card **** **** **** 1111 please');
    expect(JSON.stringify(r.items)).not.toContain('4111111111111111');
    expect(r.items[0]?.last4).toBe('1111');
    expect(r.items[0]?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});
