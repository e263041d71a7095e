import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARDS, digitsOf, interaction, parseJsonl, run, type TempDir, tempDir } from './cli.js';

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

function email(id: string, body: string, extra: string[] = []): string {
  return [
    'From: Jane Doe <jane@example.com>',
    'To: Support <help@company.example>',
    `Subject: Order ${id}`,
    'Date: Mon, 02 Sep 2019 10:00:00 +0000',
    `Message-ID: <${id}@example.com>`,
    ...extra,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

describe('folders', () => {
  it('recurses in a stable order, scans known extensions, and lists skipped files only with --verbose', async () => {
    t.write(
      'in/b/deep/z.jsonl',
      `${interaction('z', [{ speaker: 'customer', text: `card ${CARDS[0]}` }])}\n`,
    );
    t.write('in/a.jsonl', `${interaction('a', [{ speaker: 'customer', text: 'hello' }])}\n`);
    t.write('in/b/notes.txt', `call back about card ${CARDS[1]}\n`);
    t.write('in/b/image.png', 'not really an image');
    const r = await run(['scan', '--format', 'json', 'in'], { cwd: t.dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual([
      'in/a.jsonl',
      'in/b/deep/z.jsonl',
      'in/b/notes.txt',
    ]);
    expect(doc.records.map((x: { id: string }) => x.id)).toEqual(['a', 'z', 'line 1']);
    expect(r.stderr).not.toContain('image.png');
    const v = await run(['scan', '--verbose', 'in'], { cwd: t.dir });
    expect(v.stderr).toContain('skipped in/b/image.png (unknown extension)');
  });
});

describe('plain text', () => {
  it('reports line and column, and finds a number split over two lines', async () => {
    const p = t.write('n.txt', `first line\nthe card is 4111 1111\n1111 1111 and that is all\n`);
    const r = await run(['scan', '--format', 'json', p]);
    const doc = JSON.parse(r.stdout);
    const found = doc.records[0].findings.filter((f: { type: string }) => f.type === 'CREDIT_CARD');
    expect(found.map((f: { line: number; split?: boolean }) => [f.line, f.split])).toEqual([
      [2, true],
      [3, true],
    ]);
    const text = await run(['scan', p]);
    expect(text.stdout).toContain(`${p}:2:13  CREDIT_CARD`);
    expect(text.stdout).toContain(`${p}:3:1  CREDIT_CARD`);
  });

  it('reads a labelled call transcript by speaker, and keeps the labels in the redacted copy', async () => {
    const lines = [
      '[00:00:05] Agent: Thank you for calling, how can I help?',
      '[00:00:09] Customer: I want to update my card, the number is four one one one one one one one',
      '[00:00:15] Agent: mhm',
      '[00:00:16] Customer: one one one one one one one one',
      '[00:00:20] Agent: and the expiry?',
      '[00:00:22] Customer: oh nine twenty seven',
      '[00:00:25] Agent (Dana): and the security code on the back?',
      '[00:00:27] Customer: three four five',
    ];
    const p = t.write('call.txt', `${lines.join('\n')}\n`);
    const r = await run(['scan', '--format', 'json', '--redact', 'out', p], { cwd: t.dir });
    const doc = JSON.parse(r.stdout);
    const found = doc.records[0].findings.map((f: { type: string; line: number; start: number }) => [
      f.type,
      f.line,
      f.start,
    ]);
    // Positions are those of the lines as written, after the labels.
    expect(found).toEqual([
      ['CREDIT_CARD', 2, lines[1]!.indexOf('four one')],
      ['CREDIT_CARD', 4, 21],
      ['CARD_EXPIRY', 6, 21],
      // The name in the agent's label is a person's: found by the reader, redacted in the copy.
      ['PERSON', 7, lines[6]!.indexOf('Dana')],
      ['CARD_CVV', 8, 21],
    ]);
    const copy = readFileSync(join(t.dir, 'out/call.txt'), 'utf8').split('\n');
    expect(copy[1]).toBe('[00:00:09] Customer: I want to update my card, the number is ********');
    expect(copy[3]).toBe('[00:00:16] Customer: ****1111');
    expect(copy[5]).toBe('[00:00:22] Customer: [CARD_EXPIRY]');
    expect(copy[6]).toBe(lines[6]!.replace('Dana', '[PERSON]'));
    expect(copy[7]).toBe('[00:00:27] Customer: ');
    // Values are cut from the lines as written, labels included.
    const shown = await run(['scan', '--format', 'jsonl', '--show-values', p], { cwd: t.dir });
    const values = parseJsonl(shown.stdout)[0]!.findings.map((f) => f.value);
    expect(values).toContain('Dana');
  });
});

describe('CSV', () => {
  const csv = [
    'id,customer_note,agent_note,amount',
    `T-1,"paid with ${CARDS[0]}, thanks",ok,10`,
    `T-2,nothing to see,"customer read out ${CARDS[1]}",20`,
    ',"multi',
    `line ${CARDS[3]}",x,30`,
  ].join('\n');

  it('scans every column but the id by default, with row ids and lines', async () => {
    const p = t.write('t.csv', `${csv}\n`);
    const r = await run(['scan', '--format', 'json', p]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.records.map((x: { id: string; line: number }) => [x.id, x.line])).toEqual([
      ['T-1', 2],
      ['T-2', 3],
      ['row 3', 4],
    ]);
    const cols = doc.records.map((x: { findings: { type: string; column: string }[] }) =>
      x.findings.filter((f) => f.type === 'CREDIT_CARD').map((f) => f.column),
    );
    expect(cols).toEqual([['customer_note'], ['agent_note'], ['customer_note']]);
  });

  it('--column chooses the text columns; turn is the index among them', async () => {
    const p = t.write('t.csv', `${csv}\n`);
    const r = await run(['scan', '--format', 'jsonl', '--column', 'agent_note', '--types', 'CREDIT_CARD', p]);
    expect(r.code).toBe(0);
    const lines = parseJsonl(r.stdout);
    expect(lines.map((l) => [l.id, l.findings.map((f) => f['turn'])])).toEqual([
      ['T-1', []],
      ['T-2', [0]],
      ['row 3', []],
    ]);
    const missing = await run(['scan', '--column', 'nope', p]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no column named "nope"');
  });
});

describe('email', () => {
  it('scans an .eml message body', async () => {
    const p = t.write('m.eml', email('m1', `Hello,\r\nplease charge ${CARDS[0]} for the order.`));
    const r = await run(['scan', '--format', 'jsonl', '--types', 'CREDIT_CARD', p]);
    expect(r.code).toBe(0);
    expect(parseJsonl(r.stdout)).toEqual([
      { id: 'm1@example.com', findings: [expect.objectContaining({ turn: 0, type: 'CREDIT_CARD' })] },
    ]);
  });

  it('scans every message of an .mbox in order', async () => {
    const box = [
      `From jane@example.com Mon Sep  2 10:00:00 2019\n${email('a', 'no card here')}`,
      `From jane@example.com Mon Sep  2 11:00:00 2019\n${email('b', `my card ${CARDS[1]}`, ['In-Reply-To: <a@example.com>'])}`,
      `From jane@example.com Mon Sep  2 12:00:00 2019\n${email('c', '>From the shop, card 6011 1111 1111 1117')}`,
    ].join('\n');
    const p = t.write('box.mbox', `${box}\n`);
    const r = await run(['scan', '--format', 'jsonl', '--types', 'CREDIT_CARD', p]);
    expect(r.code).toBe(0);
    const lines = parseJsonl(r.stdout);
    expect(lines.map((l) => [l.id, l.findings.length])).toEqual([
      ['a@example.com', 0],
      ['b@example.com', 1],
      ['c@example.com', 1],
    ]);
    expect(r.stdout).not.toContain(digitsOf(CARDS[1]!));
  });
});
