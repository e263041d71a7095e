/**
 * Bulk inserts of typed rows. PostgreSQL: Kysely multi-row INSERTs (one round trip per few hundred
 * rows). SQLite: one prepared single-row INSERT per table and column list, cached on the
 * connection and run per row inside the caller's transaction: better-sqlite3 runs a prepared
 * statement in microseconds, while building and compiling a 400-row query costs more than SQLite's
 * own work. Both are parameterised; table and column names come from the typed schema, never input.
 */

import type SqliteDatabase from 'better-sqlite3';
import type { Insertable } from 'kysely';
import type { Connection } from './connect.js';
import type { Database } from './schema.js';
import type { WriteTx } from './tx.js';

const CHUNK = 400;
const statements = new WeakMap<object, Map<string, SqliteDatabase.Statement>>();

function sqliteValue(v: unknown): unknown {
  return v === undefined ? null : v;
}

export async function bulkInsert<T extends keyof Database & string>(
  conn: Connection,
  tx: WriteTx,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  if (conn.dialect === 'sqlite' && conn.sqlite) {
    const db = conn.sqlite;
    const columns = Object.keys(rows[0] as object);
    const sig = `${table}(${columns.join(',')})`;
    let cache = statements.get(db);
    if (!cache) {
      cache = new Map();
      statements.set(db, cache);
    }
    let stmt = cache.get(sig);
    if (!stmt) {
      const quoted = columns.map((c) => `"${c}"`).join(', ');
      stmt = db.prepare(`INSERT INTO "${table}" (${quoted}) VALUES (${columns.map(() => '?').join(', ')})`);
      cache.set(sig, stmt);
    }
    for (const row of rows) {
      const r = row as Record<string, unknown>;
      stmt.run(columns.map((c) => sqliteValue(r[c])));
    }
    return;
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    // The generic table type is too wide for Kysely's inference; the rows are typed by the signature above.
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
  }
}
