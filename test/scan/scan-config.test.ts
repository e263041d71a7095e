import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeKey, parsePolicySpec, parseScanConfig } from '../../src/config/index.js';
import { CARDS, interaction, parseJsonl, run, type TempDir, tempDir } from './cli.js';

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

const orderRecognizer = {
  name: 'order-ref',
  type: 'ORDER_REFERENCE',
  patterns: ['\\bPO-\\d{6}\\b'],
  context: ['order'],
  score: 0.4,
  contextScore: 0.9,
};

function input(): string {
  return t.write(
    'o.jsonl',
    [
      interaction('a', [{ speaker: 'customer', text: `my order is PO-123456 and card ${CARDS[0]}` }]),
      interaction('b', [{ speaker: 'customer', text: 'reference PO-654321 without context' }]),
    ].join('\n'),
  );
}

describe('--config', () => {
  it('adds a custom recognizer (inline and in worker threads)', async () => {
    const p = input();
    const cfg = t.write('c.json', JSON.stringify({ recognizers: [orderRecognizer] }));
    for (const workers of ['1', '2']) {
      const r = await run([
        'scan',
        '--format',
        'jsonl',
        '--config',
        cfg,
        '--workers',
        workers,
        '--types',
        'ORDER_REFERENCE',
        p,
      ]);
      expect(r.code).toBe(0);
      const lines = parseJsonl(r.stdout);
      const text = 'my order is PO-123456 and card 4111 1111 1111 1111';
      const [f] = lines[0]!.findings;
      expect(f).toMatchObject({ type: 'ORDER_REFERENCE', turn: 0 });
      expect(text.slice(f!['start'] as number, f!['end'] as number)).toBe('PO-123456');
      // Without a context word the score (0.4) is under the default minimum.
      expect(lines[1]!.findings).toEqual([]);
    }
    const fail = await run(['scan', '--config', cfg, '--fail-on', 'ORDER_REFERENCE', '-q', p]);
    expect(fail.code).toBe(1);
  });

  it('disables built-in recognizers', async () => {
    const p = input();
    const cfg = t.write('c.json', JSON.stringify({ disable: ['credit-card'] }));
    const r = await run(['scan', '--format', 'jsonl', '--config', cfg, p]);
    expect(r.code).toBe(0);
    expect(
      parseJsonl(r.stdout)
        .flatMap((l) => l.findings)
        .filter((f) => f['type'] === 'CREDIT_CARD'),
    ).toEqual([]);
  });

  it('reports no speaker-label names when the person recognizer is disabled', async () => {
    const p = t.write('call.txt', '[10:01] Rep (Dana): hello\n[10:02] Customer: hi\n');
    const cfg = t.write('c.json', JSON.stringify({ disable: ['person'] }));
    const off = await run(['scan', '--format', 'jsonl', '--config', cfg, p]);
    expect(parseJsonl(off.stdout).flatMap((l) => l.findings)).toEqual([]);
    const on = await run(['scan', '--format', 'jsonl', p]);
    expect(parseJsonl(on.stdout).flatMap((l) => l.findings.map((f) => f['type']))).toEqual(['PERSON']);
  });

  it('names the path inside the file for a bad configuration', async () => {
    const p = input();
    const cases: [unknown, RegExp][] = [
      [
        { recognizers: [{ ...orderRecognizer, patterns: ['(a+)+$'] }] },
        /recognizers\[0\]\.patterns\[0\]: .*nested quantifiers/,
      ],
      [
        { recognizers: [{ ...orderRecognizer, validator: 'eval' }] },
        /recognizers\[0\]\.validator: expected luhn, iban-mod97, aba/,
      ],
      [
        { recognizers: [{ ...orderRecognizer, type: 'lower' }] },
        /recognizers\[0\]\.type: expected an UPPER_SNAKE_CASE type/,
      ],
      [{ disable: ['no-such'] }, /disable\[0\]: no built-in recognizer named "no-such"/],
      [
        { policy: { CREDIT_CARD: 'shred' } },
        /policy\.CREDIT_CARD: expected mask, replace, fingerprint, remove/,
      ],
      [{ colour: 1 }, /\(record\): unknown key "colour"/],
    ];
    for (const [cfg, message] of cases) {
      const file = t.write('bad.json', JSON.stringify(cfg));
      const r = await run(['scan', '--config', file, p]);
      expect(r.code, JSON.stringify(cfg)).toBe(2);
      expect(r.stderr, JSON.stringify(cfg)).toMatch(message);
      expect(r.stderr).toContain(file);
    }
    const broken = t.write('broken.json', '{\n  "disable": [\n');
    const r = await run(['scan', '--config', broken, p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.json: malformed JSON/);
  });
});

describe('configuration helpers', () => {
  it('parses policy specs and rejects unknown operators', () => {
    expect(parsePolicySpec('CREDIT_CARD=mask, EMAIL_ADDRESS=fingerprint,default=remove')).toEqual({
      CREDIT_CARD: 'mask',
      EMAIL_ADDRESS: 'fingerprint',
      default: 'remove',
    });
    expect(() => parsePolicySpec('CREDIT_CARD=shred')).toThrow(/unknown operator "shred"/);
    expect(() => parsePolicySpec('credit card=mask')).toThrow(/not an entity type/);
  });

  it('decodes keys as hex or base64 and never echoes them', () => {
    const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
    expect(Buffer.from(decodeKey(bytes.toString('hex'), 'k'))).toEqual(bytes);
    expect(Buffer.from(decodeKey(bytes.toString('base64'), 'k'))).toEqual(bytes);
    const short = Buffer.from('secret-short').toString('base64');
    expect(() => decodeKey(short, 'k')).toThrow(/too short/);
    let message = '';
    try {
      decodeKey(`${short}!!`, 'k');
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/base64 or hex/);
    expect(message).not.toContain(short);
  });

  it('accepts a valid configuration object', () => {
    const cfg = parseScanConfig(
      { recognizers: [orderRecognizer], policy: { ORDER_REFERENCE: 'replace' } },
      'x.json',
    );
    expect(cfg.recognizers[0]!.name).toBe('order-ref');
    expect(cfg.policy).toEqual({ ORDER_REFERENCE: 'replace' });
  });
});

describe('sealdesk start', () => {
  it('scans the bundled synthetic sample and says the server is not built yet', async () => {
    const r = await run(['start']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('server is not built yet');
    expect(r.stdout).toMatch(/interactions\.jsonl:\d+ +\S+ turn \d+ \d+-\d+ {2}CREDIT_CARD/);
    expect(r.stdout).toMatch(/Summary: 1 file, 20 records/);
    // No full card number from the sample leaks into the report.
    expect(r.stdout).not.toMatch(/\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}/);
    expect(r.stdout).not.toMatch(/(?:one|four|five) (?:one|four|five) (?:one|four|five) (?:one|four|five)/);
  });
});
