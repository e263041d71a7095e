/**
 * One benchmark worker: parses its share of the corpus, warms up, waits for the start signal so
 * that all workers run together, then times `detectConversation` over its records.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { detectConversation } from '../../src/detect/index.js';
import { loadInteractions, textBytes } from './corpus.js';

interface Job {
  path: string;
  from: number;
  to: number;
  /** Text to run untimed first (the same amount as the single-thread run warms up on). */
  warmupBytes: number;
}

const job = workerData as Job;
const port = parentPort!;
const records = loadInteractions(job.path, job.from, job.to);
let bytes = 0;
for (const r of records) bytes += textBytes(r);

const run = (list: typeof records): number => {
  let found = 0;
  for (const r of list) {
    found += detectConversation(r.turns, { knownNames: [r.customer.name, r.agent.name] }).length;
  }
  return found;
};

let warm = 0;
let warmBytes = 0;
while (warm < records.length && warmBytes < job.warmupBytes) warmBytes += textBytes(records[warm++]!);
run(records.slice(0, warm));
port.postMessage({ ready: true });
port.once('message', () => {
  const t0 = performance.now();
  const findings = run(records);
  port.postMessage({ ms: performance.now() - t0, bytes, records: records.length, findings });
});
