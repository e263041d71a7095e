/**
 * `npm run eval`: generates the labelled corpus, runs the engine on it and reports per-type
 * precision, recall and F1, character leak and over-redaction, CREDIT_CARD by form, hard negatives
 * and the most frequent errors (masked), with PASS/MISS per target. Always exits 0 on a completed
 * run: targets are reported, not asserted.
 *
 *   npm run eval -- [--seed 42] [--count 3000] [--json] [--examples 10] [--no-known-names]
 */
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { generateInteractions } from './generate.js';
import { sealdeskPredictions } from './lib/engine.js';
import { pct, textReport, verdicts } from './lib/report.js';
import { Scorer } from './lib/score.js';

function intArg(name: string, min: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
    return n;
  };
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command()
    .name('eval')
    .description("Evaluate Sealdesk's detection engine on the labelled synthetic corpus")
    .option('--seed <n>', 'corpus seed', intArg('--seed', 0), 42)
    .option('--count <n>', 'number of interactions', intArg('--count', 1), 3000)
    .option('--examples <n>', 'error examples per type', intArg('--examples', 0), 10)
    .option('--json', 'machine-readable output')
    .option(
      '--no-known-names',
      "leave out the customer's and agent's names (as a scan of plain text has none)",
    )
    .exitOverride((err) => {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      throw err;
    });
  try {
    program.parse(argv, { from: 'user' });
  } catch {
    return;
  }
  const opts = program.opts<{
    seed: number;
    count: number;
    examples: number;
    json?: boolean;
    knownNames: boolean;
  }>();
  const scorer = new Scorer({ examples: opts.examples > 0 });
  const channels = { call: 0, chat: 0, email: 0 };
  let labels = 0;
  let detectMs = 0;
  for (const record of generateInteractions(opts.seed, opts.count)) {
    channels[record.interaction.channel]++;
    labels += record.labels.length;
    const t0 = performance.now();
    const preds = sealdeskPredictions(record, { knownNames: opts.knownNames });
    detectMs += performance.now() - t0;
    scorer.add(record, preds);
  }
  const result = scorer.result(opts.examples);
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ seed: opts.seed, count: opts.count, knownNames: opts.knownNames, channels, labels, detectMs, result, verdicts: verdicts(result) }, null, 2)}\n`,
    );
    return;
  }
  const mb = result.chars / 1e6;
  const title =
    `Sealdesk detection evaluation: seed ${opts.seed}, ${opts.count} interactions ` +
    `(${channels.call} calls, ${channels.chat} chats, ${channels.email} e-mails), ${result.turns} turns, ` +
    `${mb.toFixed(2)} M characters, ${labels} labels; engine ${(detectMs / 1000).toFixed(2)} s` +
    `${opts.knownNames ? '' : ', without known names'}. ` +
    `Metrics: docs/EVALUATION.md. Sensitive characters: ${pct(result.sensitiveChars / Math.max(1, result.chars), 1)} of text.`;
  process.stdout.write(`${textReport(result, title, opts.examples)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`eval: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  });
}
