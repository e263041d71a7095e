/**
 * `npm run bench:detect`: throughput and accuracy of Sealdesk's detection engine on generated
 * conversation text, single-threaded and on every core, beside the npm libraries people would use
 * instead (@redactpii/node, redact-pii, openredaction), scored on the same labelled corpus.
 *
 *   npm run bench:detect -- [--size 100] [--quick] [--seed 1] [--threads N]
 *                           [--peer-mb MB] [--openredaction-mb 2] [--no-peers] [--per-recognizer] [--json]
 *
 * MB = 10^6 bytes of UTF-8 turn text. Our engine runs `detectConversation` per interaction with
 * the customer's and agent's names; the peers run turn by turn (they have no conversation API).
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Command, InvalidArgumentError } from 'commander';
import { sealdeskPredictions } from '../eval/lib/engine.js';
import { pct, table } from '../eval/lib/report.js';
import { type Pred, type ScoreResult, Scorer } from '../eval/lib/score.js';
import type { LabelledRecord } from '../eval/lib/types.js';
import {
  Analyzer,
  builtinRecognizers,
  createRegistry,
  type Recognizer,
  RecognizerRegistry,
} from '../src/detect/index.js';
import { type CorpusFiles, ensureCorpus, loadRecords, textBytes } from './lib/corpus.js';
import { allPeers, type PeerAdapter } from './lib/peers.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

interface Options {
  size: number;
  quick?: boolean;
  seed: number;
  threads: number;
  /** Cap for the fast peers (default: the whole corpus). */
  peerMb?: number;
  openredactionMb: number;
  peers: boolean;
  perRecognizer?: boolean;
  json?: boolean;
}

export interface ToolRow {
  tool: string;
  how: string;
  /** Text the tool was timed and scored on. */
  megabytes: number;
  sample: boolean;
  mbPerSecond: number;
  /** `control`: the speed-up of a CPU-bound loop on as many threads, measured right after. */
  parallel?: { threads: number; mbPerSecond: number; speedup: number; control: number };
  score: ScoreResult;
  cardRecall: Record<string, number>;
  unaligned?: number;
}

function numArg(name: string, min: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new InvalidArgumentError(`${name} must be a number >= ${min}`);
    return n;
  };
}

function log(s: string): void {
  process.stderr.write(`${s}\n`);
}

/** The first records whose text adds up to `megabytes`. */
function sample(
  records: readonly LabelledRecord[],
  megabytes: number,
): { records: LabelledRecord[]; bytes: number } {
  const out: LabelledRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    if (bytes >= megabytes * 1e6) break;
    out.push(r);
    bytes += textBytes(r.interaction);
  }
  return { records: out, bytes };
}

function cardRecall(score: ScoreResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of score.forms) if (f.type === 'CREDIT_CARD') out[f.key] = f.recall;
  const all = score.types.find((t) => t.type === 'CREDIT_CARD');
  out.all = all ? all.recall : Number.NaN;
  return out;
}

/** Text the engine warms up on before it is timed: a tenth of the corpus, at most 2 MB. */
function warmupBytes(corpusBytes: number): number {
  return Math.min(2e6, corpusBytes / 10);
}

function ours(records: readonly LabelledRecord[], bytes: number): ToolRow {
  const warm = sample(records, warmupBytes(bytes) / 1e6);
  for (const r of warm.records) sealdeskPredictions(r);
  const preds: Pred[][] = new Array(records.length);
  const t0 = performance.now();
  for (let i = 0; i < records.length; i++) preds[i] = sealdeskPredictions(records[i]!);
  const ms = performance.now() - t0;
  const scorer = new Scorer();
  for (let i = 0; i < records.length; i++) scorer.add(records[i]!, preds[i]!);
  const score = scorer.result(0);
  return {
    tool: `sealdesk (${builtinRecognizers().length} recognizers)`,
    how: 'detectConversation(turns, { knownNames }) per interaction',
    megabytes: bytes / 1e6,
    sample: false,
    mbPerSecond: bytes / 1e6 / (ms / 1000),
    score,
    cardRecall: cardRecall(score),
  };
}

