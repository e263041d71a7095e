/**
 * The financial recognizers: card expiry, CVV, IBAN, ABA routing number, US bank account number,
 * UK sort code. Positives and hard negatives, typed and spoken, in call and chat sentences;
 * context from the previous turn; exact ranges. Values are synthetic: documentation IBANs, the
 * Federal Reserve routing number 011000015, test card numbers, and numbers generated here from
 * the format rules (check digits computed by this file's own code, not the engine's).
 */
import { describe, expect, it } from 'vitest';
import type { DetectOptions, Finding, Turn } from '../../src/detect/index.js';
import { detect, detectConversation, redact, TextView } from '../../src/detect/index.js';
import { vocabulary } from '../../src/detect/recognizers/financial-context.js';
import { resolveOptions } from '../../src/detect/view.js';

const of = (type: string, text: string, options?: DetectOptions): Finding[] =>
  detect(text, options).filter((f) => f.type === type);
const slice = (text: string, f: { start: number; end: number }): string => text.slice(f.start, f.end);
const types = (text: string): string[] => detect(text).map((f) => f.type);
const agent = (text: string): Turn => ({ speaker: 'agent', text });
const customer = (text: string): Turn => ({ speaker: 'customer', text });

/** ISO 7064 MOD 97-10 check digits, computed independently of the engine. */
function ibanWithCheck(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.toUpperCase();
  const numeric = [...rearranged].map((c) => Number.parseInt(c, 36).toString()).join('');
  const check = 98n - (BigInt(numeric) % 97n);
  return `${country}${check.toString().padStart(2, '0')}${bban}`;
}

/** The print format: groups of four. */
const grouped = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ');

/** Deterministic digits for synthetic values. */
function digits(n: number, seed: number): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += String(Math.floor(x / 65536) % 10);
  }
  return out;
}

/** An ABA routing number from eight digits: the ninth makes 3·(d1+d4+d7)+7·(d2+d5+d8)+(d3+d6+d9) ≡ 0. */
function withAbaCheck(first8: string): string {
  const d = [...first8].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]!);
  return `${first8}${(10 - (sum % 10)) % 10}`;
}

