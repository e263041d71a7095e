/**
 * The import pipeline: sources -> batches -> (pre-check: already stored?) -> detect and redact
 * (inline or worker threads) -> encrypt and store, one transaction per batch, in input order.
 *
 * - Streaming: readers hold one record at a time; at most `inFlight` batches wait for the writer.
 * - Idempotent and resumable: every record has a unique keyed id in the store; a batch commits
 *   whole or not at all, so after a crash (even kill -9) the same command imports what is missing
 *   and the store ends as after one clean run.
 * - Bad input: a record that cannot be read or stored is rejected with its file, line and a
 *   reason (never its content); the others still import. A failure of the environment (database
 *   gone, keys unavailable) stops the import: what was committed stays committed.
 */
import type { RedactionPolicy } from '../detect/index.js';
import type { ColumnMapping, Interaction } from '../formats/index.js';
import { FormatError } from '../formats/index.js';
import {
  isStoreError,
  type Source,
  type Store,
  type StoredKey,
  type WriteItem,
  type WriteOutcome,
} from '../store/index.js';
import type { AnalyzeJob, AnalyzeResult } from './analyze.js';
import { identityProblem, interactionInput, jobOf, messageInput, messageKeyOf } from './convert.js';
import type { Rejection } from './errors.js';
import { createAnalyst } from './pool.js';
import { type ImportKind, importKindOf, readSource, type SourceItem } from './sources.js';

export const DEFAULT_BATCH = 200;
const BATCH_CHARS = 512 * 1024;
export const MAX_REJECTIONS_KEPT = 1000;

export interface ImportInput {
  /** A file path, or "-" for standard input (Interaction JSON Lines). */
  path: string;
  kind?: ImportKind;
}

export interface ImportOptions {
  inputs: ImportInput[];
  policy?: RedactionPolicy;
  keepOriginal?: boolean;
  mapping?: ColumnMapping;
  channel?: 'call' | 'chat' | 'email';
  staffDomains?: string[];
  batchSize?: number;
  /** Detection worker threads (0: inline). */
  workers?: number;
  stdin?: AsyncIterable<Uint8Array | string>;
  onBytes?: (n: number) => void;
  /** Called after each batch is committed (tests use it to stop mid-import). */
  onBatch?: (summary: ImportSummary) => void;
}

export interface ImportSummary {
  files: number;
  /** Records read (interactions, or email messages). */
  read: number;
  imported: number;
  /** Email messages added to a thread already stored. */
  appended: number;
  skipped: number;
  rejected: number;
  rejections: Rejection[];
  turns: number;
  findings: Record<string, number>;
  batches: number;
  workers: number;
  elapsedMs: number;
}

interface Pending {
  item: Extract<SourceItem, { record: Interaction }>;
  ref: number;
}

interface QueuedBatch {
  items: Pending[];
  analysis: Promise<AnalyzeResult[]>;
}

function sourceOf(kind: 'interaction' | 'message', file: string): Source {
  if (kind === 'message') return 'email';
  return /\.csv$/i.test(file) ? 'csv' : 'jsonl';
}

