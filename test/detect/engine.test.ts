import { describe, expect, it } from 'vitest';
import type { Finding, Turn } from '../../src/detect/index.js';
import {
  Analyzer,
  createAnalyzer,
  DetectError,
  detectConversation,
  findNumberSpans,
  RecognizerRegistry,
  redact,
  redactConversation,
  resolveOverlaps,
  splitChains,
} from '../../src/detect/index.js';

const digitsOf = (text: string) => findNumberSpans(text).map((s) => s.digits);

describe('number spans', () => {
  it('reads spoken numbers digit by digit, not as cardinals', () => {
    expect(digitsOf('seven eighty eight')).toEqual(['788']);
    expect(digitsOf('forty one eleven')).toEqual(['4111']);
    expect(digitsOf('forty-one')).toEqual(['41']);
    expect(digitsOf('double five triple zero')).toEqual(['55000']);
    expect(digitsOf('oh seven seven hundred nine hundred one two three')).toEqual(['07700900123']);
    expect(digitsOf('nineteen eighty five')).toEqual(['1985']);
  });

  it('joins groups across fillers and separators, breaks on other words', () => {
    expect(digitsOf('four one uh one one, um one one dash one one')).toEqual(['41111111']);
    expect(digitsOf('4111 1111 and then 2222')).toEqual(['41111111', '2222']);
  });

  it('ignores "double"/"triple" that are not followed by a digit, and a lone "oh"', () => {
    expect(digitsOf('one double mocha and a triple latte')).toEqual(['1']);
    expect(digitsOf('oh, I see')).toEqual([]);
  });

  it('skips digits glued to letters (SKUs, postcodes)', () => {
    expect(digitsOf('SKU AB4411 and SW1A 2AA')).toEqual([]);
  });

  it('maps every digit back to the words that produced it', () => {
    const text = 'it is four one, double one';
    const [span] = findNumberSpans(text);
    expect(text.slice(span!.start, span!.end)).toBe('four one, double one');
    expect(text.slice(span!.starts[2]!, span!.ends[2]!)).toBe('double one');
  });
});

describe('registry and custom recognizers', () => {
  it('adds a configured pattern recognizer with context and a validator', () => {
    const analyzer = createAnalyzer({
      recognizers: [
        {
          name: 'employee-id',
          type: 'EMPLOYEE_ID',
          patterns: ['\\bEMP-\\d{6}\\b'],
          context: ['employee'],
          score: 0.4,
          contextScore: 0.9,
        },
      ],
    });
    expect(analyzer.detect('ticket EMP-123456 closed')).toEqual([]);
    const found = analyzer.detect('my employee number is EMP-123456');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'EMPLOYEE_ID', start: 22, end: 32, score: 0.9 });
  });

  it('applies a named validator', () => {
    const analyzer = createAnalyzer({
      disable: ['credit-card'],
      recognizers: [{ name: 'luhn16', type: 'LUHN_NUMBER', patterns: ['\\b\\d{16}\\b'], validator: 'luhn' }],
    });
    expect(analyzer.detect('4111111111111111').map((f) => f.type)).toEqual(['LUHN_NUMBER']);
    expect(analyzer.detect('4111111111111112')).toEqual([]);
  });

  it('refuses patterns that can backtrack catastrophically, and bad configuration', () => {
    const bad = (patterns: string[]) => () =>
      createAnalyzer({ recognizers: [{ name: 'x', type: 'X', patterns }] });
    expect(bad(['(a+)+$'])).toThrow(/E_PATTERN_UNSAFE/);
    expect(bad(['(\\w+)\\1'])).toThrow(/E_PATTERN_UNSAFE/);
    expect(bad(['(unclosed'])).toThrow(/E_PATTERN_INVALID/);
    expect(() => createAnalyzer({ recognizers: [{ name: 'x', type: 'lower', patterns: ['a'] }] })).toThrow(
      /E_RECOGNIZER_CONFIG/,
    );
  });

  it('refuses two recognizers with one name', () => {
    const r = { name: 'dup', types: ['X'], analyze() {} };
    expect(() => new RecognizerRegistry([r, r])).toThrow(DetectError);
  });

  it('runs only the recognizers that can emit the requested types', () => {
    const analyzer = new Analyzer(createAnalyzer().registry);
    const text = 'card 4111 1111 1111 1111';
    expect(analyzer.detect(text, { types: ['EMAIL_ADDRESS'] })).toEqual([]);
    expect(analyzer.detect(text, { types: ['CREDIT_CARD'] })).toHaveLength(1);
  });
});