describe('CARD_EXPIRY', () => {
  it('reads an expiry glued to its label when a card or card words are in the text', () => {
    for (const [text, value, normalized] of [
      ['cc#4111111111111111 exp0925', '0925', '09/25'],
      ['card 4111111111111111 exp09/25 cvv 123', '09/25', '09/25'],
      ['visa exp.092027', '092027', '09/27'],
    ]) {
      const found = of('CARD_EXPIRY', text!);
      expect(found.map((f) => [slice(text!, f), f.normalized])).toEqual([[value, normalized]]);
    }
    for (const text of ['my export0925 file', 'exp0925 for the passport', 'card exp1325', 'card exp121999']) {
      expect(of('CARD_EXPIRY', text), text).toEqual([]);
    }
  });

  it('leaves the expiry of a passport, licence or warranty alone when no card is near', () => {
    for (const text of [
      'my passport expires 09/27',
      'the warranty is valid until 12/26',
      'my driving licence expires in March 2029',
    ]) {
      expect(of('CARD_EXPIRY', text), text).toEqual([]);
    }
    // A card near keeps it: the value may be the card's.
    const both = 'my passport expires 09/27 and my card expires 10/28';
    expect(of('CARD_EXPIRY', both).map((f) => slice(both, f))).toEqual(['09/27', '10/28']);
    expect(of('CARD_EXPIRY', 'card 4111 1111 1111 1111 expires 09/27')).toHaveLength(1);
  });

  it.each([
    ['exp 12/26', '12/26', '12/26'],
    ['expiry: 12/2026', '12/2026', '12/26'],
    ['it expires 12-26', '12-26', '12/26'],
    ['exp 1226', '1226', '12/26'],
    ['valid thru 12/26', '12/26', '12/26'],
    ['valid thru 4/27', '4/27', '04/27'],
    ['the expiry date is 04 27', '04 27', '04/27'],
    ['the card expires April 2027', 'April 2027', '04/27'],
    ['expiration: Dec 28', 'Dec 28', '12/28'],
  ])('finds the typed expiry in "%s"', (text, value, normalized) => {
    const found = of('CARD_EXPIRY', text);
    expect(found).toHaveLength(1);
    expect(slice(text, found[0]!)).toBe(value);
    expect(found[0]!.normalized).toBe(normalized);
    expect(found[0]!.score).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['the expiry date is oh four twenty six', 'oh four twenty six', '04/26'],
    ['expiry zero four two seven', 'zero four two seven', '04/27'],
    ['it expires April twenty twenty seven', 'April twenty twenty seven', '04/27'],
    ['the expiration is twelve twenty six', 'twelve twenty six', '12/26'],
    ['expires four twenty nine', 'four twenty nine', '04/29'],
  ])('finds the spoken expiry in "%s"', (text, value, normalized) => {
    const found = of('CARD_EXPIRY', text);
    expect(found).toHaveLength(1);
    expect(slice(text, found[0]!)).toBe(value);
    expect(found[0]!.normalized).toBe(normalized);
    expect(found[0]!.spoken).toBe(true);
  });

  it('takes the expiry label from the agent turn before', () => {
    const turns = [agent('And what is the expiry date on the card?'), customer('oh four twenty six')];
    const found = detectConversation(turns).filter((f) => f.type === 'CARD_EXPIRY');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ turn: 1, start: 0, end: turns[1]!.text.length, normalized: '04/26' });
    // The same answer with no question before it is just a number.
    expect(
      detectConversation([customer('oh four twenty six')]).filter((f) => f.type === 'CARD_EXPIRY'),
    ).toEqual([]);
  });

  it('finds an expiry right after the card number, with no words', () => {
    const text = '4111 1111 1111 1111 12/27';
    const found = of('CARD_EXPIRY', text);
    expect(found.map((f) => slice(text, f))).toEqual(['12/27']);
    const spaced = '4111 1111 1111 1111 04 27';
    expect(of('CARD_EXPIRY', spaced).map((f) => slice(spaced, f))).toEqual(['04 27']);
  });

  it('rejects impossible months and years', () => {
    expect(of('CARD_EXPIRY', 'exp 13/26')).toEqual([]);
    expect(of('CARD_EXPIRY', 'exp 00/26')).toEqual([]);
    expect(of('CARD_EXPIRY', 'expiry 12/1999')).toEqual([]);
    expect(of('CARD_EXPIRY', 'exp 1326')).toEqual([]);
  });

  it('needs card context', () => {
    expect(of('CARD_EXPIRY', 'see you on 12/26')).toEqual([]);
    expect(of('CARD_EXPIRY', 'we printed 1226 flyers')).toEqual([]);
    expect(of('CARD_EXPIRY', 'April 2027 works for the next print run')).toEqual([]);
    expect(of('CARD_EXPIRY', 'oh four twenty six')).toEqual([]);
  });

  it('is not fooled by dates and ratings near card words', () => {
    expect(of('CARD_EXPIRY', 'my card was charged on 12/03 for the order')).toEqual([]);
    expect(of('CARD_EXPIRY', 'my card was charged 12/03')).toEqual([]);
    expect(of('CARD_EXPIRY', 'the card was issued 12/26/2023')).toEqual([]);
    expect(of('CARD_EXPIRY', 'I rated the card design 10/10')).toEqual([]);
    // Bare digits after card words alone are not an expiry: only after an expiry word or the number.
    expect(of('CARD_EXPIRY', 'my debit card, 04 27')).toEqual([]);
  });

  it('does not read a misheard card number as an expiry', () => {
    // Fails Luhn, so not a card; its groups must not become "11/11".
    const text = 'card number four one one one, one one one one, one one one one, one one one two';
    expect(types(text)).not.toContain('CARD_EXPIRY');
  });
});

