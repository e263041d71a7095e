/**
 * Plain text files (.txt, .log, .md). How records are formed (see docs/FORMATS.md):
 * - every line is one turn, so findings report a line (and a column inside it);
 * - a record is a run of lines: the whole file while it stays under `recordBytes` (1 MiB), so a
 *   number split over consecutive lines is still joined by the conversation analysis; a larger
 *   file is cut into records at a blank line once the record reaches that size (a blank line
 *   also ends a split number, so nothing is lost at the cut), or anywhere once it reaches
 *   `maxRecordBytes` (4 MiB) without a blank line;
 * - a line longer than `maxLineBytes` (1 MiB) is split into several turns near a space; each
 *   carries its column offset.
 * Memory stays bounded by `maxRecordBytes` plus one read chunk.
 */
import { FormatError } from './errors.js';
import { decodeLine, splitLines } from './lines.js';
import { fileChunks } from './source.js';

export interface TextLine {
  /** 1-based line number in the file. */
  line: number;
  /** JavaScript string index in the line where this piece starts (0 unless the line was split). */
  col: number;
  text: string;
  /** The line ending after this piece, as found in the file (kept for redacted copies). */
  eol: '' | '\n' | '\r\n';
}

export interface TextRecord {
  /** `line N`: N is the first line of the record. */
  id: string;
  firstLine: number;
  lines: TextLine[];
}

export type TextItem = { record: TextRecord; error?: undefined } | { error: FormatError; record?: undefined };

export interface TextReadOptions {
  file?: string;
  recordBytes?: number;
  maxRecordBytes?: number;
  maxLineBytes?: number;
  onBytes?: (n: number) => void;
}

export const TEXT_RECORD_BYTES = 1024 * 1024;
export const TEXT_MAX_RECORD_BYTES = 4 * 1024 * 1024;
export const TEXT_MAX_LINE_BYTES = 1024 * 1024;

export async function* readText(
  source: AsyncIterable<Uint8Array | string>,
  options: TextReadOptions = {},
): AsyncGenerator<TextItem> {
  const file = options.file ?? '<input>';
  const soft = options.recordBytes ?? TEXT_RECORD_BYTES;
  const hard = Math.max(soft, options.maxRecordBytes ?? TEXT_MAX_RECORD_BYTES);
  let lines: TextLine[] = [];
  let size = 0;
  let col = 0;
  const flush = (): TextItem => {
    const firstLine = lines[0]!.line;
    const item: TextItem = { record: { id: `line ${firstLine}`, firstLine, lines } };
    lines = [];
    size = 0;
    return item;
  };
  const raws = splitLines(source, {
    file,
    maxLineBytes: options.maxLineBytes ?? TEXT_MAX_LINE_BYTES,
    overlong: 'split',
    onBytes: options.onBytes,
  });
  for await (const raw of raws) {
    if (raw.part === 0) col = 0;
    const { text, invalid } = decodeLine(raw.bytes);
    if (invalid && raw.part === 0) {
      yield {
        error: new FormatError(
          'E_INVALID_UTF8',
          file,
          raw.line,
          'invalid UTF-8; the line is scanned with the bad bytes replaced by U+FFFD',
        ),
      };
    }
    if (lines.length > 0 && size + raw.bytes.length > hard) yield flush();
    lines.push({ line: raw.line, col, text, eol: raw.eol });
    col += text.length;
    size += raw.bytes.length + 1;
    if (size >= soft && raw.eol !== '' && text.trim() === '') yield flush();
  }
  if (lines.length > 0) yield flush();
}

export async function* readTextFile(path: string, options: TextReadOptions = {}): AsyncGenerator<TextItem> {
  const file = options.file ?? path;
  yield* readText(fileChunks(path, file), { ...options, file });
}

/** Writes the lines of a record back as text (original line endings kept). */
export function textRecordToString(lines: readonly { text: string; eol: string }[]): string {
  let out = '';
  for (const l of lines) out += l.text + l.eol;
  return out;
}