describe('overlaps', () => {
  const f = (type: string, start: number, end: number, score: number): Finding => ({
    type,
    start,
    end,
    score,
    recognizer: 't',
  });
  it('keeps the best of overlapping findings and all disjoint ones', () => {
    const kept = resolveOverlaps([
      f('PHONE_NUMBER', 0, 10, 0.6),
      f('CREDIT_CARD', 0, 19, 0.99),
      f('PERSON', 20, 24, 0.8),
    ]);
    expect(kept.map((k) => k.type)).toEqual(['CREDIT_CARD', 'PERSON']);
  });
});

const t = (speaker: Turn['speaker'], text: string): Turn => ({ speaker, text });

describe('split chains', () => {
  it('chains one speaker across short interjections only', () => {
    expect(splitChains([t('customer', '4111'), t('agent', 'mhm'), t('customer', '1111')])).toEqual([[0, 2]]);
    expect(
      splitChains([
        t('customer', '4111'),
        t('agent', 'could you repeat the whole thing please'),
        t('customer', '1111'),
      ]),
    ).toEqual([]);
  });

  it('chains across a prompt for the rest of the number, not across a question for something else', () => {
    const prompt = (q: string) =>
      splitChains([t('customer', '4111 1111'), t('agent', q), t('customer', '1111 1111')]);
    expect(prompt('got it, and the last four?')).toEqual([[0, 2]]);
    expect(prompt('and the rest?')).toEqual([[0, 2]]);
    expect(prompt('and the expiry date?')).toEqual([]);
    expect(prompt('what is the 3 digit code?')).toEqual([]);
  });

  it('chains across a read-back of the group just said, and redacts the read-back as part of the card', () => {
    const turns = [
      t('customer', "it's five five five five"),
      t('agent', 'five five five five, okay'),
      t('customer', 'then five five five five'),
      t('agent', 'mhm'),
      t('customer', 'five five five five'),
      t('agent', 'okay'),
      t('customer', 'four four four four'),
    ];
    expect(splitChains(turns)).toEqual([[0, 2, 4, 6]]);
    const found = detectConversation(turns);
    expect(found.map((f) => [f.turn, f.type, turns[f.turn]!.text.slice(f.start, f.end)])).toEqual([
      [0, 'CREDIT_CARD', 'five five five five'],
      [1, 'CREDIT_CARD', 'five five five five'],
      [2, 'CREDIT_CARD', 'five five five five'],
      [4, 'CREDIT_CARD', 'five five five five'],
      [6, 'CREDIT_CARD', 'four four four four'],
    ]);
    const red = redactConversation(
      turns.map((x) => x.text),
      found,
    ).texts;
    expect(red.slice(0, 3)).toEqual(["it's ****", '****, okay', 'then ****']);
    expect(red[6]).toBe('4444');
    // Other digits are no read-back: the agent's own number ends the chain.
    expect(
      splitChains([t('customer', '4111 1111'), t('agent', 'call 555 0100'), t('customer', '1111 1111')]),
    ).toEqual([]);
  });
});

