/**
 * CSV files, streamed through csv-parse. The first row is the header. Each following row is a
 * record: its id is the value of the id column when there is one (a column named `id`, or the
 * one the caller names), else `row N` (N counts data rows from 1). The text columns to scan are
 * chosen by name (`--column`, repeatable); by default every column but the id column.
 *
 * Rows with a different number of fields than the header are kept (missing fields are empty);
 * a row csv-parse cannot read (an unclosed quote, ...) is reported with its line and skipped.
 */
import { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import { FormatError } from './errors.js';
import { type Interaction, issuesToText, type Speaker, validateInteraction } from './interaction.js';
import { decodeLine, splitLines } from './lines.js';
import { fileChunks } from './source.js';
import { speakerLabel } from './speaker-label.js';

export interface CsvRow {
  /** 1-based data row number (the header is not counted). */
  row: number;
  /** Line where the row starts in the file. */
  line: number;
  id: string;
  /** Every field, in file order. */
  values: string[];
}

export type CsvItem =
  | { header: string[]; row?: undefined; error?: undefined }
  | { row: CsvRow; header?: undefined; error?: undefined }
  | { error: FormatError; header?: undefined; row?: undefined };

export interface CsvReadOptions {
  file?: string;
  /** Name of the column holding record ids (default: a column named `id`, any case, if present). */
  idColumn?: string;
  delimiter?: string;
  maxRecordBytes?: number;
  onBytes?: (n: number) => void;
}

const CSV_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote is not followed by a delimiter',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'characters after a closing quote',
  CSV_MAX_RECORD_SIZE: 'the row is too large',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'wrong number of fields',
};

function csvErrorMessage(e: CsvError | Error): string {
  const code = (e as { code?: string }).code ?? '';
  // csv-parse messages quote the offending characters; ours do not.
  return CSV_MESSAGES[code] ?? `malformed CSV${code ? ` (${code})` : ''}`;
}

function csvErrorLine(e: unknown): number | undefined {
  const lines = (e as { lines?: unknown }).lines;
  return typeof lines === 'number' ? lines : undefined;
}

