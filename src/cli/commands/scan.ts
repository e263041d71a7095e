/**
 * `sealdesk scan PATH...`: find sensitive data in interaction JSON Lines, plain text, CSV, EML
 * and mbox files (folders recursively; `-` for JSON Lines on stdin). Parses flags, builds the
 * scan options and renders the text report; the pipeline lives in src/scan. See docs/SCAN.md.
 */
import type { Command } from 'commander';
import {
  ConfigError,
  EMPTY_CONFIG,
  loadFingerprintKey,
  loadScanConfig,
  parsePolicySpec,
  type ScanConfig,
  unknownPolicyTypes,
  usesFingerprint,
} from '../../config/index.js';
import { DEFAULT_POLICY, ENTITY_TYPES, type RedactionPolicy, type TurnFinding } from '../../detect/index.js';
import { writeWithBackpressure } from '../../formats/index.js';
import {
  findingLocation,
  type InputFile,
  jsonlReporter,
  jsonReporter,
  maskedPreview,
  type OutputFormat,
  type ReporterFactory,
  runScan,
  type ScanIo,
  type ScanOptions,
  type ScanRecord,
  type ScanResult,
} from '../../scan/index.js';
import { CliError } from '../errors.js';
import { plural, printable, renderTable } from '../format.js';
import type { CliContext } from '../main.js';