describe('CARD_CVV', () => {
  it('takes the three digits "the back" shows, after a card number', () => {
    const text = 'my card is 4111111111111111 and the back says 123';
    expect(of('CARD_CVV', text).map((f) => slice(text, f))).toEqual(['123']);
    const numbers = 'the three numbers on the back are 4 5 6';
    expect(of('CARD_CVV', numbers).map((f) => slice(numbers, f))).toEqual(['4 5 6']);
    // No card before it: "back" alone is not a card word.
    expect(of('CARD_CVV', 'I got 123 back from the shop')).toEqual([]);
  });

  it('takes a year-like Amex code that "code" names right before, and not a year', () => {
    const text = 'Card details: 3786-085443-87057 expiring 05/25, the code on the back is 1980.';
    expect(of('CARD_CVV', text).map((f) => slice(text, f))).toEqual(['1980']);
    const turns = [agent('And the four digit code on the front of the Amex?'), customer('The code is 2041.')];
    expect(detectConversation(turns).map((f) => [f.turn, f.type])).toEqual([[1, 'CARD_CVV']]);
    const answer = [agent('And the four digit code on the front of the Amex?'), customer("Okay, it's 1988.")];
    expect(detectConversation(answer).map((f) => [f.turn, f.type])).toEqual([[1, 'CARD_CVV']]);
    const birth = [agent('My amex is 3786-085443-87057. What year were you born?'), customer("it's 1988")];
    expect(detectConversation(birth).filter((f) => f.type === 'CARD_CVV')).toEqual([]);
    const year = 'my amex 3786-085443-87057 expiring 05/25, I have had it since 2019';
    expect(of('CARD_CVV', year)).toEqual([]);
  });

  it.each([
    ['cvv 123', '123'],
    ['the CVC is 456', '456'],
    ['security code: 789', '789'],
    ['CV2 is 321', '321'],
    ['the three digits on the back are 654', '654'],
    ['it is 987, that is the security code', '987'],
  ])('finds the code in "%s"', (text, value) => {
    const found = of('CARD_CVV', text);
    expect(found).toHaveLength(1);
    expect(slice(text, found[0]!)).toBe(value);
  });

  it('never sets a normalized value, so a CVV is never fingerprinted', () => {
    const text = 'card 4111 1111 1111 1111 exp 12/27 cvv 123';
    const found = detect(text);
    const cvv = found.find((f) => f.type === 'CARD_CVV');
    expect(cvv).toBeDefined();
    expect(cvv).not.toHaveProperty('normalized');
    const r = redact(text, found, {
      policy: { default: 'fingerprint' },
      fingerprintKey: new Uint8Array(32).fill(9),
    });
    expect(r.items.find((i) => i.type === 'CARD_CVV')?.fingerprint).toBeUndefined();
    // The default policy removes it.
    expect(redact(text, found).text).not.toContain('123');
  });

  it('reads spoken codes digit by digit', () => {
    const text = 'the security code is seven eighty eight';
    const [f] = of('CARD_CVV', text);
    expect(slice(text, f!)).toBe('seven eighty eight');
    expect(f!.spoken).toBe(true);
    const text2 = 'cvv one two three thanks';
    expect(of('CARD_CVV', text2).map((x) => slice(text2, x))).toEqual(['one two three']);
  });

  it('takes the question from the agent turn before', () => {
    const turns = [agent('and the security code?'), customer('seven eighty eight')];
    const found = detectConversation(turns).filter((f) => f.type === 'CARD_CVV');
    expect(found).toEqual([
      expect.objectContaining({ turn: 1, start: 0, end: 'seven eighty eight'.length, spoken: true }),
    ]);
    expect(found[0]).not.toHaveProperty('normalized');
    const both = [
      agent('the expiry and the security code please'),
      customer('twelve twenty six, seven eight eight'),
    ];
    const parts = detectConversation(both).filter((f) => f.turn === 1);
    expect(parts.map((f) => [f.type, slice(both[1]!.text, f)])).toEqual([
      ['CARD_EXPIRY', 'twelve twenty six'],
      ['CARD_CVV', 'seven eight eight'],
    ]);
  });

  it('finds card, expiry and code in one sentence', () => {
    const text = '4111 1111 1111 1111 expiring 12/27 code 123';
    const found = detect(text);
    expect(found.map((f) => [f.type, slice(text, f)])).toEqual([
      ['CREDIT_CARD', '4111 1111 1111 1111'],
      ['CARD_EXPIRY', '12/27'],
      ['CARD_CVV', '123'],
    ]);
    const chat = 'Visa 4111111111111111, 05/28, 321';
    expect(detect(chat).map((f) => [f.type, slice(chat, f)])).toEqual([
      ['CREDIT_CARD', '4111111111111111'],
      ['CARD_EXPIRY', '05/28'],
      ['CARD_CVV', '321'],
    ]);
  });

  it('finds the spoken card, expiry and code of one call', () => {
    const text =
      'the card is four one one one, one one one one, one one one one, one one one one, ' +
      'expiry oh four twenty six, security code seven eight eight';
    const found = detect(text);
    expect(found.map((f) => [f.type, slice(text, f)])).toEqual([
      ['CREDIT_CARD', 'four one one one, one one one one, one one one one, one one one one'],
      ['CARD_EXPIRY', 'oh four twenty six'],
      ['CARD_CVV', 'seven eight eight'],
    ]);
  });

  it('takes four digits only with the label right before, or in Amex context', () => {
    expect(of('CARD_CVV', 'cvv 1234').map((f) => f.score)).toEqual([0.95]);
    const amex = 'amex 3782 822463 10005 exp 05/27 cid 4321';
    expect(of('CARD_CVV', amex).map((f) => slice(amex, f))).toEqual(['4321']);
    const front = 'Amex 378282246310005, 05/27, 4321';
    expect(of('CARD_CVV', front).map((f) => slice(front, f))).toEqual(['4321']);
    // A Visa is followed by three digits, not four.
    expect(of('CARD_CVV', 'Visa 4111111111111111, 05/28, 4321')).toEqual([]);
    expect(of('CARD_CVV', 'the cvv is on the back and we printed 4321 cards')).toEqual([]);
  });

  it('does not eat the last group of a card number or a year', () => {
    const text = 'card 4111 1111 1111 1111 cvv 123';
    expect(of('CARD_CVV', text).map((f) => slice(text, f))).toEqual(['123']);
    expect(of('CARD_CVV', 'security code please: 4111 1111 1111 1111')).toEqual([]);
    const year = 'my card expires in 2027, cvv 123';
    expect(of('CARD_CVV', year).map((f) => slice(year, f))).toEqual(['123']);
    const exp = 'cvv and expiry: 12/2027';
    expect(of('CARD_CVV', exp)).toEqual([]);
    expect(of('CARD_EXPIRY', exp).map((f) => slice(exp, f))).toEqual(['12/2027']);
  });

  it('is not woken by words that merely contain a CVV word', () => {
    expect(of('CARD_CVV', 'I decided to call back about the 250 cards')).toEqual([]);
    expect(of('CARD_CVV', 'the incident number is 482')).toEqual([]);
    expect(of('CARD_EXPIRY', 'we expect the card proofs on 12/26')).toEqual([]);
  });

  it('rejects three digits that are something else', () => {
    expect(of('CARD_CVV', 'I ordered 250 business cards with my card')).toEqual([]);
    expect(of('CARD_CVV', 'I paid $123 by card')).toEqual([]);
    const two = 'the cvv is 123 and the order number is 456';
    expect(of('CARD_CVV', two).map((f) => slice(two, f))).toEqual(['123']);
    expect(of('CARD_CVV', 'cvv? I do not have it. My order is 456')).toEqual([]);
    // A card and a number after it, but no expiry between and no code word: not a CVV.
    expect(of('CARD_CVV', '4111 1111 1111 1111 and 250 cards')).toEqual([]);
  });
});

