/** `sealdesk migrate`: applies pending schema migrations (no keys needed). */
import type { Command } from 'commander';
import { connect, migrateToLatest, schemaState } from '../../store/index.js';
import { CliError } from '../errors.js';
import { jsonDocument } from '../format.js';
import type { CliContext } from '../main.js';
import {
  addStoreOptions,
  outputFormat,
  type StoreFlags,
  storeLocation,
  toCliError,
} from '../store-context.js';

interface MigrateFlags extends StoreFlags {
  dryRun?: boolean;
  format?: string;
}

export function register(program: Command, ctx: CliContext): void {
  addStoreOptions(
    program
      .command('migrate')
      .description('upgrade the store schema to this version of Sealdesk')
      .option('--dry-run', 'list pending migrations without applying them')
      .option('--format <format>', 'text or json', 'text'),
  ).action(async (flags: MigrateFlags) => {
    const format = outputFormat(ctx, flags.format, ['text', 'json']);
    let conn: Awaited<ReturnType<typeof connect>>;
    try {
      conn = await connect(storeLocation(flags, ctx.env));
    } catch (err) {
      throw toCliError(err);
    }
    try {
      const before = await schemaState(conn);
      if (!before || before.applied.length === 0) {
        throw new CliError(
          'E_STORE_NOT_INITIALISED',
          `the store at ${conn.where} is not initialised (run \`sealdesk init\`)`,
        );
      }
      const applied = flags.dryRun ? [] : await migrateToLatest(conn);
      const out = {
        store: conn.where,
        pending: flags.dryRun ? before.pending : [],
        applied,
        latest: before.latest,
      };
      if (format === 'json') ctx.stdout.write(jsonDocument(out));
      else if (flags.dryRun)
        ctx.stdout.write(
          before.pending.length === 0 ? 'up to date\n' : `pending migrations: ${before.pending.join(', ')}\n`,
        );
      else
        ctx.stdout.write(
          applied.length === 0 ? `up to date (${before.latest})\n` : `applied: ${applied.join(', ')}\n`,
        );
    } catch (err) {
      throw toCliError(err);
    } finally {
      await conn.close();
    }
  });
}