function countNewlines(values: readonly string[]): number {
  let n = 0;
  for (const v of values) {
    for (let i = v.indexOf('\n'); i !== -1; i = v.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/** Index of the id column: the named one, or a column called `id` in any case; -1 when none. */
export function findIdColumn(header: readonly string[], idColumn?: string): number {
  if (idColumn !== undefined) return header.indexOf(idColumn);
  return header.findIndex((h) => h.trim().toLowerCase() === 'id');
}

export async function* readCsv(
  source: AsyncIterable<Uint8Array | string>,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvItem> {
  const file = options.file ?? '<input>';
  const pendingErrors: FormatError[] = [];
  async function* text(): AsyncGenerator<string> {
    for await (const raw of splitLines(source, { file, overlong: 'error', onBytes: options.onBytes })) {
      if (raw.tooLong) {
        pendingErrors.push(new FormatError('E_LINE_TOO_LONG', file, raw.line, 'line too long; skipped'));
        yield raw.eol;
        continue;
      }
      const { text, invalid } = decodeLine(raw.bytes);
      if (invalid) {
        pendingErrors.push(
          new FormatError('E_INVALID_UTF8', file, raw.line, 'invalid UTF-8; bad bytes replaced by U+FFFD'),
        );
      }
      yield text + raw.eol;
    }
  }
  // Updated by the parser itself as rows complete (the consumer below may lag behind).
  let lastLine = 0;
  const parser = parse({
    on_record: (record: string[], context: { lines: number }) => {
      lastLine = context.lines;
      return record;
    },
    info: true,
    relax_column_count: true,
    // A stray character after a closing quote keeps the row (quotes and all) rather than losing
    // it and the rows after it: for a scanner, reading too much beats reading too little.
    relax_quotes: true,
    skip_records_with_error: true,
    skip_empty_lines: true,
    max_record_size: options.maxRecordBytes ?? 16 * 1024 * 1024,
    delimiter: options.delimiter ?? ',',
  });
  parser.on('skip', (err: CsvError) => {
    // An unclosed quote is only noticed at the end of the file; the row started after the last good one.
    const line = err.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : csvErrorLine(err);
    const detail =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted field opened here is never closed; the rest of the file is skipped'
        : csvErrorMessage(err);
    pendingErrors.push(new FormatError('E_CSV', file, line, detail));
  });
  const input = Readable.from(text(), { objectMode: false });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);

  let header: string[] | undefined;
  let idIndex = -1;
  let row = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      while (pendingErrors.length > 0) yield { error: pendingErrors.shift()! };
      const values = item.record;
      if (!header) {
        header = values;
        idIndex = findIdColumn(header, options.idColumn);
        if (options.idColumn !== undefined && idIndex === -1) {
          yield { error: new FormatError('E_CSV_COLUMN', file, 1, `no column named "${options.idColumn}"`) };
          return;
        }
        yield { header };
        continue;
      }
      row++;
      const line = item.info.lines - countNewlines(values);
      const idValue = idIndex >= 0 ? (values[idIndex] ?? '').trim() : '';
      yield { row: { row, line, id: idValue !== '' ? idValue : `row ${row}`, values } };
    }
  } catch (e) {
    while (pendingErrors.length > 0) yield { error: pendingErrors.shift()! };
    if (e instanceof FormatError) throw e;
    yield { error: new FormatError('E_CSV', file, csvErrorLine(e), csvErrorMessage(e as Error)) };
    return;
  } finally {
    input.destroy();
  }
  while (pendingErrors.length > 0) yield { error: pendingErrors.shift()! };
}

export async function* readCsvFile(path: string, options: CsvReadOptions = {}): AsyncGenerator<CsvItem> {
  const file = options.file ?? path;
  yield* readCsv(fileChunks(path, file), { ...options, file });
}

/**
 * Indices of the columns to scan. `wanted` names columns (each must exist); without it, every
 * column except the id column. Throws E_CSV_COLUMN naming the first missing column.
 */
export function selectTextColumns(
  header: readonly string[],
  wanted: readonly string[] | undefined,
  idIndex: number,
  file: string,
): number[] {
  if (wanted && wanted.length > 0) {
    return wanted.map((name) => {
      const i = header.indexOf(name);
      if (i === -1) {
        throw new FormatError(
          'E_CSV_COLUMN',
          file,
          1,
          `no column named "${name}" (columns: ${header.join(', ')})`,
        );
      }
      return i;
    });
  }
  return header.map((_, i) => i).filter((i) => i !== idIndex);
}

/** Quotes a field when it needs it (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// Call-export mapping (used by the importer): `--map id=call_id,started_at=start,transcript=text`.

/** Interaction fields a CSV column can fill. `transcript` is the conversation text. */
export const MAPPABLE_FIELDS = [
  'id',
  'channel',
  'started_at',
  'ended_at',
  'hold_seconds',
  'recording_url',
  'subject',
  'customer.name',
  'customer.email',
  'customer.phone',
  'customer.country',
  'customer.region',
  'customer.external_id',
  'agent.name',
  'agent.email',
  'agent.phone',
  'transcript',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];
export type ColumnMapping = Partial<Record<MappableField, string>>;

/** Parses `field=column,field=column`. Throws E_CSV_COLUMN for an unknown field or a bad pair. */
export function parseColumnMapping(spec: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const field = (eq === -1 ? '' : part.slice(0, eq)).trim();
    const column = (eq === -1 ? '' : part.slice(eq + 1)).trim();
    if (!field || !column) {
      throw new FormatError(
        'E_CSV_COLUMN',
        '--map',
        undefined,
        `expected FIELD=COLUMN, got "${part.trim()}"`,
      );
    }
    if (!(MAPPABLE_FIELDS as readonly string[]).includes(field)) {
      throw new FormatError(
        'E_CSV_COLUMN',
        '--map',
        undefined,
        `unknown field "${field}" (fields: ${MAPPABLE_FIELDS.join(', ')})`,
      );
    }
    mapping[field as MappableField] = column;
  }
  return mapping;
}

/** Checks that every mapped column exists in the header. */
export function checkMapping(header: readonly string[], mapping: ColumnMapping, file: string): void {
  for (const [field, column] of Object.entries(mapping)) {
    if (!header.includes(column)) {
      throw new FormatError('E_CSV_COLUMN', file, 1, `--map ${field}=${column}: no column named "${column}"`);
    }
  }
}

/**
 * Splits a transcript cell into turns. Lines opening with a speaker label (`Agent:`,
 * `[00:01:23] Customer:`, `Speaker 2:`; see speaker-label.ts) or with the agent's or customer's
 * name start a new turn; other lines continue the current one. A transcript without any label is
 * one customer turn.
 */