describe('IBAN_CODE', () => {
  it('reads groups joined by dashes, one separator throughout', () => {
    expect(of('IBAN_CODE', 'IBAN GB29-NWBK-6016-1331-9268-19').map((f) => f.normalized)).toEqual([
      'GB29NWBK60161331926819',
    ]);
    expect(of('IBAN_CODE', 'IBAN GB29-NWBK 6016-1331-9268-19')).toEqual([]);
    expect(of('IBAN_CODE', 'ref GB29-NWBK-6016-1331-9268-18')).toEqual([]);
  });

  it.each([
    'GB82 WEST 1234 5698 7654 32',
    'GB82WEST12345698765432',
    'gb82 west 1234 5698 7654 32',
    'DE89 3704 0044 0532 0130 00',
    'DE89370400440532013000',
    'FR14 2004 1010 0505 0001 3M02 606',
    'NL91 ABNA 0417 1643 00',
    'BE68 5390 0754 7034',
    'NO93 8601 1117 947',
    'IE29 AIBK 9311 5212 3456 78',
    'CH93 0076 2011 6238 5295 7',
    'IT60 X054 2811 1010 0000 0123 456',
    'MT84 MALT 0110 0001 2345 MTLC AST0 01S',
    'LC55 HEMM 0001 0001 0012 0012 0002 3015',
    'SC18 SSCB 1101 0000 0000 0000 1497 USD',
    'BR18 0036 0305 0000 1000 9795 493C 1',
  ])('finds %s in a sentence, exactly', (iban) => {
    const text = `Please send the refund to ${iban}.`;
    const found = of('IBAN_CODE', text);
    expect(found).toHaveLength(1);
    expect(slice(text, found[0]!)).toBe(iban);
    expect(found[0]!.normalized).toBe(iban.replace(/ /g, '').toUpperCase());
  });

  // All-numeric BBANs of registry countries with their exact IBAN lengths (SWIFT IBAN registry).
  const NUMERIC: Record<string, number> = {
    DE: 22,
    AT: 20,
    BE: 16,
    NO: 15,
    PL: 28,
    HR: 21,
    SI: 19,
    DK: 18,
    FI: 18,
    PT: 25,
    ES: 24,
    EE: 20,
    LT: 20,
    CZ: 24,
    SK: 24,
    SE: 24,
    HU: 28,
    IL: 23,
    TN: 24,
    RS: 22,
    ME: 22,
    AE: 23,
    EG: 29,
    TL: 23,
    XK: 20,
    CR: 22,
    BA: 20,
    MN: 20,
    SD: 18,
    SO: 23,
    LY: 25,
    BI: 27,
    DJ: 27,
    MR: 27,
    IS: 26,
    FO: 18,
    GL: 18,
    VA: 22,
  };

  it('validates the exact length and check digits of every numeric-BBAN country', () => {
    let seed = 1;
    for (const [cc, length] of Object.entries(NUMERIC)) {
      const bban = digits(length - 4, seed++);
      const iban = ibanWithCheck(cc, bban);
      expect(
        of('IBAN_CODE', `IBAN ${iban}`).map((f) => f.normalized),
        cc,
      ).toEqual([iban]);
      expect(
        of('IBAN_CODE', `IBAN ${grouped(iban)}`).map((f) => f.normalized),
        cc,
      ).toEqual([iban]);
      // One digit short or long, with check digits that hold: not this country's IBAN.
      const short = ibanWithCheck(cc, bban.slice(1));
      const long = ibanWithCheck(cc, `${bban}7`);
      expect(of('IBAN_CODE', `IBAN ${short}`), `${cc} short`).toEqual([]);
      expect(of('IBAN_CODE', `IBAN ${long}`), `${cc} long`).toEqual([]);
      // Wrong check digits.
      const wrong = `${cc}${iban.slice(2, 4) === '42' ? '43' : '42'}${bban}`;
      expect(of('IBAN_CODE', `IBAN ${wrong}`), `${cc} check`).toEqual([]);
    }
  });

  it('checks the BBAN structure, not only length and mod 97', () => {
    // GB wants four letters for the bank code; digits there fail even with valid check digits.
    const digitsForLetters = ibanWithCheck('GB', `1234${digits(14, 7)}`);
    expect(of('IBAN_CODE', `IBAN ${digitsForLetters}`)).toEqual([]);
    // Unknown country code.
    expect(of('IBAN_CODE', `IBAN ${ibanWithCheck('XX', digits(18, 3))}`)).toEqual([]);
  });

  it('rejects wrong check digits, lengths and groupings', () => {
    expect(of('IBAN_CODE', 'GB82 WEST 1234 5698 7654 33')).toEqual([]);
    expect(of('IBAN_CODE', 'GB82WEST123456987654321')).toEqual([]);
    expect(of('IBAN_CODE', 'GB82 WES T123 4569 8765 432')).toEqual([]);
    expect(of('IBAN_CODE', 'GB82 WEST1234 5698 7654 32')).toEqual([]);
    expect(of('IBAN_CODE', 'ref XGB82WEST12345698765432')).toEqual([]);
  });

  it('scores higher with a banking word near', () => {
    expect(of('IBAN_CODE', 'my IBAN is GB82 WEST 1234 5698 7654 32')[0]?.score).toBe(0.99);
    expect(of('IBAN_CODE', 'it is GB82 WEST 1234 5698 7654 32')[0]?.score).toBe(0.9);
  });

  it('finds an IBAN after a code that only looks like one', () => {
    const text = 'ref AB12 then GB82 WEST 1234 5698 7654 32';
    expect(of('IBAN_CODE', text).map((f) => slice(text, f))).toEqual(['GB82 WEST 1234 5698 7654 32']);
  });
});

