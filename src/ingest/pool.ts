/**
 * Where detection runs: inline, or in a pool of worker threads (detection is the costly stage of
 * an import; encryption and the database stay on the main thread). Results come back per batch,
 * in the order submitted by the caller's queue. Workers need the compiled module next to this one
 * (the CLI runs from dist/); without it the pool falls back to inline analysis.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Analyzer, createAnalyzer } from '../detect/index.js';
import { type AnalyzeJob, type AnalyzeResult, type AnalyzeSettings, analyzeJob } from './analyze.js';
import { IngestError } from './errors.js';

export interface Analyst {
  readonly workers: number;
  analyze(jobs: AnalyzeJob[]): Promise<AnalyzeResult[]>;
  close(): Promise<void>;
}

class InlineAnalyst implements Analyst {
  readonly workers = 0;
  private readonly analyzer: Analyzer = createAnalyzer();
  constructor(private readonly settings: AnalyzeSettings) {}
  async analyze(jobs: AnalyzeJob[]): Promise<AnalyzeResult[]> {
    return jobs.map((j) => analyzeJob(this.analyzer, j, this.settings));
  }
  async close(): Promise<void> {}
}

/** Records below which a batch is not split (a message round trip per part is not free). */
const MIN_PART = 32;

interface Pending {
  id: number;
  jobs: AnalyzeJob[];
  resolve: (r: AnalyzeResult[]) => void;
  reject: (e: Error) => void;
}

class PoolAnalyst implements Analyst {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<Worker, Pending>();
  private nextId = 0;
  private failed: Error | undefined;
  private closing = false;

  constructor(
    readonly workers: number,
    url: URL,
    settings: AnalyzeSettings,
  ) {
    for (let i = 0; i < workers; i++) {
      const w = new Worker(url, { workerData: settings });
      w.on(
        'message',
        (msg: { id: number; results?: AnalyzeResult[]; error?: { code: string; message: string } }) => {
          const job = this.running.get(w);
          if (!job || job.id !== msg.id) return;
          this.running.delete(w);
          if (msg.error) job.reject(new IngestError(msg.error.code, msg.error.message));
          else job.resolve(msg.results ?? []);
          this.idle.push(w);
          this.dispatch();
        },
      );
      w.on('error', (e) => this.fail(new IngestError('E_WORKER', `a detection worker failed: ${e.message}`)));
      w.on('exit', (code) => {
        if (code !== 0 && !this.closing)
          this.fail(new IngestError('E_WORKER', `a detection worker exited (${code})`));
      });
      this.all.push(w);
      this.idle.push(w);
    }
  }

  private fail(e: Error): void {
    if (this.failed) return;
    this.failed = e;
    for (const j of this.running.values()) j.reject(e);
    for (const j of this.queue.splice(0)) j.reject(e);
    this.running.clear();
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.running.set(w, job);
      w.postMessage({ id: job.id, jobs: job.jobs });
    }
  }

  /**
   * A batch is split across the workers: the writer waits for the whole batch, so one worker
   * analysing it alone while another idles made the writer wait (profiles showed one worker idle
   * three quarters of the time). Parts keep the batch's order; results are joined in that order.
   */
  analyze(jobs: AnalyzeJob[]): Promise<AnalyzeResult[]> {
    if (this.failed) return Promise.reject(this.failed);
    const parts = Math.max(1, Math.min(this.workers, Math.floor(jobs.length / MIN_PART)));
    const size = Math.ceil(jobs.length / parts);
    const pending: Promise<AnalyzeResult[]>[] = [];
    for (let i = 0; i < jobs.length || pending.length === 0; i += size) {
      const part = jobs.slice(i, i + size);
      pending.push(
        new Promise((resolve, reject) => {
          this.queue.push({ id: this.nextId++, jobs: part, resolve, reject });
        }),
      );
    }
    this.dispatch();
    return Promise.all(pending).then((r) => r.flat());
  }

  async close(): Promise<void> {
    this.closing = true;
    // Workers hold the fingerprint key: terminate them so it leaves memory with them.
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}

export function workerUrl(): URL {
  return new URL('./analyze-worker.js', import.meta.url);
}

/**
 * Detection workers for a large import: one per core but the one the main thread keeps busy
 * encrypting and writing, and at least one. Measured on 2 cores (docs/BENCHMARKS.md): one worker
 * imported 18 to 30% faster than two, which left three busy threads contending for two cores.
 */
export function defaultImportWorkers(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

export function createAnalyst(workers: number, settings: AnalyzeSettings): Analyst {
  if (workers <= 0 || !existsSync(fileURLToPath(workerUrl()))) return new InlineAnalyst(settings);
  return new PoolAnalyst(workers, workerUrl(), settings);
}