/** Splits the corpus into contiguous ranges of about equal text, one worker each, started together. */
async function parallel(
  files: CorpusFiles,
  records: readonly LabelledRecord[],
  threads: number,
): Promise<{ mbPerSecond: number; bytes: number }> {
  const total = records.reduce((a, r) => a + textBytes(r.interaction), 0);
  const ranges: Array<[number, number]> = [];
  let from = 0;
  let acc = 0;
  for (let i = 0; i < records.length && ranges.length < threads - 1; i++) {
    acc += textBytes(records[i]!.interaction);
    if (acc >= (total * (ranges.length + 1)) / threads) {
      ranges.push([from, i + 1]);
      from = i + 1;
    }
  }
  ranges.push([from, records.length]);
  const script = new URL('./lib/detect-worker.js', import.meta.url);
  const workers = ranges.map(
    ([a, b]) =>
      new Worker(script, {
        // Each worker warms up on as much text as the single-thread run did, so that both are
        // timed after the same JIT tier-up rather than the workers paying for it in the timing.
        workerData: { path: files.interactions, from: a, to: b, warmupBytes: warmupBytes(total) },
      }),
  );
  const ready = workers.map(
    (w) =>
      new Promise<void>((done, fail) => {
        w.once('message', () => done());
        w.once('error', fail);
      }),
  );
  await Promise.all(ready);
  const results = workers.map(
    (w) =>
      new Promise<{ ms: number; bytes: number }>((done, fail) => {
        w.once('message', (m: { ms: number; bytes: number }) => done(m));
        w.once('error', fail);
      }),
  );
  const t0 = performance.now();
  for (const w of workers) w.postMessage('go');
  const done = await Promise.all(results);
  const wall = performance.now() - t0;
  await Promise.all(workers.map((w) => w.terminate()));
  const bytes = done.reduce((a, d) => a + d.bytes, 0);
  return { mbPerSecond: bytes / 1e6 / (wall / 1000), bytes };
}

/**
 * How much the machine can scale at all right now: a CPU-bound loop on one worker, then on
 * `threads` workers at once. On a shared machine this is the ceiling for the engine's speed-up.
 */
async function scalingControl(threads: number): Promise<number> {
  const code = `const { parentPort } = require('node:worker_threads');
parentPort.once('message', () => { let x = 0; for (let i = 0; i < 2e8; i++) x = (x + i * 7) % 1000003; parentPort.postMessage(x); });`;
  const run = async (n: number): Promise<number> => {
    const ws = Array.from({ length: n }, () => new Worker(code, { eval: true }));
    const t0 = performance.now();
    await Promise.all(
      ws.map(
        (w) =>
          new Promise((done) => {
            w.once('message', done);
            w.postMessage('go');
          }),
      ),
    );
    const ms = performance.now() - t0;
    await Promise.all(ws.map((w) => w.terminate()));
    return ms;
  };
  const one = await run(1);
  const many = await run(threads);
  return (threads * one) / many;
}

async function peer(
  adapter: PeerAdapter,
  records: readonly LabelledRecord[],
  megabytes: number,
  isSample: boolean,
): Promise<ToolRow> {
  await adapter.init();
  const part = sample(records, megabytes);
  // Warm-up on the first records (not timed, not scored).
  for (const r of part.records.slice(0, 20)) {
    for (const t of r.interaction.turns) {
      const out = adapter.run(t.text);
      if (out instanceof Promise) await out;
    }
  }
  const scorer = new Scorer({ scoredTypes: adapter.types });
  let ms = 0;
  for (const r of part.records) {
    const preds: Pred[] = [];
    for (let ti = 0; ti < r.interaction.turns.length; ti++) {
      const text = r.interaction.turns[ti]!.text;
      const t0 = performance.now();
      let out = adapter.run(text);
      // Only the asynchronous API pays for the await: timing a synchronous call through a promise would slow it.
      if (out instanceof Promise) out = await out;
      ms += performance.now() - t0;
      for (const s of adapter.spans(text, out))
        preds.push({ turn: ti, start: s.start, end: s.end, type: adapter.mapLabel(s.label) });
    }
    scorer.add(r, preds);
  }
  const score = scorer.result(0);
  return {
    tool: `${adapter.name} ${adapter.version}`,
    how: adapter.how,
    megabytes: part.bytes / 1e6,
    sample: isSample,
    mbPerSecond: part.bytes / 1e6 / (ms / 1000),
    score,
    cardRecall: cardRecall(score),
    unaligned: adapter.unaligned,
  };
}

