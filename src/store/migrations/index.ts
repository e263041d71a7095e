/**
 * Versioned migrations, the same list for both dialects (column types differ only where the
 * dialects do: bytea / blob). Names sort in order; a migration is never edited once released,
 * a new one is added instead.
 */
import type { Migration, MigrationProvider } from 'kysely';
import type { DialectName } from '../connect.js';
import { initial } from './0001-initial.js';
import { findingsInTurns } from './0002-findings-in-turns.js';

export function migrationList(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-initial': initial(dialect),
    '0002-findings-in-turns': findingsInTurns(dialect),
  };
}

export class StaticMigrations implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrationList(this.dialect);
  }
}

export const LATEST_MIGRATION = Object.keys(migrationList('sqlite')).sort().at(-1)!;
