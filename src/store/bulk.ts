/**
 * Bulk inserts of typed rows, as multi-row parameterised INSERTs. A batch of 500 interactions is
 * about 17,000 rows; one statement (and, on PostgreSQL, one round trip) per row or per few hundred
 * rows was most of the writer's time, and Kysely compiling a query tree of thousands of values
 * costs more than the database's own work. So the statement text is built here from the typed
 * schema's table and column names (never from input) and every value is a bound parameter.
 *
 * SQLite: better-sqlite3 prepared statements of SQLITE_ROWS rows each, cached on the connection
 * (the same few texts every batch), run synchronously inside the caller's transaction; the rest of
 * a table's rows go through the cached one-row statement. PostgreSQL: up to PG_PARAMS parameters per
 * statement (the protocol allows 65,535), run on the transaction's connection.
 */

import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type Insertable } from 'kysely';
import type { Connection } from './connect.js';
import { prepared } from './pg-prepared.js';
import type { Database } from './schema.js';
import type { WriteTx } from './tx.js';

/** SQLite's limit on host parameters per statement (SQLITE_MAX_VARIABLE_NUMBER, 32,766 since 3.32). */
const SQLITE_MAX_PARAMS = 32_766;
/**
 * Rows per SQLite statement. The saving is the per-statement cost (a native call, reset, step);
 * beyond a few dozen rows it is gone and only the statement text grows.
 */
const SQLITE_ROWS = 64;
/**
 * Parameters per PostgreSQL statement. The protocol allows 65,535 (16 bits), but statements that
 * large were slower on this machine (about 850 interactions/s against 1,200 at 8,000): the server's
 * per-statement work grows faster than linearly, and the client builds a huge text.
 */
const PG_PARAMS = 8000;
/** Statement texts of full PostgreSQL chunks, by table, columns and rows: built once, not per batch. */
const pgTexts = new Map<string, string>();
const PG_TEXTS_MAX = 64;

const statements = new WeakMap<object, Map<string, SqliteDatabase.Statement>>();

type Row = Record<string, unknown>;

function insertText(
  table: string,
  columns: readonly string[],
  rows: number,
  placeholder: (n: number) => string,
): string {
  const tuples: string[] = new Array(rows);
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const ph: string[] = new Array(columns.length);
    for (let c = 0; c < columns.length; c++) ph[c] = placeholder(++n);
    tuples[r] = `(${ph.join(', ')})`;
  }
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`;
}

/** The values of rows[from, to) in column order, flattened; absent values are NULL. */
function flatten(rows: readonly Row[], from: number, to: number, columns: readonly string[]): unknown[] {
  const width = columns.length;
  const out: unknown[] = new Array((to - from) * width);
  let k = 0;
  for (let r = from; r < to; r++) {
    const row = rows[r]!;
    for (let c = 0; c < width; c++) {
      const v = row[columns[c]!];
      out[k++] = v === undefined ? null : v;
    }
  }
  return out;
}

function sqliteStatement(
  db: SqliteDatabase.Database,
  table: string,
  columns: readonly string[],
  rows: number,
): SqliteDatabase.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  const sig = `${table}(${columns.join(',')})x${rows}`;
  let stmt = cache.get(sig);
  if (!stmt) {
    stmt = db.prepare(insertText(table, columns, rows, () => '?'));
    cache.set(sig, stmt);
  }
  return stmt;
}

/**
 * Inserts `rows` (all with the keys of the first row) into `table` inside the caller's transaction.
 */
export async function bulkInsert<T extends keyof Database & string>(
  conn: Connection,
  tx: WriteTx,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const list = rows as readonly Row[];
  const columns = Object.keys(list[0]!);
  if (conn.dialect === 'sqlite' && conn.sqlite) {
    const db = conn.sqlite;
    const per = Math.max(1, Math.min(SQLITE_ROWS, Math.floor(SQLITE_MAX_PARAMS / columns.length)));
    let i = 0;
    if (list.length >= per) {
      const many = sqliteStatement(db, table, columns, per);
      for (; i + per <= list.length; i += per) many.run(flatten(list, i, i + per, columns));
    }
    if (i < list.length) {
      const one = sqliteStatement(db, table, columns, 1);
      for (; i < list.length; i++) one.run(flatten(list, i, i + 1, columns));
    }
    return;
  }
  const per = Math.max(1, Math.floor(PG_PARAMS / columns.length));
  for (let i = 0; i < list.length; i += per) {
    const to = Math.min(list.length, i + per);
    // Full chunks repeat batch after batch: the server keeps their plan (pg-prepared.ts).
    const text = to - i === per ? prepared(pgText(table, columns, per)) : pgText(table, columns, to - i);
    await tx.executeQuery(CompiledQuery.raw(text, flatten(list, i, to, columns)));
  }
}

function pgText(table: string, columns: readonly string[], rows: number): string {
  const sig = `${table}(${columns.join(',')})x${rows}`;
  let text = pgTexts.get(sig);
  if (text === undefined) {
    text = insertText(table, columns, rows, (n) => `$${n}`);
    // Remainders of every size would grow the map without end; full chunks are few and stay.
    if (pgTexts.size >= PG_TEXTS_MAX) pgTexts.clear();
    pgTexts.set(sig, text);
  }
  return text;
}