/** Where the engine's time goes (see perRecognizer). */
interface RecognizerCost {
  /** ms per MB of the conversation loop with no recognizer at all (number spans for split values, views). */
  none: number;
  /** ms per MB with every recognizer. */
  all: number;
  /** ms per MB with this recognizer only, and saved by leaving it out of all. */
  rows: Array<{ name: string; alone: number; leftOut: number }>;
}

/**
 * Where the time goes, in conversation mode as the engine runs: each recognizer alone, and what
 * leaving it out of the full set saves (recognizers share derived forms, such as number spans and
 * the card layout, so the two differ). Best of five rounds, on a sample; differences of a few
 * ms/MB are noise.
 */
function perRecognizer(records: readonly LabelledRecord[], megabytes: number): RecognizerCost {
  const part = sample(records, megabytes);
  const convs = part.records.map((r) => ({
    turns: r.interaction.turns,
    knownNames: [r.interaction.customer.name, r.interaction.agent.name],
  }));
  const every = createRegistry().list();
  // Every configuration once per round, five rounds, the best of each: the machine's drift over
  // the minutes this takes then falls on all of them alike.
  const configs: Recognizer[][] = [
    [],
    every,
    ...every.map((r) => [r]),
    ...every.map((r) => every.filter((x) => x !== r)),
  ];
  const analyzers = configs.map((list) => new Analyzer(new RecognizerRegistry(list)));
  const run = (analyzer: Analyzer) => {
    for (const c of convs) analyzer.detectConversation(c.turns, { knownNames: c.knownNames });
  };
  for (const a of analyzers) run(a);
  const best = configs.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < 5; round++) {
    analyzers.forEach((a, k) => {
      const t0 = performance.now();
      run(a);
      best[k] = Math.min(best[k]!, performance.now() - t0);
    });
  }
  const ms = best.map((t) => t / (part.bytes / 1e6));
  const none = ms[0]!;
  const all = ms[1]!;
  const n = every.length;
  const rows = every
    .map((r, k) => ({ name: r.name, alone: ms[2 + k]!, leftOut: all - ms[2 + n + k]! }))
    .sort((x, y) => y.leftOut - x.leftOut);
  return { none, all, rows };
}

function fmtMb(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}

