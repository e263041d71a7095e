/**
 * Redacted copies (`--redact OUTDIR`): the same format at the same relative path. Each copy is
 * written to `NAME.partial` and renamed when its input has been read to the end, so a copy
 * that exists is complete. Records that could not be read are left out (they may hold the
 * very values a copy must not contain); the scan reports them and exits with 2.
 *
 * - JSON Lines: every field kept, each turn's `text` replaced by its redacted text.
 * - plain text: lines rewritten, line endings kept.
 * - CSV: header kept, scanned columns redacted, other fields unchanged (RFC 4180 quoting).
 * - EML / mbox: the header block kept except the MIME structure headers; the body becomes the
 *   redacted text as one text/plain UTF-8 part. Attachments are not copied.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  type RedactOptions,
  redactConversation,
  resolveOverlaps,
  type TurnFinding,
} from '../detect/index.js';
import { csvLine, escapeMboxLine, writeWithBackpressure } from '../formats/index.js';
import { writtenText } from './findings.js';
import type { InputFile, ScanRecord } from './types.js';

const MIME_HEADERS =
  /^(content-type|content-transfer-encoding|mime-version|content-disposition|content-id)\s{0,8}:/i;

/** The header block without MIME structure headers (and their folded continuation lines). */
export function plainHeaders(block: string): string[] {
  const out: string[] = [];
  let dropping = false;
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      if (!dropping && out.length > 0) out.push(line);
      continue;
    }
    dropping = MIME_HEADERS.test(line);
    if (!dropping && line !== '') out.push(line);
  }
  return out;
}

function emailText(headerBlock: string, body: string, eol: string): string {
  const headers = [
    ...plainHeaders(headerBlock),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return `${headers.join(eol)}${eol}${eol}${body.replace(/\r?\n/g, eol)}${eol}`;
}

export class RedactedCopy {
  private readonly stream: WriteStream;
  private readonly partial: string;
  private readonly target: string;
  private readonly options: RedactOptions;

  private constructor(target: string, options: RedactOptions) {
    this.target = target;
    this.partial = `${target}.partial`;
    this.options = options;
    this.stream = createWriteStream(this.partial, { flags: 'w', mode: 0o600 });
  }

  static async open(outDir: string, file: InputFile, options: RedactOptions): Promise<RedactedCopy> {
    const target = join(outDir, file.outRel);
    await mkdir(dirname(target), { recursive: true });
    return new RedactedCopy(target, options);
  }

  private write(s: string): Promise<void> {
    return writeWithBackpressure(this.stream, s);
  }

  async header(values: string[]): Promise<void> {
    await this.write(csvLine(values));
  }

  async record(rec: ScanRecord, findings: readonly TurnFinding[]): Promise<void> {
    const p = rec.payload;
    // The copy is made from the turns as written (plain text's speaker labels are blanked for the
    // analysis, at the same length, so the findings' ranges hold): a name in a label is redacted
    // there as in the talk.
    const texts = rec.turns.map((_, i) => writtenText(rec, i));
    // Findings of one turn never overlap after analysis; resolving again costs little and makes
    // sure a copy is always written rather than failing on an engine edge case.
    const byTurn = new Map<number, TurnFinding[]>();
    for (const f of findings) byTurn.set(f.turn, [...(byTurn.get(f.turn) ?? []), f]);
    const clean = [...byTurn.values()].flatMap((list) => resolveOverlaps(list));
    const red = redactConversation(texts, clean, this.options).texts;
    switch (p.kind) {
      case 'jsonl': {
        const turns = (p.raw['turns'] as Record<string, unknown>[]).map((t, i) => ({ ...t, text: red[i] }));
        await this.write(`${JSON.stringify({ ...p.raw, turns })}\n`);
        return;
      }
      case 'text': {
        let s = '';
        red.forEach((t, i) => {
          s += t + (p.eols[i] ?? '');
        });
        await this.write(s);
        return;
      }
      case 'csv': {
        const values = [...p.values];
        p.columns.forEach((c, i) => {
          values[c] = red[i] ?? '';
        });
        await this.write(csvLine(values));
        return;
      }
      case 'eml':
        await this.write(emailText(p.headerBlock, red[0] ?? '', '\r\n'));
        return;
      case 'mbox': {
        const msg = emailText(p.headerBlock, red[0] ?? '', '\n');
        const body = msg
          .split('\n')
          .map((l) => escapeMboxLine(l))
          .join('\n');
        await this.write(`${p.separator ?? 'From sealdesk'}\n${body}\n`);
        return;
      }
    }
  }

  /** Closes the copy; complete copies are renamed into place, abandoned ones removed. */
  async close(complete: boolean): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    if (complete) await rename(this.partial, this.target);
    else await rm(this.partial, { force: true });
  }
}