describe('ABA_ROUTING_NUMBER', () => {
  it('finds a valid routing number next to a routing word', () => {
    const text = 'my routing number is 011000015, thanks';
    const found = of('ABA_ROUTING_NUMBER', text);
    expect(found).toHaveLength(1);
    expect(slice(text, found[0]!)).toBe('011000015');
    expect(found[0]).toMatchObject({ score: 0.95, normalized: '011000015' });
  });

  it('reads it spoken', () => {
    const text = 'the ABA is zero one one zero zero zero zero one five';
    const [f] = of('ABA_ROUTING_NUMBER', text);
    expect(slice(text, f!)).toBe('zero one one zero zero zero zero one five');
    expect(f!.spoken).toBe(true);
  });

  it('accepts every routing symbol prefix and rejects the others', () => {
    const valid = ['00', '05', '12', '21', '27', '32', '61', '66', '72', '80'];
    const invalid = ['13', '20', '33', '45', '60', '73', '79', '81', '99'];
    for (const p of valid) {
      const n = withAbaCheck(`${p}${digits(6, Number(p) + 11)}`);
      expect(
        of('ABA_ROUTING_NUMBER', `wire it to routing ${n}`).map((f) => f.normalized),
        p,
      ).toEqual([n]);
    }
    for (const p of invalid) {
      const n = withAbaCheck(`${p}${digits(6, Number(p) + 11)}`);
      expect(of('ABA_ROUTING_NUMBER', `routing ${n}`, { minScore: 0 }), p).toEqual([]);
    }
  });

  it('rejects a bad check digit', () => {
    expect(of('ABA_ROUTING_NUMBER', 'routing number 011000016', { minScore: 0 })).toEqual([]);
  });

  it('keeps a valid number without context below the threshold (0.4)', () => {
    expect(of('ABA_ROUTING_NUMBER', 'it is 011000015')).toEqual([]);
    const low = of('ABA_ROUTING_NUMBER', 'it is 011000015', { minScore: 0.3, types: ['ABA_ROUTING_NUMBER'] });
    expect(low.map((f) => f.score)).toEqual([0.4]);
    // "aba" inside another word is not the label.
    const abandoned = of('ABA_ROUTING_NUMBER', 'abandoned cart 011000015', {
      minScore: 0.3,
      types: ['ABA_ROUTING_NUMBER'],
    });
    expect(abandoned.map((f) => f.score)).toEqual([0.4]);
  });

  it('never takes the 3-2-4 shape of an SSN', () => {
    expect(of('ABA_ROUTING_NUMBER', 'routing 011-00-0015', { minScore: 0 })).toEqual([]);
  });
});

