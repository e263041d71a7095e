/**
 * Findings move from a table of their own into the rows they belong to: each turn's findings in
 * `turns.findings`, each interaction's counts by type in `interactions.finding_counts` (why, and
 * the formats: src/store/finding-columns.ts). Existing findings are copied over in pages, then the
 * table goes; `down` rebuilds it from the columns.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.js';
import { countsText, parseTurnFindings, type StoredFinding } from '../finding-columns.js';

/** Turns read or written per round of the copy. */
const PAGE = 2000;

export function findingsInTurns(dialect: DialectName) {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time, not today's types
  type Db = Kysely<any>;
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';

  return {
    async up(db: Db): Promise<void> {
      await db.schema.alterTable('turns').addColumn('findings', 'text').execute();
      await db.schema
        .alterTable('interactions')
        .addColumn('finding_counts', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      // One pass over the findings in key order, in pages (bounded memory for a store of any
      // size); a turn is written once the pass has moved past it, its interaction likewise.
      let turn: { id: string; seq: number; list: StoredFinding[] } | null = null;
      let counts: { id: string; counts: Record<string, number> } | null = null;
      const flushTurn = async () => {
        if (!turn) return;
        await db
          .updateTable('turns')
          .set({ findings: JSON.stringify(turn.list) })
          .where('interaction_id', '=', turn.id)
          .where('seq', '=', turn.seq)
          .execute();
      };
      const flushCounts = async () => {
        if (!counts) return;
        await db
          .updateTable('interactions')
          .set({ finding_counts: countsText(counts.counts) })
          .where('id', '=', counts.id)
          .execute();
      };
      let after: { id: string; seq: number; idx: number } | null = null;
      for (;;) {
        let q = db
          .selectFrom('findings')
          .selectAll()
          .orderBy('interaction_id')
          .orderBy('seq')
          .orderBy('idx')
          .limit(PAGE);
        if (after) q = q.where(pastKey(['interaction_id', 'seq', 'idx'], [after.id, after.seq, after.idx]));
        const rows: Record<string, unknown>[] = await q.execute();
        if (rows.length === 0) break;
        for (const r of rows) {
          const id = String(r.interaction_id);
          const seq = Number(r.seq);
          if (!turn || turn.id !== id || turn.seq !== seq) {
            await flushTurn();
            turn = { id, seq, list: [] };
          }
          if (!counts || counts.id !== id) {
            await flushCounts();
            counts = { id, counts: {} };
          }
          const type = String(r.type);
          counts.counts[type] = (counts.counts[type] ?? 0) + 1;
          turn.list.push([
            type,
            Number(r.start_pos),
            Number(r.end_pos),
            Number(r.redacted_start),
            Number(r.redacted_end),
            String(r.operator),
            Number(r.score),
            r.fingerprint ? Buffer.from(r.fingerprint as Uint8Array).toString('hex') : null,
            r.last4 === null ? null : String(r.last4),
            Number(r.split) === 1 ? 1 : 0,
          ]);
        }
        const last = rows[rows.length - 1]!;
        after = { id: String(last.interaction_id), seq: Number(last.seq), idx: Number(last.idx) };
      }
      await flushTurn();
      await flushCounts();
      await db.schema.dropTable('findings').execute();
    },

    async down(db: Db): Promise<void> {
      // The table exactly as 0001-initial made it: a migration keeps the schema of its time.
      await db.schema
        .createTable('findings')
        .addColumn('interaction_id', 'text', (c) =>
          c.notNull().references('interactions.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('start_pos', 'integer', (c) => c.notNull())
        .addColumn('end_pos', 'integer', (c) => c.notNull())
        .addColumn('redacted_start', 'integer', (c) => c.notNull())
        .addColumn('redacted_end', 'integer', (c) => c.notNull())
        .addColumn('operator', 'text', (c) => c.notNull())
        .addColumn('score', 'real', (c) => c.notNull())
        .addColumn('fingerprint', bytes)
        .addColumn('last4', 'text')
        .addColumn('split', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('findings_pk', ['interaction_id', 'seq', 'idx'])
        .modifyEnd(dialect === 'sqlite' ? sql`without rowid` : sql``)
        .execute();
      await db.schema
        .createIndex('findings_type')
        .on('findings')
        .columns(['type', 'interaction_id'])
        .execute();
      await db.schema.createIndex('findings_fingerprint').on('findings').column('fingerprint').execute();
      await eachTurnWithFindings(db, async (id, seq, list) => {
        const rows = list.map((f, idx) => ({
          interaction_id: id,
          seq,
          idx,
          type: f[0],
          start_pos: f[1],
          end_pos: f[2],
          redacted_start: f[3],
          redacted_end: f[4],
          operator: f[5],
          score: f[6],
          fingerprint: f[7] === null ? null : Buffer.from(f[7], 'hex'),
          last4: f[8],
          split: f[9],
        }));
        if (rows.length > 0) await db.insertInto('findings').values(rows).execute();
      });
      await db.schema.alterTable('turns').dropColumn('findings').execute();
      await db.schema.alterTable('interactions').dropColumn('finding_counts').execute();
    },
  };
}

/** Rows whose key (`columns`, in order) sorts after `values`: keyset paging in key order. */
function pastKey(columns: readonly string[], values: readonly (string | number)[]) {
  // biome-ignore lint/suspicious/noExplicitAny: see above
  return (eb: ExpressionBuilder<any, any>) =>
    eb.or(
      columns.map((col, k) =>
        eb.and([...columns.slice(0, k).map((p, j) => eb(p, '=', values[j])), eb(col, '>', values[k])]),
      ),
    );
}

/** Calls `fn` for every turn whose findings column is set, in pages. */
async function eachTurnWithFindings(
  // biome-ignore lint/suspicious/noExplicitAny: see above
  db: Kysely<any>,
  fn: (id: string, seq: number, list: StoredFinding[]) => Promise<void>,
): Promise<void> {
  let after: { id: string; seq: number } | null = null;
  for (;;) {
    let q = db
      .selectFrom('turns')
      .select(['interaction_id', 'seq', 'findings'])
      .where('findings', 'is not', null)
      .orderBy('interaction_id')
      .orderBy('seq')
      .limit(PAGE);
    if (after) q = q.where(pastKey(['interaction_id', 'seq'], [after.id, after.seq]));
    const rows: { interaction_id: string; seq: number; findings: string }[] = await q.execute();
    if (rows.length === 0) return;
    for (const r of rows) {
      await fn(
        r.interaction_id,
        Number(r.seq),
        parseTurnFindings(r.findings, `turn ${r.interaction_id}/${r.seq}`),
      );
    }
    const last = rows[rows.length - 1]!;
    after = { id: last.interaction_id, seq: Number(last.seq) };
  }
}
