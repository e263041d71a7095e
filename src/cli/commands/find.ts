/** `sealdesk find --email X | --phone Y | --external-id Z`: customers through the blind index. */
import type { Command } from 'commander';
import type { CustomerView, FindResult } from '../../store/index.js';
import { CliError } from '../errors.js';
import { jsonDocument, jsonLine, renderTable } from '../format.js';
import type { CliContext } from '../main.js';
import { addStoreOptions, outputFormat, type StoreFlags, withStore } from '../store-context.js';
import { summaryTable } from './list.js';

interface FindFlags extends StoreFlags {
  email?: string;
  phone?: string;
  externalId?: string;
  region?: string;
  reveal?: boolean;
  format?: string;
}

function customerTable(rows: readonly CustomerView[]): string {
  return renderTable(
    ['CUSTOMER ID', 'NAME', 'EMAIL', 'PHONE', 'COUNTRY', 'EXTERNAL ID', 'INTERACTIONS'],
    rows.map((c) => [
      c.id,
      c.name ?? '-',
      c.email ?? '-',
      c.phone ?? '-',
      c.country ?? '-',
      c.externalId ?? '-',
      c.interactions,
    ]),
  );
}

function render(r: FindResult): string {
  if (r.customers.length === 0 && r.interactions.length === 0) return 'no match\n';
  let out = '';
  if (r.customers.length > 0) out += customerTable(r.customers);
  if (r.interactions.length > 0)
    out += `${out ? '\n' : ''}interactions with that external id:\n${summaryTable(r.interactions)}`;
  return out;
}

export function register(program: Command, ctx: CliContext): void {
  addStoreOptions(
    program
      .command('find')
      .description('find customers by email, phone or external id (exact match through the blind index)')
      .option('--email <email>', "customer's email address")
      .option('--phone <phone>', "customer's phone number (+country code, or national for GB, US, IE)")
      .option('--external-id <id>', "customer's external id, or an interaction's")
      .option('--region <cc>', 'country for a national phone number (e.g. GB)')
      .option('--reveal', 'show personal fields in full')
      .option('--format <format>', 'text, json or jsonl', 'text'),
  ).action(async (flags: FindFlags) => {
    const format = outputFormat(ctx, flags.format);
    const given = [flags.email, flags.phone, flags.externalId].filter((v) => v !== undefined);
    if (given.length !== 1)
      throw new CliError('E_USAGE', 'give exactly one of --email, --phone or --external-id');
    const query = {
      ...(flags.email !== undefined ? { email: flags.email } : {}),
      ...(flags.phone !== undefined ? { phone: flags.phone } : {}),
      ...(flags.externalId !== undefined ? { externalId: flags.externalId } : {}),
      ...(flags.region !== undefined ? { region: flags.region.toUpperCase() } : {}),
    };
    const result = await withStore(flags, ctx, async (store) => {
      const reader = store.reader({ reveal: flags.reveal === true });
      try {
        return await reader.find(query);
      } finally {
        reader.close();
      }
    });
    if (format === 'json') ctx.stdout.write(jsonDocument(result));
    else if (format === 'jsonl') {
      for (const c of result.customers) ctx.stdout.write(jsonLine({ type: 'customer', ...c }));
      for (const i of result.interactions) ctx.stdout.write(jsonLine({ type: 'interaction', ...i }));
    } else ctx.stdout.write(render(result));
  });
}
