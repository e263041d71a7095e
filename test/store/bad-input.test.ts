/**
 * Invariant 6: bad input gets a clear error naming the record and line, nothing stored is lost or
 * half-written, and the other records still import. Also wrong or missing keys, and corrupted
 * ciphertext: errors name where, never a value or a key.
 */
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyFile } from '../../src/crypto/index.js';
import { runImport } from '../../src/ingest/index.js';
import { rowCounts } from '../../src/store/index.js';
import { makeFixture } from './fixture.js';
import { DIALECTS, freshStore, openStore } from './helpers.js';

/** The error a promise rejects with (fails the test if it resolves). */
async function failure(p: Promise<unknown>): Promise<Error & { code: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code: string };
  }
  throw new Error('expected a failure');
}

describe.each(DIALECTS)('bad input on %s', (dialect) => {
  const t = freshStore(dialect);
  const fx = makeFixture(9, 5);

  it('rejects malformed lines by file and line, imports the rest', async () => {
    const lines = [...fx.lines];
    lines.splice(2, 0, '{"id": "broken", "channel": "call", "turns": [');
    lines.splice(
      4,
      0,
      JSON.stringify({
        id: 'no-speaker',
        channel: 'chat',
        customer: { email: 'a@example.com' },
        turns: [{ text: 'hi' }],
      }),
    );
    lines.splice(
      6,
      0,
      JSON.stringify({
        id: 'nobody',
        channel: 'chat',
        turns: [{ speaker: 'customer', text: 'my card is 4111 1111 1111 1111' }],
      }),
    );
    lines.splice(
      8,
      0,
      JSON.stringify({ id: 'bad-phone', channel: 'call', customer: { phone: '12' }, turns: [] }),
    );
    const file = join(t.place.dataDir, 'bad.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const s = await runImport(t.store, { inputs: [{ path: file }], batchSize: 3 });
    expect(s.imported).toBe(9);
    expect(s.rejected).toBe(4);
    expect(s.rejections.map((r) => [r.line, r.code])).toEqual([
      [3, 'E_JSON_SYNTAX'],
      [5, 'E_SCHEMA'],
      [7, 'E_NO_CUSTOMER'],
      [9, 'E_NO_CUSTOMER'],
    ]);
    for (const r of s.rejections) expect(r.file).toBe(file);
    expect(s.rejections[1]!.message).toContain('turns[0].speaker');
    expect(s.rejections[3]!.message).toMatch(/not a possible phone number/);
    // Messages never quote the record.
    for (const r of s.rejections) expect(r.message).not.toMatch(/4111|a@example\.com/);
    const reader = t.store.reader();
    for (const r of fx.records) expect((await reader.interaction(r.id as string)).turns).toBe(8);
    await expect(reader.interaction('nobody')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    reader.close();
  });

  it('writes a batch whole or not at all', async () => {
    const before = await rowCounts(t.store);
    const good = {
      source: 'api' as const,
      externalId: 'atomic-1',
      channel: 'chat' as const,
      startedAt: null,
      endedAt: null,
      customer: { email: 'atomic.customer@example.com', name: 'Atomic Customer' },
      turns: [{ speaker: 'customer' as const, at: null, text: 'hello there' }],
      findings: [],
    };
    const bad = { ...good, externalId: 'atomic-2', customer: { name: 'No Identity' } };
    await expect(
      t.store.writer().write([
        { kind: 'interaction', ref: 0, value: good },
        { kind: 'interaction', ref: 1, value: bad },
      ]),
    ).rejects.toMatchObject({ code: 'E_RECORD_INVALID' });
    expect(await rowCounts(t.store)).toEqual(before);
  });

  it('names the row of a corrupted ciphertext; other records still read', async () => {
    const victim = fx.records[1]!.id as string;
    const reader = t.store.reader();
    const id = (await reader.interaction(victim)).id;
    const row = await t.store.db
      .selectFrom('turns')
      .select('body_enc')
      .where('interaction_id', '=', id)
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    const altered = Buffer.from(row.body_enc);
    altered[20] = altered[20]! ^ 0x01;
    await t.store.db
      .updateTable('turns')
      .set({ body_enc: altered })
      .where('interaction_id', '=', id)
      .where('seq', '=', 3)
      .execute();
    const err = await failure(reader.interaction(victim));
    expect(err).toMatchObject({ code: 'E_DECRYPT_FAILED' });
    expect(err.message).toContain(`interaction ${id}`);
    expect(err.message).toContain(`turns.body row ${id}/3`);
    // A ciphertext moved to another row fails too (associated data binds the row).
    const other = (await reader.interaction(fx.records[2]!.id as string)).id;
    const good = await t.store.db
      .selectFrom('turns')
      .select('body_enc')
      .where('interaction_id', '=', other)
      .where('seq', '=', 0)
      .executeTakeFirstOrThrow();
    await t.store.db
      .updateTable('turns')
      .set({ body_enc: good.body_enc })
      .where('interaction_id', '=', other)
      .where('seq', '=', 1)
      .execute();
    await expect(reader.interaction(fx.records[2]!.id as string)).rejects.toMatchObject({
      code: 'E_DECRYPT_FAILED',
    });
    // Listing still works and the rest reads.
    expect((await reader.list({ limit: 100 })).length).toBeGreaterThanOrEqual(9);
    expect((await reader.interaction(fx.records[3]!.id as string)).turnList).toHaveLength(8);
    reader.close();
  });

  it('refuses a wrong key file and a missing one, changing nothing', async () => {
    const before = await rowCounts(t.store);
    await t.store.close();
    const keyPath = join(t.place.dataDir, 'sealdesk.key');
    copyFileSync(keyPath, `${keyPath}.good`);
    rmSync(keyPath);
    await expect(openStore(t.place)).rejects.toMatchObject({ code: 'E_KEY_FILE_MISSING' });
    await createKeyFile(keyPath); // a different KEK
    const err = await failure(openStore(t.place));
    expect(err.code).toBe('E_STORE_KEY_MISMATCH');
    expect(err.message).toContain(keyPath);
    rmSync(keyPath);
    copyFileSync(`${keyPath}.good`, keyPath);
    t.store = await openStore(t.place);
    expect(await rowCounts(t.store)).toEqual(before);
    const reader = t.store.reader();
    expect((await reader.interaction(fx.records[3]!.id as string)).turnList).toHaveLength(8);
    reader.close();
  });
});
