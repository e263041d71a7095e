/**
 * The scan pipeline: inputs -> records -> batches -> engine (inline or worker threads) ->
 * results in input order -> reporter and redacted copies.
 *
 * Memory stays bounded whatever the input size: readers hold one line (or one text record, one
 * email) at a time, records are grouped into batches of at most BATCH_RECORDS records or
 * BATCH_CHARS characters, and at most `inFlight` batches are queued: when the queue is full
 * the reader waits until the oldest batch has been reported. Results leave in input order
 * because the queue is drained from its head only.
 */
import { createWriteStream, realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { TurnFinding } from '../detect/index.js';
import { FormatError, fileChunks } from '../formats/index.js';
import { createEngine, type Engine } from './engine.js';
import { sortFindings } from './findings.js';
import { expandInputs, isInside } from './inputs.js';
import { RedactedCopy } from './redact-out.js';
import { recordsOf } from './sources.js';
import { ScanStats } from './stats.js';
import type { InputFile, ScanOptions, ScanRecord } from './types.js';

export const BATCH_RECORDS = 64;
export const BATCH_CHARS = 256 * 1024;
/** Inputs above this size get one worker per core unless --workers says otherwise. */
export const AUTO_WORKERS_BYTES = 8 * 1024 * 1024;
/** Inputs above this size get a progress bar (on a terminal). */
export const PROGRESS_BYTES = 4 * 1024 * 1024;
/** Error lines printed per file (all of them with --verbose; the JSON report keeps up to 1000). */
export const ERRORS_SHOWN_PER_FILE = 100;

export class ScanError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ScanError';
    this.code = code;
  }
}

export interface ScanIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin?: AsyncIterable<Uint8Array | string>;
}

export interface ScanResult {
  files: InputFile[];
  stats: ScanStats;
  skipped: string[];
  /** Paths given that could not be read at all (missing, no permission). */
  inputErrors: FormatError[];
  failOnMatched: boolean;
  exitCode: number;
  workers: number;
  elapsedMs: number;
  options: ScanOptions;
}

/** Receives every record in input order, then the result. Implemented per output format. */
export interface ScanReporter {
  begin(files: readonly InputFile[]): Promise<void>;
  record(file: InputFile, rec: ScanRecord, findings: TurnFinding[]): Promise<void>;
  end(result: ScanResult): Promise<void>;
}

export type ReporterFactory = (out: NodeJS.WritableStream & { isTTY?: boolean }) => ScanReporter;

interface FileState {
  copy?: RedactedCopy;
  failed: boolean;
}

interface QueueEntry {
  batch?: ScanRecord[];
  results?: Promise<TurnFinding[][]>;
  after?: () => Promise<void>;
}

function realOrResolved(p: string): string {
  // The output folder may not exist yet: resolve its nearest existing parent.
  let cur = resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return resolve(realpathSync(cur), ...rest.reverse());
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return resolve(p);
      rest.push(basename(cur));
      cur = parent;
    }
  }
}

function checkOutputs(opts: ScanOptions, files: readonly InputFile[], roots: readonly string[]): void {
  const inputs = new Set<string>();
  for (const f of files) if (f.abs) inputs.add(realOrResolved(f.abs));
  if (opts.output !== undefined && inputs.has(realOrResolved(opts.output))) {
    throw new ScanError(
      'E_OUTPUT',
      `--output ${opts.output} is one of the input files; refusing to overwrite it`,
    );
  }
  if (opts.redactDir === undefined) return;
  const out = realOrResolved(opts.redactDir);
  for (const root of roots) {
    if (isInside(out, root)) {
      throw new ScanError(
        'E_OUTPUT',
        `--redact ${opts.redactDir} lies inside the input folder ${root}; choose a folder outside the inputs`,
      );
    }
  }
  const targets = new Map<string, string>();
  for (const f of files) {
    const target = resolve(out, f.outRel);
    if (inputs.has(target)) {
      throw new ScanError(
        'E_OUTPUT',
        `--redact ${opts.redactDir} would overwrite the input file ${f.display}`,
      );
    }
    const other = targets.get(target);
    if (other !== undefined) {
      throw new ScanError(
        'E_OUTPUT',
        `--redact: ${other} and ${f.display} would both be written to ${f.outRel}; scan them separately`,
      );
    }
    targets.set(target, f.display);
  }
}

