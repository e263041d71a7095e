import { describe, expect, it } from 'vitest';
import { alignRedacted, changedRegion } from '../../bench/lib/align.js';
import { maskValue } from '../../eval/lib/mask.js';
import { type Pred, Scorer } from '../../eval/lib/score.js';
import type { Label, LabelledRecord, NegativeSpan } from '../../eval/lib/types.js';

function record(texts: string[], labels: Label[], negatives: NegativeSpan[] = []): LabelledRecord {
  return {
    interaction: {
      id: 't-1',
      channel: 'chat',
      started_at: '2020-01-01T00:00:00Z',
      ended_at: '2020-01-01T00:01:00Z',
      customer: { name: 'Jane Doe', email: 'jane@example.com' },
      agent: { name: 'Sam Agent', email: 'sam@example.com' },
      turns: texts.map((text) => ({ speaker: 'customer' as const, text })),
    },
    labels,
    negatives,
  };
}

const at = (text: string, value: string, from = 0): [number, number] => {
  const i = text.indexOf(value, from);
  return [i, i + value.length];
};

describe('scorer', () => {
  const t0 = 'card 4111 1111 1111 1111 and mail jane@example.com';
  const t1 = 'order 12345678 shipped, call 020 7946 0123';
  const [cs, ce] = at(t0, '4111 1111 1111 1111');
  const [es, ee] = at(t0, 'jane@example.com');
  const [ps, pe] = at(t1, '020 7946 0123');
  const [os, oe] = at(t1, '12345678');
  const rec = record(
    [t0, t1],
    [
      { turn: 0, start: cs, end: ce, type: 'CREDIT_CARD', form: 'typed' },
      { turn: 0, start: es, end: ee, type: 'EMAIL_ADDRESS', form: 'typed' },
      { turn: 1, start: ps, end: pe, type: 'PHONE_NUMBER', form: 'typed' },
    ],
    [{ turn: 1, start: os, end: oe, kind: 'order-number' }],
  );

  it('counts overlap of the same type as a hit, scores precision by prediction and recall by label', () => {
    const preds: Pred[] = [
      { turn: 0, start: cs, end: cs + 9, type: 'CREDIT_CARD' }, // partial: still a hit, the rest leaks
      { turn: 0, start: es, end: ee, type: 'PHONE_NUMBER' }, // wrong type: a false positive, but no leak
      { turn: 1, start: os, end: oe, type: 'PHONE_NUMBER' }, // a hard negative
      { turn: 1, start: ps, end: pe, type: 'PHONE_NUMBER' },
    ];
    const s = new Scorer({ examples: true });
    s.add(rec, preds);
    const r = s.result();
    const card = r.types.find((t) => t.type === 'CREDIT_CARD')!;
    expect(card).toMatchObject({
      support: 1,
      found: 1,
      predicted: 1,
      truePositives: 1,
      precision: 1,
      recall: 1,
    });
    const email = r.types.find((t) => t.type === 'EMAIL_ADDRESS')!;
    expect(email).toMatchObject({ support: 1, found: 0, recall: 0, f1: 0 });
    const phone = r.types.find((t) => t.type === 'PHONE_NUMBER')!;
    expect(phone).toMatchObject({ support: 1, found: 1, predicted: 3, truePositives: 1 });
    expect(phone.precision).toBeCloseTo(1 / 3);
    // Leak: the card's last 8 digits (of 16+3 spaces -> 16 non-space characters); email and phone fully covered.
    const sensitive = 16 + 'jane@example.com'.length + 11;
    expect(r.sensitiveChars).toBe(sensitive);
    expect(r.leak).toBeCloseTo(8 / sensitive);
    // Over: the order number's 8 characters of the non-sensitive non-space characters.
    const plain = (t0 + t1).replace(/\s/g, '').length - sensitive;
    expect(r.over).toBeCloseTo(8 / plain);
    expect(r.hardNegatives).toEqual([{ kind: 'order-number', total: 1, hit: 1 }]);
    expect(r.micro.precision).toBeCloseTo(2 / 4);
    expect(r.micro.recall).toBeCloseTo(2 / 3);
    const kinds = Object.values(r.errors).flatMap((list) => list.map((e) => e.kind));
    expect(kinds.sort()).toEqual(['FN', 'FP', 'FP', 'PARTIAL']);
    // Error examples never show the value.
    const shown = JSON.stringify(r.errors);
    expect(shown).not.toContain('jane@example');
    expect(shown).not.toContain('1111');
    expect(shown).not.toContain('7946');
  });

  it('ignores predictions of unscored types for precision but not for leak and over', () => {
    const s = new Scorer({ scoredTypes: ['CREDIT_CARD'] });
    s.add(rec, [{ turn: 1, start: os, end: oe, type: 'DIGITS' }]);
    const r = s.result();
    expect(r.micro.precision).toBeNaN();
    expect(r.over).toBeGreaterThan(0);
    expect(r.hardNegatives[0]!.hit).toBe(1);
  });

  it('masks digits, number words and letters but keeps structure words', () => {
    expect(maskValue('4111 1111')).toBe('#### ####');
    expect(maskValue('jane dot doe at gmail dot com')).toBe('x*** dot x** at x**** dot x**');
    expect(maskValue('Jane Doe')).toBe('X*** X**');
    expect(maskValue('four one double five uh six')).toBe('# # double # uh #');
  });
});

describe('aligning a redacted text back onto its input', () => {
  const tokens = /PHONE_NUMBER|EMAIL_ADDRESS|CREDIT_CARD_NUMBER/g;

  it('recovers each placeholder range, including adjacent ones and ones at the edges', () => {
    const text = 'call 555-0100 or mail a@b.com now';
    expect(alignRedacted(text, 'call PHONE_NUMBER or mail EMAIL_ADDRESS now', tokens)).toEqual([
      { start: 5, end: 13, label: 'PHONE_NUMBER' },
      { start: 22, end: 29, label: 'EMAIL_ADDRESS' },
    ]);
    expect(alignRedacted('4111 1111 1111 1111', 'CREDIT_CARD_NUMBER', tokens)).toEqual([
      { start: 0, end: 19, label: 'CREDIT_CARD_NUMBER' },
    ]);
    expect(alignRedacted('a@b.com x', 'EMAIL_ADDRESS x', tokens)).toEqual([
      { start: 0, end: 7, label: 'EMAIL_ADDRESS' },
    ]);
    expect(alignRedacted('same text', 'same text', tokens)).toEqual([]);
  });

  it('places a literal that also occurs inside a redacted value after the value', () => {
    // " 1" occurs inside the phone number too; the only placement that lets the rest match is kept.
    const text = 'tel 020 1234 1 end';
    expect(alignRedacted(text, 'tel PHONE_NUMBER 1 end', tokens)).toEqual([
      { start: 4, end: 12, label: 'PHONE_NUMBER' },
    ]);
  });

  it('says when the output is not the input with placeholders, and falls back to the changed region', () => {
    expect(alignRedacted('abc 123 def', 'abc PHONE_NUMBER xyz', tokens)).toBeNull();
    expect(changedRegion('abc 123 def', 'abc *** def')).toEqual([{ start: 4, end: 7, label: 'UNALIGNED' }]);
  });
});
