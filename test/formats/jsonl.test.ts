import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJsonLines, readJsonLinesFile } from '../../src/formats/jsonl.js';
import { splitLines } from '../../src/formats/lines.js';
import { chunks, collect, tempDir } from './helpers.js';

const rec = (id: string, text = 'hello') =>
  JSON.stringify({ id, channel: 'chat', turns: [{ speaker: 'customer', text }] });

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('splitLines', () => {
  it('splits on LF across arbitrary chunk boundaries and keeps CRLF information', async () => {
    const text = 'alpha\r\nbeta\ngamma';
    // Every possible single split point.
    for (let cut = 0; cut <= text.length; cut++) {
      const lines = await collect(splitLines(chunks(text.slice(0, cut), text.slice(cut)), { file: 'f' }));
      expect(lines.map((l) => l.bytes.toString())).toEqual(['alpha', 'beta', 'gamma']);
      expect(lines.map((l) => l.eol)).toEqual(['\r\n', '\n', '']);
      expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
    }
  });

  it('drops an over-long line in error mode and goes on', async () => {
    const long = 'x'.repeat(100);
    const lines = await collect(
      splitLines(chunks('ok\n', long.slice(0, 40), long.slice(40), '\nnext\n'), {
        file: 'f',
        maxLineBytes: 50,
      }),
    );
    expect(lines.map((l) => [l.line, l.tooLong === true, l.bytes.toString()])).toEqual([
      [1, false, 'ok'],
      [2, true, ''],
      [3, false, 'next'],
    ]);
  });

  it('splits an over-long line into pieces on a character boundary in split mode', async () => {
    const line = 'é'.repeat(60); // 120 bytes, two bytes per character
    const pieces = await collect(
      splitLines(chunks(`${line}\n`), { file: 'f', maxLineBytes: 51, overlong: 'split' }),
    );
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((p) => p.bytes.toString('utf8')).join('')).toBe(line);
    for (const p of pieces) expect(p.bytes.toString('utf8')).not.toContain('\uFFFD');
  });

  it('rejects a binary file', async () => {
    await expect(
      collect(splitLines(chunks(Buffer.from([0x50, 0x4b, 0x03, 0x00, 0x04])), { file: 'x.bin' })),
    ).rejects.toThrow(/binary file/);
  });
});

describe('readJsonLines', () => {
  it('reads records and reports bad lines with their number, without their content', async () => {
    const secret = '4111 1111 1111 1111';
    const input = [
      rec('a'),
      `{"id":"b","channel":"chat","turns":[{"speaker":"customer","text":"${secret}"`,
      '',
      JSON.stringify({ id: 'c', channel: 'chat', turns: [{ speaker: 'bot', text: secret }] }),
      JSON.stringify({ id: 'd', channel: 'fax', turns: [] }),
      '[1,2]',
      rec('e'),
    ].join('\n');
    const items = await collect(readJsonLines(chunks(input), { file: 'in.jsonl' }));
    expect(
      items.map((i) => (i.record ? `ok:${i.record.id}@${i.line}` : `${i.error.code}@${i.line}`)),
    ).toEqual(['ok:a@1', 'E_JSON_SYNTAX@2', 'E_SCHEMA@4', 'E_SCHEMA@5', 'E_SCHEMA@6', 'ok:e@7']);
    const schema = items[2]!.error!;
    expect(schema.message).toBe('in.jsonl:4: turns[0].speaker: expected customer, agent or system');
    expect(schema.field).toBe('turns[0].speaker');
    expect(items[3]!.error!.message).toContain('channel: expected call, chat or email');
    for (const i of items) if (i.error) expect(i.error.message).not.toContain('4111');
  });

  it('reports invalid UTF-8 on the right line even when a chunk boundary cuts a character', async () => {
    const good = Buffer.from(`${rec('a', 'café')}\n`);
    const bad = Buffer.concat([
      Buffer.from('{"id":"b","channel":"chat","turns":[{"speaker":"customer","text":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}]}\n'),
    ]);
    const after = Buffer.from(`${rec('c', 'naïve')}\n`);
    const all = Buffer.concat([good, bad, after]);
    for (let cut = 1; cut < all.length; cut += 7) {
      const items = await collect(
        readJsonLines(chunks(all.subarray(0, cut), all.subarray(cut)), { file: 'u.jsonl' }),
      );
      expect(items.map((i) => i.record?.id ?? i.error?.code)).toEqual(['a', 'E_INVALID_UTF8', 'c']);
      expect(items[1]!.line).toBe(2);
      expect(items[0]!.record!.turns[0]!.text).toBe('café');
    }
  });

  it('keeps every field of the raw object and accepts CRLF and a BOM', async () => {
    const line = JSON.stringify({
      id: 7,
      channel: 'email',
      custom: { a: 1 },
      turns: [{ speaker: 'agent', text: 'x', to: 'a@example.com' }],
    });
    const items = await collect(readJsonLines(chunks(`\uFEFF${line}\r\n`), { file: 'x' }));
    expect(items).toHaveLength(1);
    expect(items[0]!.record!.id).toBe('7');
    expect(items[0]!.record!.turns[0]!.to).toEqual(['a@example.com']);
    expect(items[0]!.raw!['custom']).toEqual({ a: 1 });
  });

  it('reads a file and reports a missing one as E_READ', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const p = join(t.dir, 'a.jsonl');
    writeFileSync(p, `${rec('1')}\n${rec('2')}\n`);
    expect((await collect(readJsonLinesFile(p))).map((i) => i.record?.id)).toEqual(['1', '2']);
    await expect(collect(readJsonLinesFile(join(t.dir, 'missing.jsonl')))).rejects.toMatchObject({
      code: 'E_READ',
    });
  });
});
