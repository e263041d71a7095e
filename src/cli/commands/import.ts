/**
 * `sealdesk import PATH...`: detect -> redact -> encrypt -> store, from Interaction JSON Lines,
 * CSV call exports (`--map`), and EML / mbox email (threaded; `--staff-domain` says which
 * addresses are staff). Idempotent and resumable: the same command run twice, or again after a
 * crash, ends with the store of one clean run. Exit code 2 when any record was rejected.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { ConfigError, parsePolicySpec } from '../../config/index.js';
import { DEFAULT_POLICY, type RedactionPolicy } from '../../detect/index.js';
import { type ColumnMapping, FormatError, parseColumnMapping } from '../../formats/index.js';
import {
  defaultImportWorkers,
  type ImportInput,
  type ImportKind,
  type ImportSummary,
  importKindOf,
  runImport,
} from '../../ingest/index.js';
import { CliError } from '../errors.js';
import { jsonDocument, plural, printable } from '../format.js';
import type { CliContext } from '../main.js';
import { addStoreOptions, outputFormat, type StoreFlags, withStore } from '../store-context.js';

interface ImportFlags extends StoreFlags {
  as?: string;
  map?: string;
  channel?: string;
  staffDomain?: string[];
  keepOriginal?: boolean;
  policy?: string[];
  batch?: string;
  workers?: string;
  format?: string;
  quiet?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
const KINDS: readonly ImportKind[] = ['jsonl', 'csv', 'eml', 'mbox'];
/** Inputs above this size get detection worker threads (below, starting them costs more than it saves). */
const AUTO_WORKERS_BYTES = 2 * 1024 * 1024;
const PROGRESS_BYTES = 1024 * 1024;
const REJECTIONS_SHOWN = 50;

/** Files to import: files as given; folders walked (sorted) for known extensions. */
async function expand(
  paths: string[],
  as: ImportKind | undefined,
): Promise<{ inputs: ImportInput[]; bytes: number }> {
  const inputs: ImportInput[] = [];
  let bytes = 0;
  const walk = async (dir: string) => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      throw new CliError('E_READ', `${dir}: cannot read the folder`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && (as ?? importKindOf(p))) {
        inputs.push(as ? { path: p, kind: as } : { path: p });
        bytes += (await stat(p)).size;
      }
    }
  };
  for (const p of paths) {
    if (p === '-') {
      inputs.push({ path: '-', kind: as ?? 'jsonl' });
      continue;
    }
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(p);
    } catch {
      throw new CliError('E_READ', `${p}: no such file or folder`);
    }
    if (st.isDirectory()) await walk(p);
    else {
      inputs.push(as ? { path: p, kind: as } : { path: p });
      bytes += st.size;
    }
  }
  return { inputs, bytes };
}

function parseInteger(v: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError('E_USAGE', `${flag} must be an integer from ${min} to ${max}`);
  return n;
}

export function renderSummary(s: ImportSummary): string {
  const lines: string[] = [];
  const parts = [`imported ${plural(s.imported, 'interaction')}`];
  if (s.appended > 0) parts.push(`${plural(s.appended, 'email')} added to stored threads`);
  parts.push(`skipped ${s.skipped} (already stored)`);
  parts.push(`rejected ${s.rejected}`);
  lines.push(parts.join(', '));
  const types = Object.entries(s.findings).sort((a, b) => b[1] - a[1]);
  lines.push(
    `  ${plural(s.turns, 'turn')} stored encrypted; findings redacted: ${
      types.length === 0 ? 'none' : types.map(([t, n]) => `${t} ${n}`).join(', ')
    }`,
  );
  const secs = s.elapsedMs / 1000;
  if (s.imported + s.appended > 0 && secs > 0) {
    lines.push(`  ${((s.imported + s.appended) / secs).toFixed(0)} records/s over ${secs.toFixed(1)} s`);
  }
  if (s.rejected > 0) {
    lines.push('rejected:');
    for (const r of s.rejections.slice(0, REJECTIONS_SHOWN)) {
      const where = r.line === null ? r.file : `${r.file}:${r.line}`;
      lines.push(`  ${printable(where)}: ${printable(r.message)} [${r.code}]`);
    }
    if (s.rejected > REJECTIONS_SHOWN)
      lines.push(`  ... and ${s.rejected - REJECTIONS_SHOWN} more (--format json lists up to 1000)`);
  }
  return `${lines.join('\n')}\n`;
}

