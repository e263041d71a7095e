/**
 * Interaction JSON Lines: a streaming reader (one line at a time, bounded buffer) and a writer
 * that honours back-pressure. Bad lines become error items naming file and line; the stream
 * goes on with the next line.
 */
import { FormatError } from './errors.js';
import { type Interaction, issuesToText, validateInteraction } from './interaction.js';
import { DEFAULT_MAX_LINE_BYTES, decodeLine, splitLines } from './lines.js';
import { fileChunks } from './source.js';

export type JsonLinesItem =
  | {
      line: number;
      record: Interaction;
      /** The parsed object as it was in the file (every field, unvalidated extras included). */
      raw: Record<string, unknown>;
      error?: undefined;
    }
  | { line: number; error: FormatError; record?: undefined; raw?: undefined };

export interface JsonLinesReadOptions {
  /** Name used in errors (default: the path, or `<stdin>`). */
  file?: string;
  maxLineBytes?: number;
  onBytes?: (n: number) => void;
}

/** Turns a JSON.parse failure into a message with a column, without V8's quote of the input. */
function jsonSyntaxMessage(e: unknown, text: string): string {
  const m = /position (\d+)/.exec(String((e as Error).message));
  if (m) return `malformed JSON at column ${Number(m[1]) + 1}`;
  if (/end of (JSON )?input/i.test(String((e as Error).message)))
    return 'malformed JSON: unexpected end of line';
  return text.trim() === '' ? 'empty line' : 'malformed JSON';
}

/**
 * Reads Interaction JSON Lines from a chunk source (a file stream, stdin). Blank lines are
 * skipped. Never holds more than one line (at most `maxLineBytes`) plus one read chunk.
 */
export async function* readJsonLines(
  source: AsyncIterable<Uint8Array | string>,
  options: JsonLinesReadOptions = {},
): AsyncGenerator<JsonLinesItem> {
  const file = options.file ?? '<input>';
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  for await (const raw of splitLines(source, {
    file,
    maxLineBytes: max,
    overlong: 'error',
    onBytes: options.onBytes,
  })) {
    const line = raw.line;
    if (raw.tooLong) {
      yield {
        line,
        error: new FormatError('E_LINE_TOO_LONG', file, line, `line longer than ${max} bytes; skipped`),
      };
      continue;
    }
    if (raw.bytes.length === 0) continue;
    const { text, invalid } = decodeLine(raw.bytes);
    if (invalid) {
      yield { line, error: new FormatError('E_INVALID_UTF8', file, line, 'invalid UTF-8; line skipped') };
      continue;
    }
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { line, error: new FormatError('E_JSON_SYNTAX', file, line, jsonSyntaxMessage(e, text)) };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield {
        line,
        error: new FormatError('E_SCHEMA', file, line, 'expected a JSON object (one interaction per line)'),
      };
      continue;
    }
    const v = validateInteraction(value);
    if (!v.ok) {
      yield {
        line,
        error: new FormatError('E_SCHEMA', file, line, issuesToText(v.issues), v.issues[0]?.path),
      };
      continue;
    }
    yield { line, record: v.value, raw: value as Record<string, unknown> };
  }
}

/** Reads an Interaction JSON Lines file. Open errors surface as FormatError E_READ. */
export async function* readJsonLinesFile(
  path: string,
  options: JsonLinesReadOptions = {},
): AsyncGenerator<JsonLinesItem> {
  const file = options.file ?? path;
  yield* readJsonLines(fileChunks(path, file), { ...options, file });
}

/** Waits for 'drain' when the stream's buffer is full, so a fast producer cannot outrun a slow consumer. */
export async function writeWithBackpressure(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (stream.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (e: unknown) => {
      stream.off('drain', onDrain);
      reject(e);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

/** Writes one JSON value per line. */
export class JsonLinesWriter {
  private readonly stream: NodeJS.WritableStream;

  constructor(stream: NodeJS.WritableStream) {
    this.stream = stream;
  }

  async write(value: unknown): Promise<void> {
    await writeWithBackpressure(this.stream, `${JSON.stringify(value)}\n`);
  }

  /** Ends the underlying stream and waits until it is flushed. */
  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}