function chooseWorkers(opts: ScanOptions, files: readonly InputFile[]): number {
  if (opts.workers !== undefined) return Math.max(1, Math.floor(opts.workers));
  const total = files.reduce((n, f) => n + f.size, 0);
  return total > AUTO_WORKERS_BYTES ? Math.max(1, availableParallelism()) : 1;
}

export async function runScan(
  opts: ScanOptions,
  io: ScanIo,
  makeReporter: ReporterFactory,
): Promise<ScanResult> {
  const started = performance.now();
  const expanded = await expandInputs(opts.paths);
  const files = expanded.files;
  checkOutputs(opts, files, expanded.roots);

  const stats = new ScanStats(files.length);
  const shownPerFile = new Map<number, number>();
  const printError = (file: number | undefined, e: FormatError) => {
    const n = file === undefined ? 0 : (shownPerFile.get(file) ?? 0);
    if (file !== undefined) shownPerFile.set(file, n + 1);
    if (opts.verbose || n < ERRORS_SHOWN_PER_FILE) io.stderr.write(`sealdesk: ${e.message} [${e.code}]\n`);
  };
  for (const e of expanded.errors) {
    stats.addError(undefined, e, true);
    printError(undefined, e);
  }
  if (opts.verbose)
    for (const s of expanded.skipped) io.stderr.write(`sealdesk: skipped ${s} (unknown extension)\n`);

  const workers = chooseWorkers(opts, files);
  const detect = {
    ...(opts.types ? { types: opts.types } : {}),
    ...(opts.minScore !== undefined ? { minScore: opts.minScore } : {}),
  };
  const engine: Engine = createEngine({ config: opts.config, detect }, workers);
  const inFlight = Math.max(2, workers * 3);

  const out: NodeJS.WritableStream & { isTTY?: boolean } =
    opts.output !== undefined ? createWriteStream(opts.output) : io.stdout;
  const reporter = makeReporter(out);

  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  let bar: SingleBar | undefined;
  // Not when a text report streams to the same terminal: its lines and the bar would garble each other.
  const reportOnTerminal =
    opts.output === undefined && io.stdout.isTTY === true && opts.format === 'text' && !opts.quiet;
  if (
    io.stderr.isTTY &&
    !opts.quiet &&
    opts.format !== 'jsonl' &&
    !reportOnTerminal &&
    totalBytes > PROGRESS_BYTES
  ) {
    bar = new SingleBar(
      {
        stream: io.stderr,
        format: 'scanning [{bar}] {percentage}% | {done}/{all} MB',
        hideCursor: true,
        clearOnComplete: true,
      },
      Presets.shades_classic,
    );
    bar.start(totalBytes, 0, { done: '0', all: (totalBytes / 1048576).toFixed(1) });
  }
  let bytesRead = 0;
  const onBytes = (n: number) => {
    bytesRead += n;
    bar?.update(bytesRead, { done: (bytesRead / 1048576).toFixed(1) });
  };

  const failTypes = opts.failOn === 'any' ? undefined : new Set(opts.failOn ?? []);
  let failOnMatched = false;
  const queue: QueueEntry[] = [];

  const processHead = async () => {
    const entry = queue.shift()!;
    if (entry.batch && entry.results) {
      const results = await entry.results;
      for (let k = 0; k < entry.batch.length; k++) {
        const rec = entry.batch[k]!;
        const findings = sortFindings(withLabelFindings(results[k] ?? [], rec, opts));
        stats.addRecord(rec.file, findings);
        if (opts.failOn !== undefined && findings.some((f) => !failTypes || failTypes.has(f.type)))
          failOnMatched = true;
        await reporter.record(files[rec.file]!, rec, findings);
        const state = states[rec.file];
        if (state?.copy) await state.copy.record(rec, findings);
      }
    }
    if (entry.after) await entry.after();
  };
  const push = async (entry: QueueEntry) => {
    queue.push(entry);
    while (queue.length >= inFlight) await processHead();
  };

  const states: FileState[] = files.map(() => ({ failed: false }));
  const redactOptions = {
    policy: opts.policy,
    ...(opts.fingerprintKey ? { fingerprintKey: opts.fingerprintKey } : {}),
  };

  try {
    await reporter.begin(files);
    for (let i = 0; i < files.length; i++) {
      const f = files[i]!;
      const state = states[i]!;
      const ensureCopy = async () => {
        if (opts.redactDir !== undefined && !state.copy && !state.failed) {
          state.copy = await RedactedCopy.open(opts.redactDir, f, redactOptions);
        }
      };
      let batch: ScanRecord[] = [];
      let chars = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const b = batch;
        batch = [];
        chars = 0;
        await push({
          batch: b,
          results: engine.submit(
            b.map((r) => ({ turns: r.turns, knownNames: r.knownNames, independent: r.independent })),
          ),
        });
      };
      const open = () =>
        f.abs ? fileChunks(f.abs, f.display) : (io.stdin ?? (process.stdin as AsyncIterable<Uint8Array>));
      await push({ after: ensureCopy });
      try {
        for await (const item of recordsOf(i, f, {
          open,
          onBytes,
          ...(opts.columns ? { columns: opts.columns } : {}),
        })) {
          if (item.error) {
            stats.addError(i, item.error, false);
            printError(i, item.error);
          } else if (item.header) {
            await flush();
            const header = item.header;
            await push({ after: async () => state.copy?.header(header) });
          } else {
            batch.push(item.record);
            for (const t of item.record.turns) chars += t.text.length;
            if (batch.length >= BATCH_RECORDS || chars >= BATCH_CHARS) await flush();
          }
        }
        await flush();
      } catch (e) {
        if (!(e instanceof FormatError)) throw e;
        await flush();
        state.failed = true;
        stats.addError(i, e, true);
        printError(i, e);
      }
      await push({
        after: async () => {
          const shown = shownPerFile.get(i) ?? 0;
          if (!opts.verbose && shown > ERRORS_SHOWN_PER_FILE) {
            io.stderr.write(
              `sealdesk: ${f.display}: ${shown - ERRORS_SHOWN_PER_FILE} more errors not shown (use --verbose)\n`,
            );
          }
          if (state.copy) {
            await state.copy.close(!state.failed);
            state.copy = undefined;
          }
        },
      });
    }
    while (queue.length > 0) await processHead();
  } finally {
    bar?.stop();
    await engine.close();
    for (const s of states) if (s.copy) await s.copy.close(false).catch(() => {});
  }

  // Incomplete results outrank findings: a scan that could not read everything is not a pass.
  const exitCode = stats.errors > 0 ? 2 : failOnMatched ? 1 : 0;
  const result: ScanResult = {
    files,
    stats,
    skipped: expanded.skipped,
    inputErrors: expanded.errors,
    failOnMatched,
    exitCode,
    workers,
    elapsedMs: performance.now() - started,
    options: opts,
  };
  await reporter.end(result);
  if (opts.output !== undefined) {
    await new Promise<void>((res, rej) => {
      out.once('error', rej);
      out.end(() => res());
    });
  }
  return result;
}

/**
 * The engine's findings of a record and those its reader made (speaker-label names), under the
 * scan's type and score filters, and not when the configuration disables the person recognizer;
 * a reader's finding that overlaps an engine's is dropped.
 */
function withLabelFindings(found: TurnFinding[], rec: ScanRecord, opts: ScanOptions): TurnFinding[] {
  const extra = rec.labelFindings;
  if (!extra || extra.length === 0 || opts.config.disable.includes('person')) return found;
  const out = [...found];
  for (const f of extra) {
    if (opts.types && !opts.types.includes(f.type)) continue;
    if (opts.minScore !== undefined && f.score < opts.minScore) continue;
    if (found.some((g) => g.turn === f.turn && g.start < f.end && f.start < g.end)) continue;
    out.push(f);
  }
  return out;
}
