/**
 * Import sources: the readers of src/formats, turned into a stream of records (with the file and
 * line they start on) and of errors (naming file and line). Interaction JSON Lines and CSV call
 * exports give whole interactions; EML and mbox give single email messages, which the store
 * threads (by Message-ID, In-Reply-To and References) as it writes them.
 */
import { createHash } from 'node:crypto';
import {
  type ColumnMapping,
  checkMapping,
  csvRowToInteraction,
  FormatError,
  findIdColumn,
  type Interaction,
  kindOf,
  MAPPABLE_FIELDS,
  readCsvFile,
  readEmlFile,
  readJsonLines,
  readJsonLinesFile,
  readMboxFile,
} from '../formats/index.js';

export type ImportKind = 'jsonl' | 'csv' | 'eml' | 'mbox';

export type SourceItem =
  | {
      file: string;
      line: number;
      kind: 'interaction' | 'message';
      record: Interaction;
      /** Fields of the JSON line beyond the contract (status, priority, tags, direction ...). */
      raw?: Record<string, unknown>;
      error?: undefined;
    }
  | { file: string; line: number | null; error: FormatError; record?: undefined };

export interface SourceOptions {
  /** Column mapping for CSV call exports (`--map`); default: columns named like the fields. */
  mapping?: ColumnMapping;
  /** Channel of CSV rows without a channel column. */
  channel?: 'call' | 'chat' | 'email';
  /** Staff email domains: a message from one of them is the agent's. */
  staffDomains?: readonly string[];
  onBytes?: (n: number) => void;
}

export function importKindOf(path: string): ImportKind | undefined {
  const k = kindOf(path);
  return k === 'text' ? undefined : k;
}

/** "company.example" matches "a@company.example" and "a@uk.company.example". */
export function staffMatcher(domains: readonly string[]): (address: string) => boolean {
  const list = domains.map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter((d) => d !== '');
  return (address: string) => {
    const at = address.lastIndexOf('@');
    if (at < 0) return false;
    const domain = address
      .slice(at + 1)
      .trim()
      .toLowerCase();
    return list.some((d) => domain === d || domain.endsWith(`.${d}`));
  };
}

/** Identity mapping: every column named exactly like a field (`id`, `started_at`, `customer.email`, ...). */
export function defaultMapping(header: readonly string[]): ColumnMapping {
  const m: ColumnMapping = {};
  for (const f of MAPPABLE_FIELDS) if (header.includes(f)) m[f] = f;
  return m;
}

export async function* readSource(
  path: string,
  kind: ImportKind,
  options: SourceOptions,
  stdin?: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<SourceItem> {
  const file = path === '-' ? '<stdin>' : path;
  const onBytes = options.onBytes;
  try {
    if (kind === 'jsonl') {
      const it =
        path === '-' && stdin
          ? readJsonLines(stdin, { file, ...(onBytes ? { onBytes } : {}) })
          : readJsonLinesFile(path, { file, ...(onBytes ? { onBytes } : {}) });
      for await (const item of it) {
        if (item.error) yield { file, line: item.line, error: item.error };
        else yield { file, line: item.line, kind: 'interaction', record: item.record, raw: item.raw };
      }
      return;
    }
    if (kind === 'csv') {
      let header: string[] | undefined;
      let mapping: ColumnMapping = {};
      for await (const item of readCsvFile(path, { file, ...(onBytes ? { onBytes } : {}) })) {
        if (item.error) {
          yield { file, line: item.error.line ?? null, error: item.error };
          if (item.error.code === 'E_CSV_COLUMN') return;
          continue;
        }
        if (item.header) {
          header = item.header;
          mapping = options.mapping ?? defaultMapping(header);
          if (mapping.transcript === undefined) {
            yield {
              file,
              line: 1,
              error: new FormatError(
                'E_CSV_COLUMN',
                file,
                1,
                'no transcript column: map one with --map transcript=COLUMN (and id=, customer.email= ...)',
              ),
            };
            return;
          }
          if (mapping.id === undefined && findIdColumn(header) === -1) {
            // Without an id column, "row N" would make a second import of a re-sorted file duplicate rows.
            yield {
              file,
              line: 1,
              error: new FormatError('E_CSV_COLUMN', file, 1, 'no id column: map one with --map id=COLUMN'),
            };
            return;
          }
          checkMapping(header, mapping, file);
          continue;
        }
        const row = item.row!;
        const r = csvRowToInteraction(header!, row, mapping, {
          file,
          ...(options.channel ? { channel: options.channel } : {}),
        });
        if (r.ok) yield { file, line: row.line, kind: 'interaction', record: r.value };
        else yield { file, line: row.line, error: r.error };
      }
      return;
    }
    const isAgent = staffMatcher(options.staffDomains ?? []);
    if (kind === 'eml') {
      const item = await readEmlFile(path, { file, isAgent, ...(onBytes ? { onBytes } : {}) });
      if (item.error) yield { file, line: item.line, error: item.error };
      else yield { file, line: item.line, kind: 'message', record: item.record };
      return;
    }
    for await (const item of readMboxFile(path, { file, isAgent, ...(onBytes ? { onBytes } : {}) })) {
      if (item.error) yield { file, line: item.line, error: item.error };
      else yield { file, line: item.line, kind: 'message', record: item.record };
    }
  } catch (e) {
    if (e instanceof FormatError) {
      yield { file, line: e.line ?? null, error: e };
      return;
    }
    throw e;
  }
}

/**
 * A stable identity for a message without a Message-ID: a hash of sender, date, subject and body.
 * Only ever used as input to the store's keyed hash, never stored.
 */
export function messageSignature(r: Interaction): string {
  const t = r.turns[0];
  const h = createHash('sha256');
  for (const part of [
    t?.from ?? '',
    t?.at ?? r.started_at ?? '',
    t?.subject ?? r.subject ?? '',
    t?.text ?? '',
  ]) {
    h.update(part).update('\u0000');
  }
  return `sig:${h.digest('hex')}`;
}
