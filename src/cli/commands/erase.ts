/**
 * `sealdesk erase --customer ID`: crypto-shredding. Destroys the customer's data key and deletes
 * their rows and blind-index entries in one transaction; SQLite's freed pages are zeroed and its
 * WAL truncated. Prints what was removed (counts, never values).
 */
import type { Command } from 'commander';
import { eraseCustomer } from '../../store/index.js';
import { CliError } from '../errors.js';
import { jsonDocument, plural } from '../format.js';
import type { CliContext } from '../main.js';
import { addStoreOptions, outputFormat, type StoreFlags, withStore } from '../store-context.js';

interface EraseFlags extends StoreFlags {
  customer?: string;
  dryRun?: boolean;
  format?: string;
}

export function register(program: Command, ctx: CliContext): void {
  addStoreOptions(
    program
      .command('erase')
      .description(
        'erase a customer for good: destroy their data key, delete their interactions and index entries',
      )
      .requiredOption('--customer <id>', 'the customer id (from `sealdesk find`)')
      .option('--dry-run', 'show what would be removed, remove nothing')
      .option('--format <format>', 'text or json', 'text'),
  ).action(async (flags: EraseFlags) => {
    const format = outputFormat(ctx, flags.format, ['text', 'json']);
    const id = flags.customer?.trim();
    if (!id) throw new CliError('E_USAGE', '--customer needs a customer id');
    const report = await withStore(flags, ctx, async (store) => {
      if (flags.dryRun) {
        const reader = store.reader();
        try {
          const { customer, interactions } = await reader.customer(id);
          return {
            customerId: customer.id,
            dryRun: true,
            interactions: interactions.length,
            turns: interactions.reduce((n, i) => n + i.turns, 0),
          };
        } finally {
          reader.close();
        }
      }
      return { ...(await eraseCustomer(store, id)), dryRun: false };
    });
    if (format === 'json') {
      ctx.stdout.write(jsonDocument(report));
      return;
    }
    if (report.dryRun) {
      ctx.stdout.write(
        `would erase customer ${report.customerId}: ${plural(report.interactions, 'interaction')}, ${plural(report.turns, 'turn')}\n`,
      );
      return;
    }
    const r = report as Awaited<ReturnType<typeof eraseCustomer>>;
    ctx.stdout.write(
      `erased customer ${r.customerId}: data key destroyed; removed ${plural(r.interactions, 'interaction')}, ` +
        `${plural(r.turns, 'turn')}, ${plural(r.findings, 'finding')}, ${plural(r.callDetails, 'call record')}, ` +
        `${plural(r.chatDetails, 'chat record')}, ${plural(r.blindIndexEntries, 'blind-index entry', 'blind-index entries')}\n`,
    );
  });
}
