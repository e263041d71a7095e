/**
 * The writer's multi-row inserts: batches larger than one insert statement (and, on PostgreSQL,
 * than one overlapped insert round) store every row and read back equal; a row the database
 * refuses late in such a batch rolls the whole batch back and is reported with the database's own
 * code, so the importer isolates that record and stores the others.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/ingest/index.js';
import { rowCounts } from '../../src/store/index.js';
import { makeFixture } from './fixture.js';
import { DIALECTS, freshStore } from './helpers.js';

/** More interactions than one PostgreSQL insert round (100) and many 64-row SQLite statements. */
const RECORDS = 230;

describe.each(DIALECTS)('multi-row writes on %s', (dialect) => {
  const t = freshStore(dialect);

  it('stores a large batch whole: every turn and finding, readable and in order', async () => {
    const fx = makeFixture(RECORDS, 31);
    const file = join(t.place.dataDir, 'many.jsonl');
    writeFileSync(file, `${fx.lines.join('\n')}\n`);
    const s = await runImport(t.store, { inputs: [{ path: file }], batchSize: 500 });
    expect(s.batches).toBe(1);
    expect(s.imported).toBe(RECORDS);
    const counts = await rowCounts(t.store);
    expect(counts.interactions).toBe(RECORDS);
    expect(counts.turns).toBe(s.turns);
    // Every finding the import reported is counted, by type, in its interaction's row.
    const stored: Record<string, number> = {};
    for (const row of await t.store.db.selectFrom('interactions').select('finding_counts').execute()) {
      for (const [type, n] of Object.entries(JSON.parse(row.finding_counts) as Record<string, number>))
        stored[type] = (stored[type] ?? 0) + n;
    }
    expect(stored).toEqual(s.findings);
    const reader = t.store.reader({ reveal: true });
    for (const r of [fx.records[0]!, fx.records[150]!, fx.records[RECORDS - 1]!]) {
      const view = await reader.interaction(r.id as string);
      const turns = r.turns as { text: string }[];
      expect(view.turnList.map((t) => t.seq)).toEqual(turns.map((_, i) => i));
      expect(view.findingList.length).toBeGreaterThan(0);
      // Redacted, but the words around the redactions are the record's own.
      expect(view.turnList[0]!.text).toContain('PrintCo billing');
    }
    reader.close();
  });
});

describe.each(DIALECTS)('a batch with an invalid record after the first insert round on %s', (dialect) => {
  const t = freshStore(dialect);

  it('writes nothing at all', async () => {
    const before = await rowCounts(t.store);
    const items = Array.from({ length: 150 }, (_, i) => ({
      kind: 'interaction' as const,
      ref: i,
      value: {
        source: 'api' as const,
        externalId: `whole-${i}`,
        channel: 'chat' as const,
        startedAt: null,
        endedAt: null,
        // Record 120 names nobody: it comes after the first round of 100 would have been sent.
        customer: i === 120 ? { name: 'No Identity' } : { email: `whole.${i}@example.com` },
        turns: [{ speaker: 'customer' as const, at: null, text: `hello ${i}` }],
        findings: [],
      },
    }));
    await expect(t.store.writer().write(items)).rejects.toMatchObject({ code: 'E_RECORD_INVALID' });
    expect(await rowCounts(t.store)).toEqual(before);
  });
});

describe.runIf(DIALECTS.includes('postgres'))('a row PostgreSQL refuses late in a batch', () => {
  const t = freshStore('postgres');

  it('fails the batch with the database code, then only that record is rejected', async () => {
    const fx = makeFixture(RECORDS, 32);
    // PostgreSQL text cannot hold NUL (22021); `status` is a plain column, so the refusal comes
    // from the insert of interaction 200, in the third overlapped round, after earlier rounds ran.
    const lines = fx.lines.map((l, i) =>
      i === 200 ? JSON.stringify({ ...JSON.parse(l), status: 'open\u0000ed' }) : l,
    );
    const file = join(t.place.dataDir, 'refused.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const s = await runImport(t.store, { inputs: [{ path: file }], batchSize: 500 });
    expect(s.rejected).toBe(1);
    expect(s.rejections[0]).toMatchObject({ line: 201, id: fx.records[200]!.id, code: '22021' });
    expect(s.imported).toBe(RECORDS - 1);
    expect((await rowCounts(t.store)).interactions).toBe(RECORDS - 1);
  });
});
