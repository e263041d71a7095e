import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/formats/html.js';
import { readText, textRecordToString } from '../../src/formats/text.js';
import { chunks, collect } from './helpers.js';

describe('readText', () => {
  it('makes one record of a small file, one turn per line, and restores it byte for byte', async () => {
    const input = 'first line\r\nsecond\n\nfourth';
    const items = await collect(readText(chunks(input), { file: 't.txt' }));
    expect(items).toHaveLength(1);
    const rec = items[0]!.record!;
    expect(rec.id).toBe('line 1');
    expect(rec.lines.map((l) => [l.line, l.text])).toEqual([
      [1, 'first line'],
      [2, 'second'],
      [3, ''],
      [4, 'fourth'],
    ]);
    expect(textRecordToString(rec.lines)).toBe(input);
  });

  it('cuts a large file into records at blank lines, bounded in size', async () => {
    const para = `${'word '.repeat(30)}\n`.repeat(5);
    const input = `${para}\n`.repeat(200); // ~155 KB, a blank line every 6 lines
    const items = await collect(
      readText(chunks(input), { file: 't.txt', recordBytes: 10_000, maxRecordBytes: 40_000 }),
    );
    const records = items.map((i) => i.record!);
    expect(records.length).toBeGreaterThan(5);
    let expectedLine = 1;
    for (const r of records) {
      expect(r.firstLine).toBe(expectedLine);
      expect(r.id).toBe(`line ${r.firstLine}`);
      expect(r.lines[r.lines.length - 1]!.text.trim() === '' || r === records[records.length - 1]).toBe(true);
      const size = r.lines.reduce((n, l) => n + l.text.length + 1, 0);
      expect(size).toBeLessThanOrEqual(40_000);
      expectedLine = r.lines[r.lines.length - 1]!.line + 1;
    }
    expect(records.map((r) => textRecordToString(r.lines)).join('')).toBe(input);
  });

  it('cuts at the hard limit when there is no blank line', async () => {
    const input = 'abcdefghij\n'.repeat(10_000);
    const records = (
      await collect(readText(chunks(input), { file: 't', recordBytes: 5_000, maxRecordBytes: 20_000 }))
    ).map((i) => i.record!);
    expect(records.length).toBeGreaterThanOrEqual(5);
    for (const r of records) expect(r.lines.length * 11).toBeLessThanOrEqual(20_000);
  });

  it('splits an over-long line into pieces with column offsets', async () => {
    const line = `${'abc '.repeat(100)}end`;
    const rec = (await collect(readText(chunks(`${line}\nnext\n`), { file: 't', maxLineBytes: 64 })))[0]!
      .record!;
    const pieces = rec.lines.filter((l) => l.line === 1);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(line.slice(p.col, p.col + p.text.length)).toBe(p.text);
    expect(textRecordToString(rec.lines)).toBe(`${line}\nnext\n`);
  });

  it('reports invalid UTF-8 by line and still scans the line', async () => {
    const bytes = Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0xff, 0xfe]), Buffer.from(' here\n')]);
    const items = await collect(readText(chunks(bytes), { file: 'u.txt' }));
    expect(items[0]!.error?.message).toMatch(/^u\.txt:2: invalid UTF-8/);
    expect(items[1]!.record!.lines[1]!.text).toContain('here');
  });
});

describe('htmlToText', () => {
  it('keeps text, breaks lines at blocks, drops scripts and decodes entities', () => {
    const html =
      '<html><head><style>p{}</style></head><body><p>Hello&nbsp;<b>Jane</b></p><script>var x="<p>";</script><div>card 4111&#32;1111</div><!-- hidden --></body></html>';
    expect(htmlToText(html)).toBe('Hello Jane\n\ncard 4111 1111');
  });

  it('runs in linear time on hostile markup', () => {
    const hostile = '<script'.repeat(100_000) + '<!--'.repeat(100_000) + '&#'.repeat(100_000);
    const t = performance.now();
    htmlToText(hostile);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
