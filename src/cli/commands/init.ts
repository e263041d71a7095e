/** `sealdesk init`: creates the store (schema, system keys) and, by default, the key file. Idempotent. */
import type { Command } from 'commander';
import { keyFilePathFromConfig } from '../../crypto/index.js';
import { CliError } from '../errors.js';
import { jsonDocument } from '../format.js';
import type { CliContext } from '../main.js';
import {
  addStoreOptions,
  initStore,
  outputFormat,
  type StoreFlags,
  storeLocation,
} from '../store-context.js';

interface InitFlags extends StoreFlags {
  expectedCustomers?: string;
  format?: string;
}

export function register(program: Command, ctx: CliContext): void {
  addStoreOptions(
    program
      .command('init')
      .description('create the encrypted store and its keys (key file <data>/sealdesk.key, mode 0600)')
      .option(
        '--expected-customers <n>',
        'customers the store is planned for; sets the blind-index length (default 1000000)',
      )
      .option('--format <format>', 'text or json', 'text'),
  ).action(async (flags: InitFlags) => {
    const format = outputFormat(ctx, flags.format, ['text', 'json']);
    let expectedCustomers: number | undefined;
    if (flags.expectedCustomers !== undefined) {
      expectedCustomers = Number(flags.expectedCustomers);
      if (!Number.isSafeInteger(expectedCustomers) || expectedCustomers < 1) {
        throw new CliError('E_USAGE', '--expected-customers must be a positive integer');
      }
    }
    const r = await initStore(flags, ctx, expectedCustomers === undefined ? {} : { expectedCustomers });
    try {
      const loc = storeLocation(flags, ctx.env);
      const out = {
        store: r.store.conn.where,
        dialect: r.store.dialect,
        created: r.created,
        keyProvider: r.store.provider.kind,
        keyLocation: r.store.provider.describe?.() ?? r.store.provider.kind,
        keyFileCreated: r.keyFileCreated,
        migrationsApplied: r.migrations,
        customerIndexBits: r.store.settings.customerIndexBits,
      };
      if (format === 'json') {
        ctx.stdout.write(jsonDocument(out));
        return;
      }
      const lines = [
        r.created
          ? `created the store at ${out.store}`
          : `the store at ${out.store} already exists; keys open`,
        r.keyFileCreated
          ? `created the key file ${r.keyFileCreated} (mode 0600): back it up separately; without it the data cannot be read`
          : `keys: ${out.keyLocation}`,
      ];
      if (r.migrations.length > 0) lines.push(`applied migrations: ${r.migrations.join(', ')}`);
      if (r.created)
        lines.push(
          `blind indexes: ${out.customerIndexBits} bits (planned for the expected number of customers)`,
        );
      if (r.created && r.store.provider.kind === 'file' && !loc.databaseUrl) {
        lines.push(
          `keep ${keyFilePathFromConfig({ dataDir: loc.dataDir, env: ctx.env })} out of backups of the database`,
        );
      }
      ctx.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await r.store.close();
    }
  });
}