describe('US_BANK_NUMBER', () => {
  it.each([
    ['my account number is 12345678', '12345678', 0.85],
    ['my checking account is 1234 5678 9012', '1234 5678 9012', 0.9],
    ['acct no. 000123456789 at the bank', '000123456789', 0.9],
    ['savings account 987654321012', '987654321012', 0.9],
    ['checking account ending in 4321', '4321', 0.9],
  ])('finds the number in "%s"', (text, value, score) => {
    const found = of('US_BANK_NUMBER', text);
    expect(found).toHaveLength(1);
    expect(slice(text, found[0]!)).toBe(value);
    expect(found[0]!.score).toBe(score);
    expect(found[0]!.normalized).toBe(value.replace(/\D/g, ''));
  });

  it('reads it spoken', () => {
    const text = 'my savings account number is one two three four five six seven eight';
    const [f] = of('US_BANK_NUMBER', text);
    expect(slice(text, f!)).toBe('one two three four five six seven eight');
    expect(f!.normalized).toBe('12345678');
  });

  it('tells the routing number and the account number apart', () => {
    const text = 'routing 011000015, account 12345678';
    expect(detect(text).map((f) => [f.type, slice(text, f)])).toEqual([
      ['ABA_ROUTING_NUMBER', '011000015'],
      ['US_BANK_NUMBER', '12345678'],
    ]);
    const reversed = 'account and routing numbers: 12345678 and 011000015';
    expect(detect(reversed).map((f) => [f.type, slice(reversed, f)])).toEqual([
      ['US_BANK_NUMBER', '12345678'],
      ['ABA_ROUTING_NUMBER', '011000015'],
    ]);
  });

  it('takes the label from the turn before', () => {
    const turns = [agent('What is the account number on your checking account?'), customer('12345678')];
    expect(detectConversation(turns).map((f) => [f.turn, f.type])).toEqual([[1, 'US_BANK_NUMBER']]);
  });

  it('rejects numbers labelled as something else, cards, money and years', () => {
    expect(of('US_BANK_NUMBER', 'order number 12345678')).toEqual([]);
    expect(of('US_BANK_NUMBER', '12345678')).toEqual([]);
    expect(of('US_BANK_NUMBER', 'routing number 011000015')).toEqual([]);
    expect(types('my account number is 4111 1111 1111 1111')).toEqual(['CREDIT_CARD']);
    expect(of('US_BANK_NUMBER', 'put $1500 in savings')).toEqual([]);
    expect(of('US_BANK_NUMBER', 'savings account 1500 dollars')).toEqual([]);
    expect(of('US_BANK_NUMBER', 'I have had this savings account since 2019')).toEqual([]);
    expect(of('US_BANK_NUMBER', 'about my account number, call me on 555 0123')).toEqual([]);
    // "account" alone is a shop's customer account unless banking words are near.
    expect(of('US_BANK_NUMBER', 'your account 12345678 has two orders')).toEqual([]);
  });

  it('reads "acc" alone as an account label, and not inside other words', () => {
    const text = 'pls send the refund to sort code 12-34-56 acc 12345678';
    expect(detect(text).map((f) => [f.type, slice(text, f)])).toEqual([
      ['UK_SORT_CODE', '12-34-56'],
      ['US_BANK_NUMBER', '12345678'],
    ]);
    expect(of('US_BANK_NUMBER', 'I accept 12345678 as the total at the bank')).toEqual([]);
  });

  it('takes a nine-digit number labelled as the account for the account, even with a valid ABA check', () => {
    // 612179468 passes the ABA checksum; the routing word before it labels the other number.
    const text = 'ABA routing number 662307141, checking account number 612179468.';
    expect(detect(text).map((f) => [f.type, slice(text, f)])).toEqual([
      ['ABA_ROUTING_NUMBER', '662307141'],
      ['US_BANK_NUMBER', '612179468'],
    ]);
    // A plural label is a list: the routing number keeps its type.
    const list = 'routing and account numbers: 011000015 and 12345678';
    expect(detect(list).map((f) => [f.type, slice(list, f)])).toEqual([
      ['ABA_ROUTING_NUMBER', '011000015'],
      ['US_BANK_NUMBER', '12345678'],
    ]);
  });

  it('leaves a typed ISO date after an account label to the date recognizers', () => {
    const turns = [
      agent('What is your bank account number?'),
      customer('12345678'),
      customer('Born 1935-11-03.'),
    ];
    expect(detectConversation(turns).map((f) => [f.turn, f.type])).toEqual([
      [1, 'US_BANK_NUMBER'],
      [2, 'DATE_OF_BIRTH'],
    ]);
    expect(of('US_BANK_NUMBER', 'account number 1935-13-03')).toHaveLength(1);
  });

  it('gives a label to the number after it, not to a later one in another sentence or line', () => {
    const text =
      'ABA routing number 725104278, checking account number 36961740617.\n\nThanks,\nRyan\n213-555-0168';
    expect(detect(text).map((f) => [f.type, slice(text, f)])).toEqual([
      ['ABA_ROUTING_NUMBER', '725104278'],
      ['US_BANK_NUMBER', '36961740617'],
      ['PERSON', 'Ryan'],
      ['PHONE_NUMBER', '213-555-0168'],
    ]);
    // In one sentence both numbers keep it.
    const two = 'my checking accounts are 12345678 and 87654321';
    expect(of('US_BANK_NUMBER', two).map((f) => slice(two, f))).toEqual(['12345678', '87654321']);
  });
});

