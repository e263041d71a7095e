import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/detect/fold.js';
import { detect, detectConversation, redact } from '../../src/detect/index.js';

const found = (text: string) => detect(text).map((f) => [f.type, text.slice(f.start, f.end)]);

describe('look-alike characters (fold.ts)', () => {
  it('folds full-width forms, Unicode dashes and odd spaces one for one', () => {
    const text = 'ｃａｒｄ ４１１１\u20131111\u00a01111\u200b1111';
    const folded = foldText(text);
    expect(folded).toBe('card 4111-1111 1111 1111');
    expect(folded).toHaveLength(text.length);
    // The em dash is punctuation and a signature cue: kept.
    expect(foldText('thanks \u2014 Jane')).toBe('thanks \u2014 Jane');
    const plain = 'nothing to fold here 4111';
    expect(foldText(plain)).toBe(plain);
  });

  it.each([
    [
      'card \uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11',
      'CREDIT_CARD',
    ],
    ['card 4111\u20131111\u20131111\u20131111', 'CREDIT_CARD'],
    ['card 4111\u20101111\u20101111\u20101111', 'CREDIT_CARD'],
    ['card 4111\u200b1111\u200b1111\u200b1111', 'CREDIT_CARD'],
    ['card 4111\u202f1111\u202f1111\u202f1111', 'CREDIT_CARD'],
    [
      'mail \uff4a\uff41\uff4e\uff45\uff20\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45\uff0e\uff43\uff4f\uff4d',
      'EMAIL_ADDRESS',
    ],
    ['ssn: 536\u221290\u22124399', 'US_SSN'],
  ])('finds the value in %j over the original characters', (text, type) => {
    const got = found(text);
    expect(got).toHaveLength(1);
    expect(got[0]![0]).toBe(type);
    // The range covers the value as written, not a folded copy.
    expect(got[0]![1]).toBe(text.slice(5));
  });

  it('masks full-width card digits too, keeping the original separators', () => {
    const full =
      'card \uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11 ok';
    const r = redact(full, detect(full));
    expect(r.text).toBe('card ************1111 ok');
    expect(r.items[0]!.last4).toBe('1111');
    const dashed = 'card 4111\u20131111\u20131111\u20131111';
    expect(redact(dashed, detect(dashed)).text).toBe('card ****\u2013****\u2013****\u20131111');
  });

  it('reads folded turns of a conversation, including a number split over turns', () => {
    const turns = [
      { speaker: 'customer' as const, text: 'my card is \uff14\uff11\uff11\uff11 1111' },
      { speaker: 'agent' as const, text: 'mhm' },
      { speaker: 'customer' as const, text: '1111\u00a01111' },
    ];
    const got = detectConversation(turns).map((f) => [
      f.turn,
      f.type,
      turns[f.turn]!.text.slice(f.start, f.end),
    ]);
    expect(got).toEqual([
      [0, 'CREDIT_CARD', '\uff14\uff11\uff11\uff11 1111'],
      [2, 'CREDIT_CARD', '1111\u00a01111'],
    ]);
    // The caller's turns are not changed.
    expect(turns[0]!.text).toContain('\uff14');
  });
});