export interface ScanFlags {
  format?: string;
  output?: string;
  types?: string;
  minScore?: string;
  failOn?: string;
  redact?: string;
  policy?: string[];
  fingerprintKeyFile?: string;
  config?: string;
  column?: string[];
  workers?: string;
  showValues?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

function usage(message: string): CliError {
  return new CliError('E_USAGE', message);
}

function parseTypeList(spec: string, known: ReadonlySet<string>, flag: string): string[] {
  const types = spec
    .split(',')
    .map((t) => t.trim().toUpperCase())
    .filter((t) => t !== '');
  if (types.length === 0) throw usage(`${flag} needs at least one type`);
  for (const t of types) {
    if (!known.has(t)) throw usage(`${flag}: unknown type ${t} (known: ${[...known].join(', ')})`);
  }
  return [...new Set(types)];
}

/** Turns flags into scan options; every problem is a CliError with exit code 2. */
export function scanOptionsFromFlags(paths: string[], flags: ScanFlags, env: NodeJS.ProcessEnv): ScanOptions {
  const format = (flags.format ?? 'text') as OutputFormat;
  if (!['text', 'json', 'jsonl'].includes(format)) throw usage(`--format must be text, json or jsonl`);
  if (paths.length === 0) throw usage('give at least one file or folder to scan (or - for standard input)');
  if (paths.filter((p) => p === '-').length > 1) throw usage('- (standard input) may be given only once');
  try {
    const config: ScanConfig = flags.config ? loadScanConfig(flags.config) : EMPTY_CONFIG;
    const known = new Set<string>([...ENTITY_TYPES, ...config.recognizers.map((r) => r.type)]);
    const types = flags.types !== undefined ? parseTypeList(flags.types, known, '--types') : undefined;
    let minScore: number | undefined;
    if (flags.minScore !== undefined) {
      minScore = Number(flags.minScore);
      if (flags.minScore.trim() === '' || !Number.isFinite(minScore) || minScore < 0 || minScore > 1) {
        throw usage('--min-score must be a number between 0 and 1');
      }
    }
    let failOn: string[] | 'any' | undefined;
    if (flags.failOn !== undefined) {
      failOn =
        flags.failOn.trim().toLowerCase() === 'any' ? 'any' : parseTypeList(flags.failOn, known, '--fail-on');
      if (types && failOn !== 'any') {
        const missing = failOn.filter((t) => !types.includes(t));
        if (missing.length > 0)
          throw usage(`--fail-on ${missing.join(',')}: not among --types, so it can never be found`);
      }
    }
    if (flags.policy && flags.redact === undefined) throw usage('--policy only applies with --redact OUTDIR');
    let policy: RedactionPolicy = { ...DEFAULT_POLICY, ...config.policy };
    for (const spec of flags.policy ?? []) policy = { ...policy, ...parsePolicySpec(spec) };
    const unknown = unknownPolicyTypes(policy, [...known]);
    if (unknown.length > 0)
      throw usage(`--policy: unknown type ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
    let fingerprintKey: Uint8Array | undefined;
    if (flags.redact !== undefined && usesFingerprint(policy)) {
      fingerprintKey = loadFingerprintKey(flags.fingerprintKeyFile, env);
      if (!fingerprintKey) {
        throw new CliError(
          'E_FINGERPRINT_KEY',
          'the fingerprint operator needs a secret key: --fingerprint-key-file FILE or SEALDESK_FINGERPRINT_KEY ' +
            '(base64 or hex, at least 16 bytes); without one, choose mask, replace or remove',
        );
      }
    } else if (flags.fingerprintKeyFile !== undefined) {
      // Still check it: a bad key file given on purpose should not pass silently.
      loadFingerprintKey(flags.fingerprintKeyFile, env);
    }
    let workers: number | undefined;
    if (flags.workers !== undefined) {
      workers = Number(flags.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 256)
        throw usage('--workers must be an integer from 1 to 256');
    }
    if (flags.quiet && flags.verbose) throw usage('--quiet and --verbose exclude each other');
    const opts: ScanOptions = {
      paths,
      format,
      policy,
      config,
      showValues: flags.showValues === true,
      quiet: flags.quiet === true,
      verbose: flags.verbose === true,
    };
    if (flags.output !== undefined) opts.output = flags.output;
    if (types) opts.types = types;
    if (minScore !== undefined) opts.minScore = minScore;
    if (failOn) opts.failOn = failOn;
    if (flags.redact !== undefined) opts.redactDir = flags.redact;
    if (fingerprintKey) opts.fingerprintKey = fingerprintKey;
    if (flags.column && flags.column.length > 0) opts.columns = flags.column;
    if (workers !== undefined) opts.workers = workers;
    return opts;
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.code, e.message);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The text report, for people.

function findingLine(file: InputFile, rec: ScanRecord, f: TurnFinding, showValues: boolean): string {
  const loc = findingLocation(rec, f);
  const where =
    loc.col !== undefined ? `${file.display}:${loc.line}:${loc.col}` : `${file.display}:${loc.line}`;
  let what: string;
  if (file.kind === 'text') what = '';
  else if (rec.turnLabels)
    what = `  ${rec.id} column ${rec.turnLabels[f.turn] ?? f.turn} ${f.start}-${f.end}`;
  else what = `  ${rec.id} turn ${f.turn} ${f.start}-${f.end}`;
  const flags = [f.spoken ? 'spoken' : '', f.split ? 'split' : ''].filter(Boolean).join(',');
  let line = `${where}${what}  ${f.type}  ${f.score.toFixed(2)}  ${maskedPreview(rec, f)}${flags ? `  (${flags})` : ''}`;
  if (showValues) line += `  value=${JSON.stringify(rec.turns[f.turn]?.text.slice(f.start, f.end) ?? '')}`;
  return `${printable(line)}\n`;
}

export function textSummary(result: ScanResult): string {
  const s = result.stats;
  const parts = [
    plural(result.files.length, 'file'),
    plural(s.records, 'record'),
    `${plural(s.findings, 'finding')} in ${plural(s.recordsWithFindings, 'record')}`,
  ];
  if (s.errors > 0) parts.push(plural(s.errors, 'input error'));
  let out = `\nSummary: ${parts.join(', ')}\n`;
  if (s.byType.size > 0) {
    const rows = [...s.byType.entries()]
      .sort((a, b) => b[1].findings - a[1].findings || (a[0] < b[0] ? -1 : 1))
      .map(([type, t]) => [type, t.findings, t.records]);
    out += `\n${renderTable(['TYPE', 'FINDINGS', 'RECORDS'], rows, { indent: '  ' })}`;
  }
  if (result.files.length > 0) {
    const rows = result.files.map((f, i) => {
      const st = s.files[i]!;
      return [f.display, st.records, st.findings, st.errors];
    });
    out += `\n${renderTable(['FILE', 'RECORDS', 'FINDINGS', 'ERRORS'], rows, { indent: '  ' })}`;
  }
  if (result.options.verbose) {
    out += `\nScanned in ${(result.elapsedMs / 1000).toFixed(2)} s with ${plural(result.workers, 'worker')}.\n`;
  }
  if (result.exitCode === 2) out += '\nSome input could not be read (see the errors above): exit code 2.\n';
  else if (result.failOnMatched) out += '\nFound a type listed in --fail-on: exit code 1.\n';
  return out;
}

export function textReporter(opts: ScanOptions): ReporterFactory {
  return (out) => {
    const write = (s: string) => writeWithBackpressure(out, s);
    return {
      async begin() {
        if (opts.banner && !opts.quiet) await write(`${opts.banner}\n\n`);
      },
      async record(file: InputFile, rec: ScanRecord, findings: TurnFinding[]) {
        if (opts.quiet || findings.length === 0) return;
        let s = '';
        for (const f of findings) s += findingLine(file, rec, f, opts.showValues);
        await write(s);
      },
      async end(result: ScanResult) {
        if (opts.quiet) return;
        if (result.files.length === 0) await write('No files to scan.\n');
        await write(textSummary(result));
      },
    };
  };
}

export function reporterFor(opts: ScanOptions): ReporterFactory {
  if (opts.format === 'jsonl') return jsonlReporter(opts.showValues);
  if (opts.format === 'json') return jsonReporter(opts.showValues);
  return textReporter(opts);
}

/**
 * Runs a scan and returns its exit code; domain errors become CLI errors (exit code 2). When the
 * reader of the output goes away (`sealdesk scan ... | head`), the scan stops without a message.
 */
export async function runScanCommand(opts: ScanOptions, io: ScanIo): Promise<number> {
  try {
    return (await runScan(opts, io, reporterFor(opts))).exitCode;
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown };
    if (e instanceof CliError) throw e;
    if (err.code === 'EPIPE') return 2;
    if (typeof err.code === 'string' && err.code.startsWith('E_'))
      throw new CliError(err.code, String(err.message));
    throw e;
  }
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('scan')
    .description(
      'find card numbers and other sensitive data in interaction JSON Lines, text, CSV, EML and mbox files',
    )
    .argument(
      '<paths...>',
      'files or folders to scan (folders recursively); - reads JSON Lines from standard input',
    )
    .option(
      '--format <format>',
      'report format: text, json or jsonl (the Findings JSON Lines contract)',
      'text',
    )
    .option('-o, --output <file>', 'write the report to FILE instead of standard output')
    .option('--types <list>', 'only look for these types (comma list)')
    .option('--min-score <n>', 'drop findings scored below N (0 to 1; default 0.5)')
    .option('--fail-on <types>', 'exit with 1 when any of these types is found (comma list, or "any")')
    .option('--redact <outdir>', 'write redacted copies (same format, same relative paths) under OUTDIR')
    .option(
      '--policy <spec>',
      'redaction per type, e.g. CREDIT_CARD=mask,EMAIL_ADDRESS=fingerprint,default=replace (repeatable)',
      collect,
    )
    .option(
      '--fingerprint-key-file <file>',
      'key for the fingerprint operator (base64 or hex); or env SEALDESK_FINGERPRINT_KEY',
    )
    .option(
      '--config <file>',
      'JSON configuration: custom recognizers, disabled recognizers, redaction policy',
    )
    .option(
      '--column <name>',
      'CSV column to scan (repeatable; default: every column but the id column)',
      collect,
    )
    .option('--workers <n>', 'worker threads (default: all cores for inputs over 8 MB, else 1)')
    .option('--show-values', 'also print the raw values found (off by default: reports stay safe to share)')
    .option('-q, --quiet', 'no report in text format, no progress bar: only errors and the exit code')
    .option('-v, --verbose', 'list skipped files, every error, and timing')
    .addHelpText(
      'after',
      '\nExit codes: 0 done; 1 a --fail-on type was found; 2 some input could not be read, or bad usage.\n' +
        'Values are never printed unless --show-values is given. See docs/SCAN.md.\n',
    )
    .action(async (paths: string[], flags: ScanFlags) => {
      const opts = scanOptionsFromFlags(paths, flags, ctx.env);
      ctx.setExitCode(await runScanCommand(opts, { stdout: ctx.stdout, stderr: ctx.stderr }));
    });
}
