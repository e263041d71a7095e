/**
 * Where records are analyzed: inline (one thread) or in a pool of worker threads. Both take
 * batches and return one result per record in batch order; the caller keeps batches in input
 * order and bounds how many are in flight (back-pressure).
 *
 * Workers run the compiled `worker.js` next to this module (the CLI runs from dist/). They get
 * the configuration as plain data: custom recognizers as JSON with named validators.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScanConfig } from '../config/index.js';
import { type Analyzer, createAnalyzer, type DetectOptions, type TurnFinding } from '../detect/index.js';
import { analyzeItem } from './analyze.js';
import type { WorkItem } from './types.js';

export interface EngineConfig {
  config: ScanConfig;
  detect: DetectOptions;
}

export interface Engine {
  readonly workers: number;
  submit(batch: WorkItem[]): Promise<TurnFinding[][]>;
  close(): Promise<void>;
}

export class ScanEngineError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ScanEngineError';
    this.code = code;
  }
}

export function buildAnalyzer(config: ScanConfig): Analyzer {
  return createAnalyzer({ recognizers: config.recognizers, disable: config.disable });
}

export class InlineEngine implements Engine {
  readonly workers = 1;
  private readonly analyzer: Analyzer;
  private readonly detect: DetectOptions;

  constructor(cfg: EngineConfig) {
    this.analyzer = buildAnalyzer(cfg.config);
    this.detect = cfg.detect;
  }

  async submit(batch: WorkItem[]): Promise<TurnFinding[][]> {
    return batch.map((item) => analyzeItem(this.analyzer, item, this.detect));
  }

  async close(): Promise<void> {}
}

interface Job {
  id: number;
  batch: WorkItem[];
  resolve: (r: TurnFinding[][]) => void;
  reject: (e: Error) => void;
}

export interface WorkerReply {
  id: number;
  results?: TurnFinding[][];
  error?: { code: string; message: string };
}

export function workerModuleUrl(): URL {
  return new URL('./worker.js', import.meta.url);
}

export class WorkerPoolEngine implements Engine {
  readonly workers: number;
  private readonly pool: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<Worker, Job>();
  private nextId = 0;
  private failed: Error | undefined;

  constructor(cfg: EngineConfig, workers: number) {
    this.workers = workers;
    const url = workerModuleUrl();
    if (!existsSync(fileURLToPath(url))) {
      throw new ScanEngineError('E_WORKER_MISSING', 'the scan worker module is missing; run `npm run build`');
    }
    for (let i = 0; i < workers; i++) {
      const w = new Worker(url, { workerData: { config: cfg.config, detect: cfg.detect } });
      w.on('message', (msg: WorkerReply) => this.onReply(w, msg));
      w.on('error', (e) => this.fail(new ScanEngineError('E_WORKER', `a scan worker failed: ${e.message}`)));
      w.on('exit', (code) => {
        if (code !== 0 && !this.closing)
          this.fail(new ScanEngineError('E_WORKER', `a scan worker exited (${code})`));
      });
      this.pool.push(w);
      this.idle.push(w);
    }
  }

  private closing = false;

  private fail(e: Error): void {
    if (this.failed) return;
    this.failed = e;
    for (const job of this.running.values()) job.reject(e);
    for (const job of this.queue.splice(0)) job.reject(e);
    this.running.clear();
  }

  private onReply(w: Worker, msg: WorkerReply): void {
    const job = this.running.get(w);
    if (!job || job.id !== msg.id) return;
    this.running.delete(w);
    if (msg.error) job.reject(new ScanEngineError(msg.error.code, msg.error.message));
    else job.resolve(msg.results ?? []);
    this.idle.push(w);
    this.dispatch();
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.running.set(w, job);
      w.postMessage({ id: job.id, batch: job.batch });
    }
  }

  submit(batch: WorkItem[]): Promise<TurnFinding[][]> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, batch, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.pool.map((w) => w.terminate()));
  }
}

export function createEngine(cfg: EngineConfig, workers: number): Engine {
  return workers <= 1 ? new InlineEngine(cfg) : new WorkerPoolEngine(cfg, workers);
}
