/**
 * Opens the database behind the one Kysely interface: embedded SQLite (better-sqlite3, WAL) at
 * `<data>/sealdesk.db`, or PostgreSQL when a URL is given. Nothing here keeps state shared between
 * processes: several servers may open the same PostgreSQL at once.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { driverCode, StoreError, safeUrl } from './errors.js';
import { usePrepared } from './pg-prepared.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface StoreLocation {
  /** The data folder: the SQLite file and (by default) the key file live here. */
  dataDir: string;
  /** A PostgreSQL URL; unset means the embedded SQLite store. */
  databaseUrl?: string | undefined;
}

export const SQLITE_FILE = 'sealdesk.db';

export function sqlitePath(dataDir: string): string {
  return join(resolve(dataDir), SQLITE_FILE);
}

export interface Connection {
  db: Kysely<Database>;
  dialect: DialectName;
  /** For messages: the SQLite path or the URL without its password. */
  where: string;
  /** The better-sqlite3 handle (SQLite only), for checkpoints and pragmas Kysely has no words for. */
  sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

/** int8 (counts, millisecond times) as numbers: every value Sealdesk stores fits in 2^53. */
const PG_INT8 = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === PG_INT8 && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

const STATEMENT_CACHE = 256;

/**
 * Kysely prepares every query afresh; on SQLite preparing costs as much as running a lookup. The
 * handle Kysely gets reuses prepared statements by SQL text (a bounded LRU: IN lists of varying
 * length make many texts). Safe because Kysely runs one query at a time per connection and never
 * streams here (a statement being iterated could not be reused).
 */
function cachingStatements(handle: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return new Proxy(handle, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') {
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      }
      return (text: string) => {
        const hit = cache.get(text);
        if (hit) {
          cache.delete(text);
          cache.set(text, hit);
          return hit;
        }
        const stmt = target.prepare(text);
        cache.set(text, stmt);
        if (cache.size > STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
        return stmt;
      };
    },
  });
}

function openSqlite(dataDir: string, create: boolean): Connection {
  const path = sqlitePath(dataDir);
  if (!create && !existsSync(path)) {
    throw new StoreError(
      'E_STORE_NOT_INITIALISED',
      `no store at ${path} (run \`sealdesk init\`, or point --data / SEALDESK_DATA at the folder that holds it)`,
    );
  }
  if (create) {
    try {
      mkdirSync(resolve(dataDir), { recursive: true, mode: 0o700 });
    } catch (err) {
      throw new StoreError(
        'E_STORE_CONFIG',
        `cannot create the data folder ${resolve(dataDir)} (${driverCode(err)})`,
      );
    }
  }
  let handle: SqliteDatabase.Database;
  try {
    handle = new SqliteDatabase(path, { timeout: 15_000 });
    handle.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a killed process loses nothing committed; only an OS crash may lose the last commits.
    handle.pragma('synchronous = NORMAL');
    handle.pragma('foreign_keys = ON');
    // Deleted content is overwritten with zeros, so erased rows do not linger in free pages.
    handle.pragma('secure_delete = ON');
  } catch (err) {
    throw new StoreError('E_STORE_CONNECT', `cannot open the SQLite store ${path} (${driverCode(err)})`);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(handle) }) });
  return {
    db,
    dialect: 'sqlite',
    where: path,
    sqlite: handle,
    async close() {
      await db.destroy();
    },
  };
}

async function openPostgres(url: string): Promise<Connection> {
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({ connectionString: url, max: 4, types: pgTypes, application_name: 'sealdesk' });
  } catch (err) {
    throw new StoreError('E_STORE_CONFIG', `invalid database URL ${safeUrl(url)} (${driverCode(err)})`);
  }
  // The pool emits errors of idle clients (server restart); without a listener they would crash the process.
  pool.on('error', () => undefined);
  pool.on('connect', usePrepared);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw new StoreError(
      'E_STORE_CONNECT',
      `cannot connect to PostgreSQL at ${safeUrl(url)} (${driverCode(err)})`,
    );
  }
  return {
    db,
    dialect: 'postgres',
    where: safeUrl(url),
    async close() {
      await db.destroy();
    },
  };
}

export async function connect(
  location: StoreLocation,
  options: { create?: boolean } = {},
): Promise<Connection> {
  const url = location.databaseUrl?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw new StoreError(
        'E_STORE_CONFIG',
        'the database URL must start with postgres:// or postgresql:// (SEALDESK_DATABASE_URL / --database-url)',
      );
    }
    return openPostgres(url);
  }
  return openSqlite(location.dataDir, options.create === true);
}
