/**
 * Every recognizer, alone and all together, must run in time linear in the text: adversarial 1 MB
 * inputs (long digit runs, separators repeated, number words repeated, "aaaa...@", cue words
 * repeated, whitespace, one line without spaces) must each finish well under a second.
 *
 * The runs happen in worker threads over a build of src/detect made for this test (the TypeScript
 * compiler API, into .bench-cache/), so a recognizer that backtracks catastrophically is stopped by
 * a watchdog and reported, instead of hanging the test run: a synchronous loop cannot be
 * interrupted inside the test's own thread.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/detect/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, '.bench-cache', 'linear-time', String(process.pid));
const SIZE = 1 << 20;
/** The bound asserted per input: generous for a shared two-core machine; a linear recognizer takes milliseconds. */
const LIMIT_MS = 1500;
/** The bound for the whole default analyzer (every recognizer on the same input). */
const ANALYZER_LIMIT_MS = 3 * LIMIT_MS;
/** A run still going after this long is stopped and reported as not finishing. */
const WATCHDOG_MS = 10_000;

/** Adversarial inputs: name -> the unit repeated to 1 MB (or a builder). */
const INPUTS: Record<string, (n: number) => string> = {
  'digit run': (n) => fill('1234567890', n),
  'one digit repeated': (n) => fill('4', n),
  'digits and spaces "1 1 1"': (n) => fill('1 ', n),
  'digits and dashes "1-1-1"': (n) => fill('1-', n),
  'digits and dots "1.1.1"': (n) => fill('1.', n),
  'digits and colons "1:1:1"': (n) => fill('1:', n),
  'digits and slashes "1/1/1"': (n) => fill('1/', n),
  'card-like groups "4111 "': (n) => fill('4111 ', n),
  '"double double double"': (n) => fill('double ', n),
  '"one one one"': (n) => fill('one ', n),
  '"forty one eleven"': (n) => fill('forty one eleven ', n),
  '"one hundred"': (n) => fill('one hundred ', n),
  '"oh oh oh"': (n) => fill('oh ', n),
  '"uh one uh"': (n) => fill('uh one ', n),
  '"aaaa...@"': (n) => `${'a'.repeat(n - 1)}@`,
  '"a.a.a.a...@"': (n) => `${fill('a.', n - 1)}@`,
  '"@@@@"': (n) => fill('@', n),
  '"a@a@a@"': (n) => fill('a@', n),
  'address literals and quotes "x"@[1.2"': (n) => fill('x"@[1.2 "@[', n),
  'spaced "@" "email a @ b.cd @ "': (n) => fill('email a @ b.cd @ ', n),
  '"dot at dot"': (n) => fill('jane dot doe at ', n),
  'split domains "email at acme print dot"': (n) => fill('email x at acme print dot co ', n),
  '"my password is "': (n) => fill('my password is ', n),
  'capitalised words': (n) => fill('Jane Mary Smith ', n),
  'capitalised no spaces': (n) => fill('JaneSmith', n),
  '"Street Street"': (n) => fill('Street ', n),
  '"12 High Street"': (n) => fill('12 High Street ', n),
  'postcodes "SW1A 2AA"': (n) => fill('SW1A 2AA ', n),
  '"hi hi hi"': (n) => fill('hi ', n),
  '"my name is"': (n) => fill('my name is ', n),
  'courtesy phrases "thanks for calling okay"': (n) =>
    fill('thanks for calling, okay you are very welcome ', n),
  '"under the name of"': (n) => fill('under the name of Wei in the name ', n),
  '"called named goes by"': (n) => fill('called named under goes by known as ', n),
  '"Mr Mr Mr"': (n) => fill('Mr ', n),
  'sentence starts ". Mike said"': (n) => fill('ok. Mike said. Priya Raman Jones. ', n),
  'initials after a sign-off "Regards,\\nA. B. "': (n) => `Regards,\n${fill('A. B.C. ', n - 10)}`,
  'line-start initials "\\nA. "': (n) => fill('Regards,\nA. ', n),
  'quote marks "> > > Regards,"': (n) => fill('> > > Regards,\n> > ', n),
  '"born on born on"': (n) => fill('born on 12 ', n),
  '"card cvv expiry"': (n) => fill('card cvv expiry 12 ', n),
  'card words and single digits "my card 4 1 1 1"': (n) => `my card ${fill('4 1 1 ', n - 8)}`,
  '"cvv ... card ending"': (n) => fill('cvv card ending 1234 nine hundred and four ', n),
  '"expires the ninth month of"': (n) => fill('card expires the ninth month of 27 nov 11 ', n),
  '"password reset it to"': (n) => fill('password changed to reset it to x1 ', n),
  '"x1 is my password"': (n) => fill('x1 is my password ', n),
  'passphrase words "password is blue monkey"': (n) => fill('password is blue monkey red ', n),
  '"social last four are 1234"': (n) => fill('social ssn last four are 1234 ', n),
  '"user pass: pass:"': (n) => fill('user pass: pass ', n),
  'long tokens before "as the password"': (n) => fill(`${'Q9'.repeat(40)}  as the pin `, n),
  '"born the 3rd of march"': (n) => fill('born the 3rd of march nineteen eighty six ', n),
  'year-less dates "birthday is the 3rd of march"': (n) =>
    fill('birthday is on the 3rd of march dob: may ', n),
  '"sort code account"': (n) => fill('sort code account 12 ', n),
  'hex and colons "a:"': (n) => fill('a:', n),
  '"::::"': (n) => fill(':', n),
  'letters and digits "AB12"': (n) => fill('AB12', n),
  'dashed IBAN-like groups "GB29-NWBK-"': (n) => fill('GB29-NWBK-6016-', n),
  'glued digit runs "card4111111111111111x"': (n) => fill('card41111111111111119x ', n),
  'glued expiries "card exp0925exp09/"': (n) => fill('card exp0925exp09/2 ', n),
  spaces: (n) => ' '.repeat(n),
  'full-width and Unicode dashes "４１１１–"': (n) => fill('\uff14\uff11\uff11\uff11\u2013\u00a0', n),
  'mixed whitespace': (n) => fill(' \n\t\r\n ', n),
  'one line without spaces': (n) => fill('x9Y8-z7.W6_v5:u4/t3+s2=r1,q0;', n),
};