describe('UK_SORT_CODE', () => {
  it.each([
    ['my sort code is 12-34-56', '12-34-56'],
    ['sort code 12 34 56', '12 34 56'],
    ['sortcode 123456', '123456'],
    ['sort-code: 20-00-00', '20-00-00'],
  ])('finds the typed sort code in "%s"', (text, value) => {
    const found = of('UK_SORT_CODE', text);
    expect(found).toHaveLength(1);
    expect(slice(text, found[0]!)).toBe(value);
    expect(found[0]!.normalized).toBe(value.replace(/\D/g, ''));
    expect(found[0]!.score).toBe(0.95);
  });

  it('reads it spoken, also with the account number in the same breath', () => {
    const text = 'the sort code is one two, three four, five six';
    expect(of('UK_SORT_CODE', text).map((f) => [slice(text, f), f.normalized, f.spoken])).toEqual([
      ['one two, three four, five six', '123456', true],
    ]);
    const both = 'sort code one two three four five six, one two three four five six seven eight';
    expect(of('UK_SORT_CODE', both).map((f) => slice(both, f))).toEqual(['one two three four five six']);
  });

  it('takes the label from the turn before', () => {
    const turns = [agent("And what's the sort code?"), customer('twelve thirty four fifty six')];
    const found = detectConversation(turns).filter((f) => f.type === 'UK_SORT_CODE');
    expect(found.map((f) => [f.turn, f.normalized])).toEqual([[1, '123456']]);
  });

  it('accepts the dashed form next to an eight-digit account number without a label', () => {
    const text = 'pay 40-47-84 12345678 please';
    const found = of('UK_SORT_CODE', text);
    expect(found.map((f) => [slice(text, f), f.score])).toEqual([['40-47-84', 0.85]]);
    // Nothing is reported for the UK account number by this recognizer.
    expect(detect(text).map((f) => f.type)).toEqual(['UK_SORT_CODE']);
  });

  it('rejects six digits without the label', () => {
    expect(of('UK_SORT_CODE', '12-34-56')).toEqual([]);
    expect(of('UK_SORT_CODE', 'on 01-02-03 we met')).toEqual([]);
    expect(of('UK_SORT_CODE', '12 34 56 12345678')).toEqual([]);
    expect(of('UK_SORT_CODE', 'order 123456')).toEqual([]);
    expect(of('UK_SORT_CODE', 'sort code 12-34-56-78')).toEqual([]);
    expect(of('UK_SORT_CODE', 'sort code to follow, first the order number 123456')).toEqual([]);
  });

  it('reports the sort code and a labelled account number together', () => {
    const text = 'sort code and account number: 12-34-56 12345678';
    expect(detect(text).map((f) => [f.type, slice(text, f)])).toEqual([
      ['UK_SORT_CODE', '12-34-56'],
      ['US_BANK_NUMBER', '12345678'],
    ]);
  });
});

