/**
 * Write transactions. SQLite: BEGIN IMMEDIATE takes the write lock up front, so two processes never
 * both read and then fail to upgrade (SQLITE_BUSY mid-transaction); the busy timeout queues them.
 * PostgreSQL: a READ COMMITTED transaction that takes one advisory lock for the work that must not
 * interleave across processes (resolving and creating customers and staff, appending to threads);
 * unique constraints back every idempotency rule.
 */
import { type Kysely, sql } from 'kysely';
import type { Connection } from './connect.js';
import { driverCode, StoreError } from './errors.js';
import type { Database } from './schema.js';

export type WriteTx = Kysely<Database>;

/** Arbitrary constant: the advisory lock of "who is who" (customers, staff, threads) writes. */
const IDENTITY_LOCK = 0x5ea1d35c;

export async function writeTx<T>(conn: Connection, fn: (tx: WriteTx) => Promise<T>): Promise<T> {
  if (conn.dialect === 'postgres') {
    return conn.db.transaction().execute(fn);
  }
  return conn.db.connection().execute(async (db) => {
    try {
      await sql`begin immediate`.execute(db);
    } catch (err) {
      throw new StoreError(
        'E_STORE_BUSY',
        `the SQLite store ${conn.where} is locked by another writer (${driverCode(err)}); try again`,
      );
    }
    try {
      const result = await fn(db);
      await sql`commit`.execute(db);
      return result;
    } catch (err) {
      await sql`rollback`.execute(db).catch(() => undefined);
      throw err;
    }
  });
}

/** Serializes identity resolution across processes (PostgreSQL); SQLite's write lock already does. */
export async function lockIdentities(conn: Connection, tx: WriteTx): Promise<void> {
  if (conn.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${IDENTITY_LOCK})`.execute(tx);
}