export function transcriptToTurns(
  text: string,
  names: { agent?: string | null; customer?: string | null } = {},
): { speaker: Speaker; text: string }[] {
  const turns: { speaker: Speaker; text: string }[] = [];
  const agentName = names.agent?.trim().toLowerCase();
  const customerName = names.customer?.trim().toLowerCase();
  const numbered = new Map<string, Speaker>();
  for (const line of text.split(/\r?\n/)) {
    let speaker: Speaker | undefined;
    let body = line;
    const label = speakerLabel(line);
    if (label) {
      speaker = label.speaker;
      const named = label.name?.text.trim().toLowerCase();
      if (!speaker && named && named === agentName) speaker = 'agent';
      else if (!speaker && named && named === customerName) speaker = 'customer';
      if (!speaker) {
        // Numbered and named speakers take roles in order of appearance, the first as the agent.
        speaker = numbered.get(label.numbered!) ?? (numbered.size === 0 ? 'agent' : 'customer');
        numbered.set(label.numbered!, speaker);
      }
      body = line.slice(label.length);
    } else {
      const colon = line.indexOf(':');
      const name = colon > 0 && colon <= 60 ? line.slice(0, colon).trim().toLowerCase() : '';
      if (name && name === agentName) speaker = 'agent';
      else if (name && name === customerName) speaker = 'customer';
      if (speaker) body = line.slice(colon + 1).replace(/^\s/, '');
    }
    const last = turns[turns.length - 1];
    if (speaker) turns.push({ speaker, text: body });
    else if (last) last.text += `\n${line}`;
    else if (line.trim() !== '') turns.push({ speaker: 'customer', text: line });
  }
  return turns;
}

function parseHold(value: string): number | string {
  const v = value.trim();
  if (/^\d{1,9}(\.\d{1,3})?$/.test(v)) return Number(v);
  const m = /^(?:(\d{1,4}):)?(\d{1,2}):(\d{2})$/.exec(v);
  if (m) return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  return v; // left as text so validation reports it
}

export type MappedRow = { ok: true; value: Interaction } | { ok: false; error: FormatError };

/**
 * Turns one call-export row into an Interaction. Empty cells count as absent. Validation errors
 * name the column and the field, never the cell's value.
 */
export function csvRowToInteraction(
  header: readonly string[],
  row: CsvRow,
  mapping: ColumnMapping,
  options: { file: string; channel?: 'call' | 'chat' | 'email' },
): MappedRow {
  const cell = (field: MappableField): string | undefined => {
    const column = mapping[field];
    if (column === undefined) return undefined;
    const v = row.values[header.indexOf(column)];
    return v === undefined || v.trim() === '' ? undefined : v;
  };
  const person = (prefix: 'customer' | 'agent'): Record<string, unknown> | undefined => {
    const out: Record<string, unknown> = {};
    for (const f of MAPPABLE_FIELDS) {
      if (!f.startsWith(`${prefix}.`)) continue;
      const v = cell(f);
      if (v !== undefined) out[f.slice(prefix.length + 1)] = v.trim();
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const customer = person('customer');
  const agent = person('agent');
  const hold = cell('hold_seconds');
  const candidate: Record<string, unknown> = {
    id: cell('id')?.trim() ?? row.id,
    channel: cell('channel')?.trim().toLowerCase() ?? options.channel ?? 'call',
    started_at: cell('started_at')?.trim(),
    ended_at: cell('ended_at')?.trim(),
    hold_seconds: hold === undefined ? undefined : parseHold(hold),
    recording_url: cell('recording_url')?.trim(),
    subject: cell('subject'),
    customer,
    agent,
    turns: transcriptToTurns(cell('transcript') ?? '', {
      agent: agent?.['name'] as string | undefined,
      customer: customer?.['name'] as string | undefined,
    }),
  };
  for (const k of Object.keys(candidate)) if (candidate[k] === undefined) delete candidate[k];
  const v = validateInteraction(candidate);
  if (v.ok) return v;
  const described = v.issues.map((i) => {
    const field = i.path.replace(/\[\d+\].*$/, '');
    const column = mapping[field as MappableField];
    return { path: column ? `column "${column}" (${i.path})` : i.path, message: i.message };
  });
  return {
    ok: false,
    error: new FormatError('E_SCHEMA', options.file, row.line, issuesToText(described), v.issues[0]?.path),
  };
}
