import { describe, expect, it } from 'vitest';
import { ConversationText, lowerBound } from '../../src/detect/conversation.js';
import { detectConversation, type Turn } from '../../src/detect/index.js';

describe('ConversationText', () => {
  const texts = ['Hello, this is Sandra', 'My CARD number?', '', 'Sure: 4111'];
  const c = new ConversationText(texts);

  it('cuts each turn and its lower case out of the joined text', () => {
    texts.forEach((t, i) => {
      expect(c.text.slice(c.starts[i]!, c.starts[i]! + c.lengths[i]!)).toBe(t);
      expect(c.turnLower(i)).toBe(t.toLowerCase());
    });
    expect(c.aligned).toBe(true);
  });

  it('gives the same prior context as joining the turns before with spaces', () => {
    for (let i = 0; i < texts.length; i++) {
      for (const chars of [0, 5, 30, 160]) {
        const joined = texts
          .slice(0, i)
          .map((t) => `${t} `)
          .join('');
        const expected = i === 0 ? '' : joined.slice(Math.max(0, joined.length - chars)).toLowerCase();
        expect(c.priorContext(i, chars)).toBe(expected);
      }
    }
  });

  it('is not aligned when lower-casing changes lengths', () => {
    // "İ" lower-cases to two code units: positions in the lower case would drift.
    expect(new ConversationText(['İstanbul', 'ok']).aligned).toBe(false);
  });

  it('memoizes once per key', () => {
    let calls = 0;
    const key = Symbol('k');
    expect(c.memo(key, () => ++calls)).toBe(1);
    expect(c.memo(key, () => ++calls)).toBe(1);
    expect(calls).toBe(1);
  });

  it('finds where a position falls in sorted values', () => {
    const v = Int32Array.from([2, 5, 9]);
    expect(lowerBound(v, 0)).toBe(0);
    expect(lowerBound(v, 5)).toBe(1);
    expect(lowerBound(v, 10)).toBe(3);
  });
});

describe('detectConversation with the shared conversation text', () => {
  const t = (speaker: Turn['speaker'], text: string): Turn => ({ speaker, text });

  it('finds the same values when a non-aligned character forces per-turn lower case', () => {
    const turns = [t('agent', 'What is the security code on the card?'), t('customer', 'it is 123')];
    const withI = [t('agent', 'İ: what is the security code on the card?'), t('customer', 'it is 123')];
    const types = (ts: Turn[]) => detectConversation(ts).map((f) => [f.turn, f.type]);
    expect(types(turns)).toEqual([[1, 'CARD_CVV']]);
    expect(types(withI)).toEqual([[1, 'CARD_CVV']]);
  });

  it('takes a label from a turn the prior-context window only partly reaches', () => {
    const long = `${'x '.repeat(200)}what is your account number at the bank`;
    const turns = [t('agent', long), t('customer', '12345678')];
    expect(detectConversation(turns).map((f) => [f.turn, f.type])).toEqual([[1, 'US_BANK_NUMBER']]);
  });

  it('finds known names per turn from the one search of the conversation', () => {
    const turns = [t('agent', 'thanks for calling Jane'), t('customer', 'hi'), t('agent', 'bye Jane Doe')];
    const found = detectConversation(turns, { knownNames: ['Jane Doe'] }).filter((f) => f.type === 'PERSON');
    expect(found.map((f) => [f.turn, turns[f.turn]!.text.slice(f.start, f.end)])).toEqual([
      [0, 'Jane'],
      [2, 'Jane Doe'],
    ]);
  });
});