export function register(program: Command, ctx: CliContext): void {
  addStoreOptions(
    program
      .command('import')
      .description(
        'import interactions (JSON Lines, CSV call exports, EML, mbox): detect, redact, encrypt, store',
      )
      .argument('<paths...>', 'files or folders (- for JSON Lines on standard input)')
      .option('--as <kind>', 'read every input as jsonl, csv, eml or mbox (default: by extension)')
      .option(
        '--map <spec>',
        'CSV column mapping, e.g. id=call_id,started_at=start,customer.email=email,transcript=text',
      )
      .option(
        '--channel <channel>',
        'channel of CSV rows without a channel column (call, chat, email)',
        'call',
      )
      .option(
        '--staff-domain <domain>',
        'email domain of your staff (repeatable): their messages are agent turns',
        collect,
      )
      .option(
        '--keep-original',
        'also keep the unredacted text, encrypted under a separate key (card numbers and CVVs are redacted even there)',
      )
      .option(
        '--policy <spec>',
        'redaction operators, e.g. CREDIT_CARD=mask,default=replace (repeatable)',
        collect,
      )
      .option('--batch <n>', 'records per transaction (default 200)')
      .option(
        '--workers <n>',
        'detection worker threads (default for inputs over 2 MB: one per core but one, at least 1)',
      )
      .option('--format <format>', 'summary as text or json', 'text')
      .option('--quiet', 'no progress bar'),
  ).action(async (paths: string[], flags: ImportFlags) => {
    const format = outputFormat(ctx, flags.format, ['text', 'json']);
    const as = flags.as?.toLowerCase() as ImportKind | undefined;
    if (as !== undefined && !KINDS.includes(as))
      throw new CliError('E_USAGE', `--as must be ${KINDS.join(', ')}`);
    if (paths.filter((p) => p === '-').length > 1)
      throw new CliError('E_USAGE', '- (standard input) may be given only once');
    const channel = flags.channel?.toLowerCase();
    if (channel !== 'call' && channel !== 'chat' && channel !== 'email') {
      throw new CliError('E_USAGE', '--channel must be call, chat or email');
    }
    let mapping: ColumnMapping | undefined;
    let policy: RedactionPolicy = { ...DEFAULT_POLICY };
    try {
      if (flags.map !== undefined) mapping = parseColumnMapping(flags.map);
      for (const spec of flags.policy ?? []) policy = { ...policy, ...parsePolicySpec(spec) };
    } catch (e) {
      if (e instanceof FormatError || e instanceof ConfigError) throw new CliError(e.code, e.message);
      throw e;
    }
    const batchSize = parseInteger(flags.batch, '--batch', 1, 10_000);
    const { inputs, bytes } = await expand(paths, as);
    if (inputs.length === 0)
      throw new CliError('E_USAGE', 'no importable files found (.jsonl, .ndjson, .csv, .eml, .mbox)');
    const workers =
      parseInteger(flags.workers, '--workers', 0, 64) ??
      (bytes > AUTO_WORKERS_BYTES ? defaultImportWorkers() : 0);

    let bar: SingleBar | undefined;
    if (ctx.stderr.isTTY && !flags.quiet && bytes > PROGRESS_BYTES && !paths.includes('-')) {
      bar = new SingleBar(
        {
          stream: ctx.stderr,
          format: 'importing [{bar}] {percentage}% | {done}/{all} MB | {records} records',
          hideCursor: true,
          clearOnComplete: true,
        },
        Presets.shades_classic,
      );
      bar.start(bytes, 0, { done: '0', all: (bytes / 1048576).toFixed(1), records: 0 });
    }
    let read = 0;
    const summary = await withStore(flags, ctx, (store) =>
      runImport(store, {
        inputs,
        policy,
        keepOriginal: flags.keepOriginal === true,
        ...(mapping ? { mapping } : {}),
        channel,
        staffDomains: flags.staffDomain ?? [],
        ...(batchSize ? { batchSize } : {}),
        workers,
        stdin: process.stdin,
        onBytes: (n) => {
          read += n;
          bar?.update(read, { done: (read / 1048576).toFixed(1) });
        },
        onBatch: (s) => bar?.update(read, { records: s.imported + s.appended + s.skipped }),
      }),
    ).finally(() => bar?.stop());
    if (format === 'json') ctx.stdout.write(jsonDocument(summary));
    else ctx.stdout.write(renderSummary(summary));
    if (summary.rejected > 0) ctx.setExitCode(2);
  });
}
