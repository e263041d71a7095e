/**
 * Schema versions. `init` and `migrate` apply pending migrations (Kysely's Migrator, which takes a
 * lock in the database, so two processes migrating at once apply each migration once); every other
 * command checks the version and refuses to run against an older or newer schema.
 */
import { type Kysely, Migrator, sql } from 'kysely';
import type { Connection } from './connect.js';
import { driverCode, StoreError } from './errors.js';
import { LATEST_MIGRATION, migrationList, StaticMigrations } from './migrations/index.js';
import type { Database } from './schema.js';

export const MIGRATION_TABLE = 'sealdesk_migration';
export const MIGRATION_LOCK_TABLE = 'sealdesk_migration_lock';

function migrator(conn: Connection): Migrator {
  return new Migrator({
    db: conn.db,
    provider: new StaticMigrations(conn.dialect),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
}

export interface SchemaState {
  applied: string[];
  pending: string[];
  /** Applied in the database but unknown to this version of Sealdesk (a newer one migrated it). */
  unknown: string[];
  latest: string;
}

async function appliedMigrations(db: Kysely<Database>): Promise<string[] | null> {
  try {
    const r = await sql<{
      name: string;
    }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db);
    return r.rows.map((x) => x.name);
  } catch {
    return null; // no migration table: never initialised
  }
}

export async function schemaState(conn: Connection): Promise<SchemaState | null> {
  const applied = await appliedMigrations(conn.db);
  if (applied === null) return null;
  const known = Object.keys(migrationList(conn.dialect)).sort();
  return {
    applied,
    pending: known.filter((m) => !applied.includes(m)),
    unknown: applied.filter((m) => !known.includes(m)),
    latest: LATEST_MIGRATION,
  };
}

/** Applies every pending migration; returns the names applied (empty when up to date). */
export async function migrateToLatest(conn: Connection): Promise<string[]> {
  const state = await schemaState(conn);
  if (state && state.unknown.length > 0) throw tooNew(conn, state);
  const { error, results } = await migrator(conn).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new StoreError(
      'E_STORE_CORRUPT',
      `migration ${failed ?? '(unknown)'} failed on ${conn.where} (${driverCode(error)}); nothing of it was applied` +
        (conn.dialect === 'postgres'
          ? ''
          : ' (SQLite: see the message above, then run `sealdesk migrate` again)'),
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

function tooNew(conn: Connection, state: SchemaState): StoreError {
  return new StoreError(
    'E_STORE_TOO_NEW',
    `the store at ${conn.where} has schema ${state.unknown.at(-1)}, newer than this Sealdesk knows ` +
      `(${state.latest}); upgrade Sealdesk`,
  );
}

/** Throws unless the schema is exactly the one this code knows. */
export async function assertSchemaCurrent(conn: Connection): Promise<void> {
  const state = await schemaState(conn);
  if (!state || state.applied.length === 0) {
    throw new StoreError(
      'E_STORE_NOT_INITIALISED',
      `the store at ${conn.where} is not initialised (run \`sealdesk init\`)`,
    );
  }
  if (state.unknown.length > 0) throw tooNew(conn, state);
  if (state.pending.length > 0) {
    throw new StoreError(
      'E_STORE_OUTDATED',
      `the store at ${conn.where} needs ${state.pending.length} migration(s) (${state.pending.join(', ')}); ` +
        'run `sealdesk migrate`',
    );
  }
}