describe('redaction operators', () => {
  const key = new Uint8Array(32).fill(3);
  const text = 'card 4111 1111 1111 1111 code 123';
  const findings: Finding[] = [
    { type: 'CREDIT_CARD', start: 5, end: 24, score: 0.99, recognizer: 't', normalized: '4111111111111111' },
    { type: 'CARD_CVV', start: 30, end: 33, score: 0.9, recognizer: 't' },
  ];

  it('applies the default policy: card masked, CVV removed', () => {
    expect(redact(text, findings).text).toBe('card **** **** **** 1111 code ');
  });

  it('replaces, fingerprints and removes by policy; a CVV never gets a fingerprint', () => {
    const r = redact(text, findings, { policy: { default: 'fingerprint' }, fingerprintKey: key });
    expect(r.text).toMatch(/^card \[CREDIT_CARD:[0-9a-f]{12}\] code $/);
    expect(r.items[1]).toMatchObject({ type: 'CARD_CVV', operator: 'remove' });
    expect(r.items[1]?.fingerprint).toBeUndefined();
    expect(redact(text, findings, { policy: { default: 'replace' } }).text).toBe(
      'card [CREDIT_CARD] code [CARD_CVV]',
    );
  });

  it('gives the same fingerprint to the same value spoken and typed, and another under another key', () => {
    const spoken = 'four one one one one one one one one one one one one one one one';
    const a = redact(text, findings, { fingerprintKey: key }).items[0]?.fingerprint;
    const b = redact(spoken, [{ ...findings[0]!, start: 0, end: spoken.length, spoken: true }], {
      fingerprintKey: key,
    }).items[0]?.fingerprint;
    const c = redact(text, findings, { fingerprintKey: new Uint8Array(32).fill(4) }).items[0]?.fingerprint;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('refuses the fingerprint operator without a key, and bad ranges', () => {
    expect(() => redact(text, findings, { policy: { CREDIT_CARD: 'fingerprint' } })).toThrow(
      /E_FINGERPRINT_KEY/,
    );
    expect(() => redact('short', findings)).toThrow(/E_REDACT_RANGE/);
  });

  it('redacts a conversation turn by turn', () => {
    const r = redactConversation(
      ['hello', text],
      findings.map((x) => ({ ...x, turn: 1 })),
    );
    expect(r.texts).toEqual(['hello', 'card **** **** **** 1111 code ']);
    expect(r.items.every((i) => i.turn === 1)).toBe(true);
  });

  it('shows the last four of a split card only in the part that holds them', () => {
    const convo = [t('customer', 'my card is 4111 1111'), t('agent', 'mhm'), t('customer', '1111 1111')];
    const found = detectConversation(convo);
    const parts = found.filter((f) => f.type === 'CREDIT_CARD');
    expect(parts.map((f) => [f.turn, f.part])).toEqual([
      [0, { from: 0, to: 8 }],
      [2, { from: 8, to: 16 }],
    ]);
    const r = redactConversation(
      convo.map((x) => x.text),
      found,
    );
    expect(r.texts).toEqual(['my card is **** ****', 'mhm', '**** 1111']);
  });

  it('masks spoken split parts digit for digit, the last four as digits', () => {
    const convo = [
      t('agent', 'can I take the long card number please'),
      t('customer', 'okay four oh one two eight eight eight eight'),
      t('agent', 'go on'),
      t('customer', 'eight eight eight eight one eight eight one'),
    ];
    const found = detectConversation(convo).filter((f) => f.type === 'CREDIT_CARD');
    const r = redactConversation(
      convo.map((x) => x.text),
      found,
    );
    expect(r.texts[1]).toBe('okay ********');
    expect(r.texts[3]).toBe('****1881');
  });

  it('splits the last four over two parts when the last part is short', () => {
    const convo = [
      t('customer', 'the card is four oh one two eight eight eight eight eight eight eight eight one eight'),
      t('agent', 'okay'),
      t('customer', 'eight one'),
    ];
    const found = detectConversation(convo).filter((f) => f.type === 'CREDIT_CARD');
    const r = redactConversation(
      convo.map((x) => x.text),
      found,
    );
    expect(r.texts).toEqual(['the card is ************18', 'okay', '81']);
  });
});