function fill(unit: string, n: number): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

interface CaseResult {
  input: string;
  ms: number;
  /** Time for a sixteenth of the input. */
  small?: number;
  error?: string;
}

/** Compiles src/detect (and only what it imports) to plain JavaScript for the workers. */
function buildEngine(): string {
  const configPath = join(ROOT, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    outDir: OUT,
    rootDir: ROOT,
    noEmit: false,
    declaration: false,
    sourceMap: false,
    incremental: false,
    composite: false,
    noEmitOnError: false,
  };
  const program = ts.createProgram([join(ROOT, 'src/detect/index.ts')], options);
  // Type errors in work in progress elsewhere must not stop the timing; emit regardless.
  program.emit();
  const worker = join(OUT, 'linear-worker.mjs');
  writeFileSync(worker, WORKER_SOURCE);
  return worker;
}

/** Runs in a worker: times one analyzer (one recognizer, or all) over the named inputs, one message per input. */
const WORKER_SOURCE = `
import { parentPort, workerData } from 'node:worker_threads';
const engine = await import(${JSON.stringify(`${pathToUrl(join(OUT, 'src/detect/index.js'))}`)});
const { Analyzer, RecognizerRegistry, createAnalyzer, createRegistry } = engine;
const builders = new Map(workerData.inputs.map(([name, src]) => [name, new Function('n', 'return (' + src + ')(n)')]));
let analyzer;
if (workerData.recognizer === '*') analyzer = createAnalyzer();
else if (workerData.recognizer === '#spans') {
  // The shared number-span finder alone: the cost every digit-based recognizer starts from.
  analyzer = new Analyzer(new RecognizerRegistry([{ name: 'number-spans', types: [], analyze(view) { void view.numberSpans; } }]));
}
else {
  const r = createRegistry().get(workerData.recognizer);
  analyzer = new Analyzer(new RecognizerRegistry([r]));
}
const fill = (unit, n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
globalThis.fill = fill;
// Up to three runs, the best kept: on a shared machine a single run can be slowed by other work. Each
// run re-arms the watchdog, which bounds one run, not the three.
const time = (name, text, goal) => {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    parentPort.postMessage({ started: name });
    const t0 = performance.now();
    analyzer.detect(text);
    best = Math.min(best, performance.now() - t0);
    if (best < goal) break;
  }
  return best;
};
for (const [name, build] of builders) {
  parentPort.postMessage({ started: name });
  try {
    // A sixteenth first: it warms the code up, and its time against the full size shows how the cost grows.
    const small = time(name, build(workerData.size / 16), workerData.limit / 16);
    // Sixteen times the input takes at least sixteen times as long: when that already means twice the
    // limit, the full size is not run (it could take minutes) and the sixteenth's time is reported.
    if (small * 16 > 2 * workerData.limit) {
      parentPort.postMessage({ input: name, ms: Infinity, small, error: 'over the limit by extrapolation' });
      continue;
    }
    // Retried while over the limit or growing faster than linear (x24 for x16 the input): one run slowed
    // by other work on the machine must not read as superlinear.
    const ms = time(name, build(workerData.size), Math.min(workerData.limit, small * 24));
    parentPort.postMessage({ input: name, ms, small });
  } catch (e) {
    parentPort.postMessage({ input: name, ms: NaN, error: String(e && e.message || e) });
  }
}
parentPort.postMessage({ done: true });
`;

function pathToUrl(p: string): string {
  return new URL(`file://${p}`).href;
}

