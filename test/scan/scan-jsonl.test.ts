import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARDS, digitsOf, interaction, parseJsonl, run, type TempDir, tempDir } from './cli.js';

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

const spoken = 'five five five five five five five five five five five five four four four four';

function sampleFile(): { path: string; texts: Map<string, string[]> } {
  const recs: [string, { speaker: 'customer' | 'agent'; text: string }[]][] = [
    [
      'ext-1',
      [
        { speaker: 'agent', text: 'What is the long number on the card?' },
        { speaker: 'customer', text: `sure, it is ${CARDS[0]} thanks` },
      ],
    ],
    ['ext-2', [{ speaker: 'customer', text: 'no sensitive data in here at all' }]],
    [
      'ext-3',
      [
        { speaker: 'agent', text: 'Go ahead with the card number please.' },
        { speaker: 'customer', text: `okay ${spoken}` },
        { speaker: 'agent', text: 'thank you' },
      ],
    ],
    ['ext-4', []],
  ];
  const texts = new Map(recs.map(([id, turns]) => [id, turns.map((x) => x.text)]));
  const path = t.write('calls.jsonl', `${recs.map(([id, turns]) => interaction(id, turns)).join('\n')}\n`);
  return { path, texts };
}

describe('sealdesk scan --format jsonl (the Findings JSON Lines contract)', () => {
  it('writes one line per record in input order, with ranges that cover the typed and spoken cards', async () => {
    const { path, texts } = sampleFile();
    const r = await run(['scan', '--format', 'jsonl', path]);
    expect(r.code).toBe(0);
    const lines = parseJsonl(r.stdout);
    expect(lines.map((l) => l.id)).toEqual(['ext-1', 'ext-2', 'ext-3', 'ext-4']);
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual(['findings', 'id']);
      for (const f of l.findings)
        expect(Object.keys(f).sort()).toEqual(['end', 'score', 'start', 'turn', 'type']);
    }
    const card = (id: string) =>
      lines.find((l) => l.id === id)!.findings.filter((f) => f['type'] === 'CREDIT_CARD');
    const [typed] = card('ext-1');
    expect(typed).toMatchObject({ turn: 1 });
    expect(texts.get('ext-1')![1]!.slice(typed!['start'] as number, typed!['end'] as number)).toBe(CARDS[0]);
    const [said] = card('ext-3');
    expect(said).toMatchObject({ turn: 1 });
    expect(texts.get('ext-3')![1]!.slice(said!['start'] as number, said!['end'] as number)).toBe(spoken);
    expect(card('ext-2')).toEqual([]);
    expect(lines[3]!.findings).toEqual([]);
    for (const f of [typed!, said!]) expect(f['score']).toBeGreaterThanOrEqual(0.5);
  });

  it('never prints values unless --show-values is given', async () => {
    const { path } = sampleFile();
    for (const format of ['text', 'json', 'jsonl']) {
      const r = await run(['scan', '--format', format, path]);
      const all = r.stdout + r.stderr;
      expect(all).not.toContain(CARDS[0]);
      expect(all).not.toContain(digitsOf(CARDS[0]!));
      expect(all).not.toContain(spoken);
    }
    const r = await run(['scan', '--format', 'jsonl', '--show-values', path]);
    const f = parseJsonl(r.stdout)[0]!.findings.find((x) => x['type'] === 'CREDIT_CARD')!;
    expect(f['value']).toBe(CARDS[0]);
  });

  it('writes to --output instead of standard output', async () => {
    const { path } = sampleFile();
    const out = `${t.dir}/report.jsonl`;
    const r = await run(['scan', '--format', 'jsonl', '-o', out, path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const { readFileSync } = await import('node:fs');
    expect(parseJsonl(readFileSync(out, 'utf8'))).toHaveLength(4);
  });

  it('reads JSON Lines from standard input with -', async () => {
    const input = `${interaction('in-1', [{ speaker: 'customer', text: `card ${CARDS[1]}` }])}\n`;
    const r = await run(['scan', '--format', 'jsonl', '-'], { input });
    expect(r.code).toBe(0);
    const [line] = parseJsonl(r.stdout);
    expect(line!.id).toBe('in-1');
    expect(line!.findings.map((f) => f['type'])).toContain('CREDIT_CARD');
  });
});

describe('exit codes', () => {
  it('exits 1 with --fail-on when a listed type is found, 0 on a clean file', async () => {
    const { path } = sampleFile();
    expect((await run(['scan', '--fail-on', 'CREDIT_CARD', path])).code).toBe(1);
    expect((await run(['scan', '--fail-on', 'any', path])).code).toBe(1);
    const clean = t.write(
      'clean.jsonl',
      `${interaction('c-1', [{ speaker: 'customer', text: 'please reprint the blue flyers' }])}\n`,
    );
    const r = await run(['scan', '--fail-on', 'CREDIT_CARD', '--format', 'jsonl', clean]);
    expect(r.code).toBe(0);
    const lines = parseJsonl(r.stdout);
    expect(lines.map((l) => l.id)).toEqual(['c-1']);
    expect(lines[0]!.findings.filter((f) => f['type'] === 'CREDIT_CARD')).toEqual([]);
  });

  it('reports a malformed line with file:line, goes on with the others, and exits 2', async () => {
    const secret = CARDS[2]!;
    const body = [
      interaction('a', [{ speaker: 'customer', text: `card ${CARDS[0]}` }]),
      `{"id":"b","channel":"chat","turns":[{"speaker":"customer","text":"${secret}"}`,
      interaction('c', [{ speaker: 'robot', text: secret }] as never),
      interaction('d', [{ speaker: 'customer', text: `card ${CARDS[1]}` }]),
    ].join('\n');
    const p = t.write('bad.jsonl', `${body}\n`);
    const r = await run(['scan', '--format', 'jsonl', '--fail-on', 'CREDIT_CARD', p]);
    expect(r.code).toBe(2); // incomplete input outranks --fail-on
    expect(parseJsonl(r.stdout).map((l) => l.id)).toEqual(['a', 'd']);
    expect(r.stderr).toContain(`${p}:2: malformed JSON`);
    expect(r.stderr).toContain(`${p}:3: turns[0].speaker: expected customer, agent or system`);
    expect(r.stderr).not.toContain(digitsOf(secret).slice(0, 8));
    expect(r.stderr).not.toContain('3782');
  });

  it('reports invalid UTF-8 by line and exits 2', async () => {
    const good = interaction('a', [{ speaker: 'customer', text: 'hello' }]);
    const bad = Buffer.concat([
      Buffer.from('{"id":"b","channel":"chat","turns":[{"speaker":"customer","text":"caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}]}'),
    ]);
    const p = t.write(
      'latin1.jsonl',
      Buffer.concat([Buffer.from(`${good}\n`), bad, Buffer.from(`\n${good}\n`)]),
    );
    const r = await run(['scan', '--format', 'jsonl', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${p}:2: invalid UTF-8`);
    expect(parseJsonl(r.stdout)).toHaveLength(2);
  });

  it('skips a binary file with a clear message, scans the rest, and exits 2', async () => {
    const bin = t.write('dir/archive.jsonl', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x41, 0x42]));
    t.write('dir/ok.jsonl', `${interaction('ok-1', [{ speaker: 'customer', text: `card ${CARDS[0]}` }])}\n`);
    const r = await run(['scan', '--format', 'jsonl', `${t.dir}/dir`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bin}: binary file`);
    expect(parseJsonl(r.stdout).map((l) => l.id)).toEqual(['ok-1']);
  });

  it('exits 2 for a missing path and for bad flags', async () => {
    const missing = await run(['scan', `${t.dir}/nope.jsonl`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.jsonl: no such file or folder');
    const { path } = sampleFile();
    const bad = [
      ['scan', '--format', 'xml', path],
      ['scan', '--types', 'CREDIT_CARDS', path],
      ['scan', '--min-score', '2', path],
      ['scan', '--workers', '0', path],
      ['scan', '--policy', 'CREDIT_CARD=mask', path],
      ['scan', '--fail-on', 'US_SSN', '--types', 'CREDIT_CARD', path],
      ['scan'],
    ];
    for (const args of bad) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
  });
});

describe('filters and reports', () => {
  it('--types limits the findings to the listed types, --min-score drops weaker ones', async () => {
    const { path } = sampleFile();
    const r = await run(['scan', '--format', 'jsonl', '--types', 'CREDIT_CARD', path]);
    const types = parseJsonl(r.stdout).flatMap((l) => l.findings.map((f) => f['type']));
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['CREDIT_CARD']));
    const all = parseJsonl((await run(['scan', '--format', 'jsonl', path])).stdout).flatMap(
      (l) => l.findings,
    );
    const strict = parseJsonl(
      (await run(['scan', '--format', 'jsonl', '--min-score', '0.999', path])).stdout,
    ).flatMap((l) => l.findings);
    expect(strict.every((f) => (f['score'] as number) >= 0.999)).toBe(true);
    expect(strict.length).toBe(all.filter((f) => (f['score'] as number) >= 0.999).length);
  });

  it('text report: one line per finding with file:line, id, turn and a masked preview, then summary tables', async () => {
    const { path } = sampleFile();
    const r = await run(['scan', path]);
    expect(r.code).toBe(0);
    const cardLines = r.stdout.split('\n').filter((l) => l.includes('CREDIT_CARD') && l.startsWith(path));
    expect(cardLines).toHaveLength(2);
    expect(cardLines[0]).toMatch(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1  ext-1 turn 1 \\d+-\\d+  CREDIT_CARD  0\\.\\d\\d  \\*{4} \\*{4} \\*{4} 1111`,
      ),
    );
    expect(r.stdout).toMatch(/Summary: 1 file, 4 records, \d+ findings? in \d+ records?/);
    expect(r.stdout).toMatch(/TYPE\s+FINDINGS\s+RECORDS/);
    expect(r.stdout).toMatch(/CREDIT_CARD\s+2\s+2/);
    expect(r.stdout).toMatch(/FILE\s+RECORDS\s+FINDINGS\s+ERRORS/);
  });

  it('json report: records, files with errors, and a summary', async () => {
    const p = t.write(
      'x.jsonl',
      `${interaction('a', [{ speaker: 'customer', text: `card ${CARDS[0]}` }])}\nnot json\n`,
    );
    const r = await run(['scan', '--format', 'json', p]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.records).toHaveLength(1);
    expect(doc.records[0]).toMatchObject({ file: p, line: 1, id: 'a' });
    expect(doc.files[0]).toMatchObject({ path: p, format: 'jsonl', records: 1, readable: true });
    expect(doc.files[0].errors).toEqual([{ line: 2, code: 'E_JSON_SYNTAX', message: 'malformed JSON' }]);
    expect(doc.summary).toMatchObject({ files: 1, records: 1, errors: 1, exit_code: 2 });
    expect(doc.summary.by_type.CREDIT_CARD).toEqual({ findings: 1, records: 1 });
  });

  it('--quiet prints no report in text format but keeps the exit code', async () => {
    const { path } = sampleFile();
    const r = await run(['scan', '-q', '--fail-on', 'CREDIT_CARD', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });
});