/** Errors that belong to one record (retrying it alone isolates it); anything else is the environment's. */
function isRecordError(err: unknown): boolean {
  if (isStoreError(err, 'E_RECORD_INVALID')) return true;
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') return false;
  if (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_TOOBIG' || code === 'SQLITE_MISMATCH')
    return true;
  // PostgreSQL: class 22 (data exception) and 23 (integrity constraint violation).
  return /^2[23][0-9A-Z]{3}$/.test(code);
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'E_INTERNAL';
}

export async function runImport(store: Store, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const analyst = createAnalyst(options.workers ?? 0, {
    policy: options.policy ?? {},
    fingerprintKey: store.keyring.fingerprintKey(),
  });
  // Batches read ahead of the writer: one being written, and about two per worker being analysed,
  // so that on a shared machine a worker that was descheduled does not leave the writer waiting.
  const inFlight = Math.max(2, 2 * analyst.workers + 1);
  const writer = store.writer();
  const summary: ImportSummary = {
    files: options.inputs.length,
    read: 0,
    imported: 0,
    appended: 0,
    skipped: 0,
    rejected: 0,
    rejections: [],
    turns: 0,
    findings: {},
    batches: 0,
    workers: analyst.workers,
    elapsedMs: 0,
  };
  const reject = (r: Rejection) => {
    summary.rejected++;
    if (summary.rejections.length < MAX_REJECTIONS_KEPT) summary.rejections.push(r);
  };
  const queue: QueuedBatch[] = [];
  let ref = 0;

  const key = (p: Pending): StoredKey =>
    p.item.kind === 'interaction'
      ? { ref: p.ref, externalId: p.item.record.id }
      : { ref: p.ref, messageKey: messageKeyOf(p.item.record) };

  const enqueue = async (batch: Pending[]) => {
    const stored = await writer.stored(batch.map(key));
    const todo: Pending[] = [];
    for (const p of batch) {
      if (stored.has(p.ref)) summary.skipped++;
      else todo.push(p);
    }
    if (todo.length === 0) return;
    const jobs: AnalyzeJob[] = todo.map((p) =>
      jobOf(p.item.record, p.item.raw, options.keepOriginal === true),
    );
    const analysis = analyst.analyze(jobs);
    analysis.catch(() => undefined); // handled when the batch reaches the head of the queue
    queue.push({ items: todo, analysis });
    while (queue.length >= inFlight) await drainHead();
  };

  const drainHead = async () => {
    const head = queue.shift()!;
    const results = await head.analysis;
    const items: WriteItem[] = head.items.map((p, k) => {
      const res = results[k]!;
      const r = p.item.record;
      return p.item.kind === 'message'
        ? { kind: 'message', ref: p.ref, value: messageInput(r, res) }
        : {
            kind: 'interaction',
            ref: p.ref,
            value: interactionInput(r, p.item.raw, res, sourceOf('interaction', p.item.file)),
          };
    });
    const byRef = new Map(head.items.map((p) => [p.ref, p]));
    const values = new Map(items.map((i) => [i.ref, i]));
    const outcomes = await writeIsolating(items, (i, err) => {
      const p = byRef.get(i.ref)!;
      reject({
        file: p.item.file,
        line: p.item.line,
        id: p.item.record.id,
        code: errorCode(err),
        message: isStoreError(err) ? err.message : `the database refused the record (${errorCode(err)})`,
      });
    });
    for (const o of outcomes) {
      if (o.status === 'skipped') {
        summary.skipped++;
        continue;
      }
      if (o.status === 'imported') summary.imported++;
      else summary.appended++;
      const v = values.get(o.ref)!.value;
      summary.turns += v.turns.length;
      for (const f of v.findings) summary.findings[f.type] = (summary.findings[f.type] ?? 0) + 1;
    }
    summary.batches++;
    options.onBatch?.(summary);
  };

  const writeIsolating = async (
    items: WriteItem[],
    onReject: (item: WriteItem, err: unknown) => void,
  ): Promise<WriteOutcome[]> => {
    try {
      return await writer.write(items);
    } catch (err) {
      if (!isRecordError(err)) throw err;
      if (items.length === 1) {
        onReject(items[0]!, err);
        return [];
      }
    }
    // One record spoiled the batch: store the others one by one and reject only the culprit.
    const out: WriteOutcome[] = [];
    for (const item of items) {
      try {
        out.push(...(await writer.write([item])));
      } catch (err) {
        if (!isRecordError(err)) throw err;
        onReject(item, err);
      }
    }
    return out;
  };

  try {
    let batch: Pending[] = [];
    let chars = 0;
    for (const input of options.inputs) {
      const kind = input.kind ?? (input.path === '-' ? 'jsonl' : importKindOf(input.path));
      if (!kind) {
        reject({
          file: input.path,
          line: null,
          id: null,
          code: 'E_FORMAT_UNKNOWN',
          message: 'unknown file type (use .jsonl, .ndjson, .csv, .eml or .mbox, or --as)',
        });
        continue;
      }
      const sourceOptions = {
        ...(options.mapping ? { mapping: options.mapping } : {}),
        ...(options.channel ? { channel: options.channel } : {}),
        ...(options.staffDomains ? { staffDomains: options.staffDomains } : {}),
        ...(options.onBytes ? { onBytes: options.onBytes } : {}),
      };
      for await (const item of readSource(input.path, kind, sourceOptions, options.stdin)) {
        if (item.error) {
          const e = item.error;
          reject({
            file: item.file,
            line: item.line,
            id: null,
            code: e.code,
            message: e instanceof FormatError ? e.detail : 'unreadable',
          });
          continue;
        }
        summary.read++;
        const problem = identityProblem(item.record);
        if (problem) {
          reject({
            file: item.file,
            line: item.line,
            id: item.record.id,
            code: 'E_NO_CUSTOMER',
            message: problem,
          });
          continue;
        }
        batch.push({ item, ref: ref++ });
        for (const t of item.record.turns) chars += t.text.length;
        if (batch.length >= batchSize || chars >= BATCH_CHARS) {
          await enqueue(batch);
          batch = [];
          chars = 0;
        }
      }
    }
    if (batch.length > 0) await enqueue(batch);
    while (queue.length > 0) await drainHead();
  } catch (err) {
    // Batches still queued were never written; they will be on the next run.
    for (const q of queue.splice(0)) q.analysis.catch(() => undefined);
    throw err;
  } finally {
    await analyst.close();
  }
  summary.elapsedMs = Date.now() - started;
  return summary;
}
