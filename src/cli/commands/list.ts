/** `sealdesk list`: interactions, newest first, filtered by channel, dates, agent and finding type. */
import type { Command } from 'commander';
import type { InteractionSummary, ListFilter } from '../../store/index.js';
import { CliError } from '../errors.js';
import { jsonDocument, jsonLine, printable, renderTable } from '../format.js';
import type { CliContext } from '../main.js';
import { addStoreOptions, outputFormat, type StoreFlags, withStore } from '../store-context.js';

interface ListFlags extends StoreFlags {
  channel?: string;
  since?: string;
  until?: string;
  agent?: string;
  hasFinding?: string;
  customer?: string;
  limit?: string;
  offset?: string;
  reveal?: boolean;
  format?: string;
}

/** A date (YYYY-MM-DD, as UTC midnight) or an ISO date-time. */
export function parseDate(value: string, flag: string): number {
  const v = value.trim();
  const t = /^\d{4}-\d{2}-\d{2}$/.test(v)
    ? Date.parse(`${v}T00:00:00Z`)
    : /^\d{4}-\d{2}-\d{2}T/.test(v)
      ? Date.parse(v)
      : NaN;
  if (Number.isNaN(t))
    throw new CliError('E_USAGE', `${flag} must be a date (YYYY-MM-DD) or an ISO 8601 date-time`);
  return t;
}

function findingsCell(f: Record<string, number>): string {
  const e = Object.entries(f).sort((a, b) => b[1] - a[1]);
  return e.length === 0 ? '-' : e.map(([t, n]) => (n > 1 ? `${t}x${n}` : t)).join(' ');
}

export function summaryTable(rows: readonly InteractionSummary[]): string {
  return renderTable(
    ['ID', 'EXTERNAL ID', 'CHANNEL', 'STARTED', 'CUSTOMER', 'AGENT', 'TURNS', 'FINDINGS'],
    rows.map((s) => [
      s.id,
      s.unreadable ? '(unreadable)' : s.externalId,
      s.channel,
      s.startedAt ? s.startedAt.slice(0, 16).replace('T', ' ') : '-',
      s.customerName ?? '-',
      s.agentName ?? '-',
      s.turns,
      findingsCell(s.findings),
    ]),
  );
}

export function writeSummaries(ctx: CliContext, rows: readonly InteractionSummary[], format: string): void {
  if (format === 'json') ctx.stdout.write(jsonDocument(rows));
  else if (format === 'jsonl') for (const r of rows) ctx.stdout.write(jsonLine(r));
  else ctx.stdout.write(rows.length === 0 ? 'no interactions\n' : summaryTable(rows));
  const bad = rows.filter((r) => r.unreadable);
  for (const r of bad) ctx.stderr.write(`sealdesk: ${printable(r.unreadable!)}\n`);
  if (bad.length > 0) ctx.setExitCode(2);
}

export function register(program: Command, ctx: CliContext): void {
  addStoreOptions(
    program
      .command('list')
      .description('list interactions, newest first (personal fields masked unless --reveal)')
      .option('--channel <channel>', 'call, chat or email')
      .option('--since <date>', 'started on or after (YYYY-MM-DD or ISO date-time)')
      .option('--until <date>', 'started before (YYYY-MM-DD or ISO date-time)')
      .option('--agent <who>', "agent's work email or name")
      .option('--has-finding <type>', 'only interactions with a finding of this type, e.g. CREDIT_CARD')
      .option('--customer <id>', "only this customer's interactions")
      .option('--limit <n>', 'at most this many (default 50)')
      .option('--offset <n>', 'skip this many first')
      .option('--reveal', 'show personal fields in full')
      .option('--format <format>', 'text, json or jsonl', 'text'),
  ).action(async (flags: ListFlags) => {
    const format = outputFormat(ctx, flags.format);
    const filter: ListFilter = {};
    if (flags.channel !== undefined) {
      const c = flags.channel.toLowerCase();
      if (!['call', 'chat', 'email'].includes(c))
        throw new CliError('E_USAGE', '--channel must be call, chat or email');
      filter.channel = c;
    }
    if (flags.since !== undefined) filter.since = parseDate(flags.since, '--since');
    if (flags.until !== undefined) filter.until = parseDate(flags.until, '--until');
    if (flags.agent !== undefined) filter.agent = flags.agent;
    if (flags.hasFinding !== undefined) {
      const t = flags.hasFinding.trim().toUpperCase();
      if (!/^[A-Z][A-Z0-9_]{0,63}$/.test(t))
        throw new CliError('E_USAGE', '--has-finding must be an entity type such as CREDIT_CARD');
      filter.hasFinding = t;
    }
    if (flags.customer !== undefined) filter.customerId = flags.customer;
    for (const [flag, v, key] of [
      ['--limit', flags.limit, 'limit'],
      ['--offset', flags.offset, 'offset'],
    ] as const) {
      if (v === undefined) continue;
      const n = Number(v);
      if (!Number.isInteger(n) || n < (key === 'limit' ? 1 : 0) || n > 10_000_000) {
        throw new CliError(
          'E_USAGE',
          `${flag} must be a non-negative integer${key === 'limit' ? ' (at least 1)' : ''}`,
        );
      }
      filter[key] = n;
    }
    const rows = await withStore(flags, ctx, async (store) => {
      const reader = store.reader({ reveal: flags.reveal === true });
      try {
        return await reader.list(filter);
      } finally {
        reader.close();
      }
    });
    writeSummaries(ctx, rows, format);
  });
}
