/**
 * `sealdesk retention run --rule call=365d [--rule chat=90d] [--config FILE] [--dry-run]`:
 * deletes interactions older than their channel's limit. Rules come from flags, or from a JSON
 * file `{"retention": {"call": "365d", "chat": "90d"}}` (flags win for a channel named in both).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { applyRetention, type RetentionRule } from '../../store/index.js';
import { CliError } from '../errors.js';
import { jsonDocument, renderTable } from '../format.js';
import type { CliContext } from '../main.js';
import { addStoreOptions, outputFormat, type StoreFlags, withStore } from '../store-context.js';

interface RetentionFlags extends StoreFlags {
  rule?: string[];
  config?: string;
  dryRun?: boolean;
  format?: string;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
const CHANNELS = ['call', 'chat', 'email'] as const;

/** "365d", "52w", "1y" (365 days), or a bare number of days. */
export function parseDuration(v: string, where: string): number {
  const m = /^\s*(\d{1,6})\s*([dwy]?)\s*$/i.exec(v);
  if (!m) throw new CliError('E_USAGE', `${where}: expected a duration such as 365d, 26w or 2y`);
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  const days = unit === 'w' ? n * 7 : unit === 'y' ? n * 365 : n;
  if (days < 1) throw new CliError('E_USAGE', `${where}: the duration must be at least one day`);
  return days;
}

export function parseRule(spec: string, where = '--rule'): RetentionRule {
  const eq = spec.indexOf('=');
  const channel = spec.slice(0, Math.max(0, eq)).trim().toLowerCase();
  if (eq < 0 || !(CHANNELS as readonly string[]).includes(channel)) {
    throw new CliError(
      'E_USAGE',
      `${where}: expected CHANNEL=DURATION with CHANNEL call, chat or email (e.g. call=365d)`,
    );
  }
  return {
    channel: channel as RetentionRule['channel'],
    days: parseDuration(spec.slice(eq + 1), `${where} ${channel}`),
  };
}

function rulesFromConfig(path: string): RetentionRule[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new CliError('E_CONFIG', `${path}: cannot read it as JSON`);
  }
  const r = (doc as { retention?: unknown } | null)?.retention;
  if (typeof r !== 'object' || r === null || Array.isArray(r)) {
    throw new CliError('E_CONFIG', `${path}: expected {"retention": {"call": "365d", ...}}`);
  }
  return Object.entries(r as Record<string, unknown>).map(([k, v]) => {
    if (typeof v !== 'string' && typeof v !== 'number')
      throw new CliError('E_CONFIG', `${path}: retention.${k} must be a duration`);
    return parseRule(`${k}=${v}`, `${path} retention`);
  });
}

export function register(program: Command, ctx: CliContext): void {
  const retention = program.command('retention').description('retention rules per channel');
  addStoreOptions(
    retention
      .command('run')
      .description('delete interactions older than the rule for their channel')
      .option('--rule <channel=duration>', 'e.g. call=365d, chat=26w, email=2y (repeatable)', collect)
      .option('--config <file>', 'JSON file with {"retention": {"call": "365d", ...}}')
      .option('--dry-run', 'count what would be deleted, delete nothing')
      .option('--format <format>', 'text or json', 'text'),
  ).action(async (flags: RetentionFlags) => {
    const format = outputFormat(ctx, flags.format, ['text', 'json']);
    const byChannel = new Map<string, RetentionRule>();
    if (flags.config) for (const r of rulesFromConfig(flags.config)) byChannel.set(r.channel, r);
    for (const spec of flags.rule ?? []) {
      const r = parseRule(spec);
      byChannel.set(r.channel, r);
    }
    if (byChannel.size === 0)
      throw new CliError('E_USAGE', 'give at least one --rule CHANNEL=DURATION (or --config FILE)');
    const report = await withStore(flags, ctx, (store) =>
      applyRetention(store, [...byChannel.values()], { dryRun: flags.dryRun === true }),
    );
    if (format === 'json') {
      ctx.stdout.write(jsonDocument(report));
      return;
    }
    ctx.stdout.write(
      (report.dryRun ? 'dry run: nothing deleted\n' : '') +
        renderTable(
          ['CHANNEL', 'KEEP (DAYS)', 'CUTOFF', report.dryRun ? 'WOULD DELETE' : 'DELETED', 'TURNS'],
          report.rules.map((r) => [r.channel, r.days, r.cutoff, r.interactions, r.turns]),
        ),
    );
  });
}