/** Runs `names` for one recognizer, restarting after any input the watchdog had to stop. */
async function timeRecognizer(
  workerPath: string,
  recognizer: string,
  names: readonly string[],
  limit = LIMIT_MS,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let remaining = [...names];
  while (remaining.length > 0) {
    const inputs = remaining.map((n) => [n, INPUTS[n]!.toString()]);
    const outcome = await new Promise<{ stuck?: string }>((done, fail) => {
      const worker = new Worker(workerPath, {
        workerData: { recognizer, inputs, size: SIZE, limit, watchdog: WATCHDOG_MS },
      });
      let current: string | undefined;
      let timer: NodeJS.Timeout | undefined;
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          void worker.terminate();
          done({ stuck: current ?? remaining[0]! });
        }, WATCHDOG_MS + 20_000);
      };
      arm();
      worker.on(
        'message',
        (m: {
          started?: string;
          input?: string;
          ms?: number;
          small?: number;
          error?: string;
          done?: boolean;
        }) => {
          if (m.started) {
            current = m.started;
            clearTimeout(timer);
            timer = setTimeout(() => {
              void worker.terminate();
              done({ stuck: current });
            }, WATCHDOG_MS);
          } else if (m.input) {
            const r: CaseResult = { input: m.input, ms: m.ms ?? Number.NaN };
            if (m.small !== undefined) r.small = m.small;
            if (m.error) r.error = m.error;
            results.push(r);
            remaining = remaining.filter((n) => n !== m.input);
          } else if (m.done) {
            clearTimeout(timer);
            void worker.terminate();
            done({});
          }
        },
      );
      worker.on('error', (e) => {
        clearTimeout(timer);
        fail(e);
      });
    });
    if (outcome.stuck) {
      results.push({
        input: outcome.stuck,
        ms: Number.POSITIVE_INFINITY,
        error: `did not finish within ${WATCHDOG_MS / 1000} s`,
      });
      remaining = remaining.filter((n) => n !== outcome.stuck);
    } else break;
  }
  return results;
}

/** "digits and dots: 3107 ms (64 KB: 40 ms, x78 for x16 the input)": the growth tells slow from superlinear. */
function describeSlow(results: readonly CaseResult[], limit = LIMIT_MS): string[] {
  return results
    .filter((r) => r.error !== undefined || !(r.ms < limit))
    .map((r) => {
      const small =
        r.small === undefined
          ? ''
          : `${r.error ? ':' : ';'} ${SIZE / 16 / 1024} KB took ${Math.round(r.small)} ms`;
      const growth =
        r.small !== undefined && Number.isFinite(r.ms)
          ? `, x${(r.ms / Math.max(r.small, 0.01)).toFixed(0)} for x16 the input`
          : '';
      return `${r.input}: ${r.error ?? `${Math.round(r.ms)} ms`}${small}${growth}`;
    });
}

const RECOGNIZERS = createRegistry()
  .list()
  .map((r) => r.name);
const INPUT_NAMES = Object.keys(INPUTS);
const TEST_TIMEOUT = INPUT_NAMES.length * (WATCHDOG_MS + 3 * LIMIT_MS) + 60_000;

describe(`linear time on adversarial ${SIZE / (1 << 20)} MB inputs (< ${LIMIT_MS} ms each)`, () => {
  let workerPath = '';
  beforeAll(() => {
    mkdirSync(OUT, { recursive: true });
    workerPath = buildEngine();
  }, 120_000);
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('covers every registered recognizer', () => {
    expect(RECOGNIZERS.length).toBeGreaterThanOrEqual(17);
    expect(INPUT_NAMES.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of RECOGNIZERS) {
    it(
      `recognizer ${name}`,
      async () => {
        const results = await timeRecognizer(workerPath, name, INPUT_NAMES);
        expect(results.map((r) => r.input).sort()).toEqual([...INPUT_NAMES].sort());
        expect(describeSlow(results)).toEqual([]);
      },
      TEST_TIMEOUT,
    );
  }

  it(
    'the shared number spans alone (what digit-based recognizers start from)',
    async () => {
      const results = await timeRecognizer(workerPath, '#spans', INPUT_NAMES);
      expect(results.map((r) => r.input).sort()).toEqual([...INPUT_NAMES].sort());
      expect(describeSlow(results)).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'the default analyzer with every recognizer',
    async () => {
      // Seventeen recognizers, each linear, run one after the other: the bound is theirs summed
      // loosely, and linearity shows in the growth (x16 the input may cost at most ~x32).
      const results = await timeRecognizer(workerPath, '*', INPUT_NAMES, ANALYZER_LIMIT_MS);
      expect(results.map((r) => r.input).sort()).toEqual([...INPUT_NAMES].sort());
      expect(describeSlow(results, ANALYZER_LIMIT_MS)).toEqual([]);
      const superlinear = results.filter(
        (r) => r.small !== undefined && r.small > 20 && Number.isFinite(r.ms) && r.ms / r.small > 32,
      );
      expect(describeSlow(superlinear, 0)).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
