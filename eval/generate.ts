/**
 * The labelled corpus generator: synthetic customer-service interactions (calls, chats, e-mails)
 * with ground-truth labels for every sensitive value and spans of hard negatives.
 *
 *   node dist/eval/generate.js --seed 1 --count 1000 --out FILE.jsonl [--labels FILE.labels.jsonl]
 *
 * The same seed always gives the same corpus; record i depends only on (seed, i).
 */

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { generateRecord } from './lib/record.js';
import type { LabelLine, LabelledRecord } from './lib/types.js';

export { generateRecord } from './lib/record.js';
export type { Label, LabelLine, LabelledRecord, NegativeSpan } from './lib/types.js';

/** Yields `count` labelled interactions of the corpus `seed`, starting at record `from`. */
export function* generateInteractions(seed: number, count: number, from = 0): Generator<LabelledRecord> {
  for (let i = from; i < from + count; i++) yield generateRecord(seed, i);
}

function intArg(name: string, min: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
    return n;
  };
}

async function write(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

async function close(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command()
    .name('generate')
    .description('Write a labelled synthetic corpus in Interaction JSON Lines')
    .option('--seed <n>', 'corpus seed', intArg('--seed', 0), 1)
    .option('--count <n>', 'number of interactions', intArg('--count', 1), 1000)
    .requiredOption('--out <file>', 'interactions file (JSON Lines)')
    .option('--labels <file>', 'labels file (JSON Lines: {id, labels, negatives} per interaction)')
    .exitOverride((err) => {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      throw err;
    });
  try {
    program.parse(argv, { from: 'user' });
  } catch {
    return;
  }
  const opts = program.opts<{ seed: number; count: number; out: string; labels?: string }>();
  const out = createWriteStream(opts.out);
  const labels = opts.labels ? createWriteStream(opts.labels) : undefined;
  const t0 = performance.now();
  for (const r of generateInteractions(opts.seed, opts.count)) {
    await write(out, `${JSON.stringify(r.interaction)}\n`);
    if (labels) {
      const line: LabelLine = { id: r.interaction.id, labels: r.labels, negatives: r.negatives };
      await write(labels, `${JSON.stringify(line)}\n`);
    }
  }
  await close(out);
  if (labels) await close(labels);
  const s = (performance.now() - t0) / 1000;
  process.stderr.write(`wrote ${opts.count} interactions (seed ${opts.seed}) in ${s.toFixed(2)} s\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`generate: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