export function benchTable(rows: readonly ToolRow[]): string {
  return table(
    [
      'tool',
      'text (MB)',
      '1 thread MB/s',
      'all cores MB/s',
      'precision',
      'recall',
      'card: typed',
      'spoken',
      'split',
      'leak',
      'over',
    ],
    rows.map((r) => [
      r.tool,
      `${fmtMb(r.megabytes)}${r.sample ? ' (sample)' : ''}`,
      fmtMb(r.mbPerSecond),
      r.parallel
        ? `${fmtMb(r.parallel.mbPerSecond)} (x${r.parallel.speedup.toFixed(2)}, ${r.parallel.threads} thr)`
        : '—',
      pct(r.score.micro.precision, 1),
      pct(r.score.micro.recall, 1),
      pct(r.cardRecall.typed ?? Number.NaN, 1),
      pct(r.cardRecall.spoken ?? Number.NaN, 1),
      pct(r.cardRecall.split ?? Number.NaN, 1),
      pct(r.score.leak, 1),
      pct(r.score.over, 1),
    ]),
    1,
  );
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command()
    .name('bench:detect')
    .description('Throughput and accuracy of the detection engine and of npm peers on the labelled corpus')
    .option('--size <MB>', 'corpus size in MB of turn text', numArg('--size', 1), 100)
    .option('--quick', 'a small run: 5 MB, peers on 1 MB (openredaction 0.2 MB)')
    .option('--seed <n>', 'corpus seed', numArg('--seed', 0), 1)
    .option(
      '--threads <n>',
      'worker threads for the parallel run',
      numArg('--threads', 1),
      availableParallelism(),
    )
    .option(
      '--peer-mb <MB>',
      'run @redactpii/node and redact-pii on the first MB only (default: all)',
      numArg('--peer-mb', 0.1),
    )
    .option(
      '--openredaction-mb <MB>',
      'sample for openredaction (very slow)',
      numArg('--openredaction-mb', 0.05),
      2,
    )
    .option('--no-peers', 'only our engine')
    .option(
      '--per-recognizer',
      'also time each recognizer alone and left out, in conversations, on a 2 MB sample (where the time goes)',
    )
    .option('--json', 'machine-readable output')
    .exitOverride((err) => {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      throw err;
    });
  try {
    program.parse(argv, { from: 'user' });
  } catch {
    return;
  }
  const o = program.opts<Options>();
  if (o.quick) {
    o.size = Math.min(o.size, 5);
    o.openredactionMb = Math.min(o.openredactionMb, 0.2);
  }
  const loadStart = loadavg()[0]!;
  const files = await ensureCorpus(join(ROOT, '.bench-cache'), o.seed, o.size, log);
  const records = loadRecords(files);
  log(
    `corpus: ${records.length} interactions, ${(files.bytes / 1e6).toFixed(1)} MB of turn text${files.cached ? ' (cached)' : ''}`,
  );

  log('sealdesk: single thread ...');
  const row = ours(records, files.bytes);
  log(`  ${fmtMb(row.mbPerSecond)} MB/s`);
  log(`sealdesk: ${o.threads} worker threads ...`);
  const par = await parallel(files, records, o.threads);
  const control = await scalingControl(o.threads);
  row.parallel = {
    threads: o.threads,
    mbPerSecond: par.mbPerSecond,
    speedup: par.mbPerSecond / row.mbPerSecond,
    control,
  };
  log(`  ${fmtMb(par.mbPerSecond)} MB/s (a CPU-bound control loop scales x${control.toFixed(2)} here now)`);
  const rows: ToolRow[] = [row];

  if (o.peers) {
    for (const adapter of allPeers()) {
      const cap = adapter.name === 'openredaction' ? o.openredactionMb : (o.peerMb ?? o.size);
      const isSample = cap < o.size;
      const mb = isSample ? cap : files.bytes / 1e6;
      log(`${adapter.name}: ${fmtMb(mb)} MB ...`);
      const r = await peer(adapter, records, mb, isSample);
      log(`  ${fmtMb(r.mbPerSecond)} MB/s`);
      rows.push(r);
    }
  }

  const recognizers = o.perRecognizer ? perRecognizer(records, Math.min(2, files.bytes / 1e6)) : undefined;

  const machine = {
    cpu: cpus()[0]?.model ?? '?',
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
    // The machine may be shared: the load during the run says how far to trust the speeds.
    loadStart,
    loadEnd: loadavg()[0]!,
  };
  if (o.json) {
    process.stdout.write(
      `${JSON.stringify({ machine, options: o, corpus: { records: records.length, bytes: files.bytes }, rows, recognizers }, null, 2)}\n`,
    );
    return;
  }
  const lines = [
    `Detection benchmark: seed ${o.seed}, ${records.length} interactions, ${(files.bytes / 1e6).toFixed(1)} MB of turn text; ` +
      `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}, ` +
      `load average ${machine.loadStart.toFixed(1)} at the start, ${machine.loadEnd.toFixed(1)} at the end`,
    '',
    benchTable(rows),
    '',
    'precision: over the types each tool can report (its labels mapped to ours); recall: over every label of every type;',
    'card: CREDIT_CARD recall by form; leak/over: type-agnostic character shares (docs/EVALUATION.md).',
    `all cores: against one thread; a CPU-bound control loop scaled x${control.toFixed(2)} on ${o.threads} threads at the time (the machine's ceiling).`,
  ];
  for (const r of rows) {
    if (r.sample) {
      const minutes = files.bytes / 1e6 / r.mbPerSecond / 60;
      lines.push(
        `${r.tool}: timed and scored on the first ${fmtMb(r.megabytes)} MB only (the whole corpus would take about ${minutes.toFixed(0)} min at this speed).`,
      );
    }
    if (r.unaligned)
      lines.push(
        `${r.tool}: ${r.unaligned} turns whose output could not be aligned (scored as one range each).`,
      );
  }
  if (recognizers) {
    lines.push(
      '',
      `where the time goes (detectConversation, 2 MB sample, ms per MB): no recognizer ${recognizers.none.toFixed(1)}, ` +
        `all ${recognizers.all.toFixed(1)}; each recognizer alone, and what leaving it out of all saves, costliest first ` +
        '(a few ms/MB either way is noise):',
    );
    lines.push(
      table(
        ['recognizer', 'alone ms/MB', 'left out saves ms/MB'],
        recognizers.rows.map((r) => [r.name, r.alone.toFixed(1), r.leftOut.toFixed(1)]),
      ),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`bench:detect: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  });
}