describe('vocabulary gates', () => {
  it('refuses a vocabulary whose gate would hide one of its words', () => {
    expect(() => vocabulary({ prefix: ['sort code'], exact: [], stems: ['sort'] })).not.toThrow();
    expect(() => vocabulary({ prefix: ['sort code', 'bank'], exact: [], stems: ['sort'] })).toThrow(
      /E_VOCABULARY/,
    );
    expect(() => vocabulary({ prefix: ['cvv'], exact: ['cid'], gate: /cvv/ })).toThrow(/E_VOCABULARY/);
  });
});

describe('shared core: TextView.memo', () => {
  it('computes once per key and per view, and keeps a computed undefined', () => {
    const a = Symbol('a');
    const b = Symbol('b');
    const v = new TextView('text', resolveOptions(undefined));
    let calls = 0;
    expect(v.memo(a, () => ++calls)).toBe(1);
    expect(v.memo(a, () => ++calls)).toBe(1);
    expect(v.memo(b, () => ++calls)).toBe(2);
    const w = new TextView('text', resolveOptions(undefined));
    expect(w.memo(a, () => ++calls)).toBe(3);
    let none = 0;
    const c = Symbol('c');
    v.memo(c, () => {
      none++;
      return undefined;
    });
    v.memo(c, () => {
      none++;
      return undefined;
    });
    expect(none).toBe(1);
  });

  it('keeps nothing from one text for the next', () => {
    // The card layout of the first text must not leak into the second, which has no card.
    expect(types('4111 1111 1111 1111 12/27 123')).toEqual(['CREDIT_CARD', 'CARD_EXPIRY', 'CARD_CVV']);
    expect(types('12/27 123')).toEqual([]);
  });
});
