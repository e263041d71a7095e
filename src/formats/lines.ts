/**
 * Byte-level line splitting with a bounded buffer. Lines are split on the LF byte before any
 * decoding: 0x0A never occurs inside a multi-byte UTF-8 sequence, so a line is always a whole
 * sequence of characters and can be validated on its own, whatever the chunk boundaries were.
 * That is how invalid UTF-8 is reported with its exact line number.
 */
import { BINARY_MESSAGE, BINARY_SNIFF_BYTES, looksBinary } from './binary.js';
import { FormatError } from './errors.js';

export interface RawLine {
  /** 1-based line number. */
  line: number;
  /** The line without its line ending (LF or CRLF). */
  bytes: Buffer;
  /** 0 for the first piece of a line; >0 for the following pieces of an over-long line (split mode). */
  part: number;
  /** The line ending that followed: LF, CRLF, or none (a piece of a longer line, or the end of the file). */
  eol: '' | '\n' | '\r\n';
  /** In error mode: the line was longer than the limit and was dropped (`bytes` is empty). */
  tooLong?: boolean;
}

export interface SplitOptions {
  /** Name used in errors. */
  file: string;
  /** Longest line kept in memory (default 16 MiB). */
  maxLineBytes?: number;
  /**
   * What to do with a longer line: `error` drops it and yields it with `tooLong` (JSON Lines,
   * where a piece of a record means nothing); `split` yields it in pieces cut at a space near
   * the limit, or else at a character boundary (plain text).
   */
  overlong?: 'error' | 'split';
  /** Check the first 8 KB for NUL bytes and throw E_BINARY (default true). */
  sniffBinary?: boolean;
  /** Called with the size of every chunk read (progress reporting). */
  onBytes?: (n: number) => void;
}

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
const LF = 0x0a;
const CR = 0x0d;

function hasCr(b: Buffer): boolean {
  return b.length > 0 && b[b.length - 1] === CR;
}

/** Where to cut an over-long line: after the last blank within 1 KB of the limit, else on a character boundary. */
function cutPoint(b: Buffer, limit: number): number {
  for (let i = limit; i > limit - 1024 && i > 0; i--) {
    const c = b[i - 1];
    if (c === 0x20 || c === 0x09) return i;
  }
  let i = limit;
  // Never cut inside a UTF-8 sequence: back up over continuation bytes (10xxxxxx).
  while (i > 0 && ((b[i] ?? 0) & 0xc0) === 0x80) i--;
  return i > 0 ? i : limit;
}

export async function* splitLines(
  source: AsyncIterable<Uint8Array | string>,
  options: SplitOptions,
): AsyncGenerator<RawLine> {
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const mode = options.overlong ?? 'error';
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let lineNo = 1;
  let part = 0;
  let skipping = false;
  let sniffed = options.sniffBinary === false;
  let head: Buffer[] = [];
  let headLen = 0;
  let first = true;
  let sawAny = false;

  const take = (tail: Buffer): Buffer => {
    const b = pending.length === 0 ? tail : Buffer.concat([...pending, tail], pendingLen + tail.length);
    pending = [];
    pendingLen = 0;
    return b;
  };

  function* feed(chunk: Buffer): Generator<RawLine> {
    let pos = 0;
    if (first) {
      first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) pos = 3;
    }
    while (pos < chunk.length) {
      const idx = chunk.indexOf(LF, pos);
      if (idx === -1) {
        const rest = chunk.subarray(pos);
        if (skipping) return;
        pending.push(rest);
        pendingLen += rest.length;
        if (pendingLen > max) {
          if (mode === 'error') {
            skipping = true;
            pending = [];
            pendingLen = 0;
          } else {
            let b = take(Buffer.alloc(0));
            while (b.length > max) {
              const cut = cutPoint(b, max);
              yield { line: lineNo, bytes: b.subarray(0, cut), part: part++, eol: '' };
              b = b.subarray(cut);
            }
            pending.push(b);
            pendingLen = b.length;
          }
        }
        return;
      }
      if (!skipping && mode === 'error' && pendingLen + (idx - pos) > max) {
        pending = [];
        pendingLen = 0;
        skipping = true;
      }
      if (skipping) {
        yield { line: lineNo, bytes: Buffer.alloc(0), part: 0, eol: '\n', tooLong: true };
        skipping = false;
      } else {
        let b = take(chunk.subarray(pos, idx));
        const cr = hasCr(b);
        if (cr) b = b.subarray(0, b.length - 1);
        while (b.length > max) {
          const cut = cutPoint(b, max);
          yield { line: lineNo, bytes: b.subarray(0, cut), part: part++, eol: '' };
          b = b.subarray(cut);
        }
        yield { line: lineNo, bytes: b, part, eol: cr ? '\r\n' : '\n' };
      }
      lineNo++;
      part = 0;
      pos = idx + 1;
    }
  }

  for await (const c of source) {
    const chunk =
      typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c.buffer, c.byteOffset, c.length);
    if (chunk.length === 0) continue;
    sawAny = true;
    options.onBytes?.(chunk.length);
    if (!sniffed) {
      head.push(chunk);
      headLen += chunk.length;
      if (headLen < BINARY_SNIFF_BYTES) continue;
      const all = Buffer.concat(head, headLen);
      head = [];
      sniffed = true;
      if (looksBinary(all)) throw new FormatError('E_BINARY', options.file, undefined, BINARY_MESSAGE);
      yield* feed(all);
      continue;
    }
    yield* feed(chunk);
  }
  if (!sniffed && headLen > 0) {
    const all = Buffer.concat(head, headLen);
    if (looksBinary(all)) throw new FormatError('E_BINARY', options.file, undefined, BINARY_MESSAGE);
    yield* feed(all);
  }
  if (!sawAny) return;
  if (skipping) yield { line: lineNo, bytes: Buffer.alloc(0), part: 0, eol: '', tooLong: true };
  else if (pendingLen > 0) {
    let b = take(Buffer.alloc(0));
    if (mode === 'error' && b.length > max) {
      yield { line: lineNo, bytes: Buffer.alloc(0), part: 0, eol: '', tooLong: true };
      return;
    }
    while (b.length > max) {
      const cut = cutPoint(b, max);
      yield { line: lineNo, bytes: b.subarray(0, cut), part: part++, eol: '' };
      b = b.subarray(cut);
    }
    yield { line: lineNo, bytes: b, part, eol: '' };
  }
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes one line; invalid UTF-8 is reported and replaced by U+FFFD in the returned text. */
export function decodeLine(bytes: Uint8Array): { text: string; invalid: boolean } {
  try {
    return { text: strict.decode(bytes), invalid: false };
  } catch {
    return { text: lossy.decode(bytes), invalid: true };
  }
}
