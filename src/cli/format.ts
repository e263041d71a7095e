/**
 * Output helpers shared by commands: aligned text tables for people, JSON and JSON Lines for
 * scripts. Text meant for a terminal goes through `printable` so a value read from input can
 * never move the cursor or change colours.
 */
export type Align = 'left' | 'right';

export interface TableOptions {
  /** Alignment per column (default: right for columns whose cells are all numbers). */
  align?: Align[];
  indent?: string;
}

/** Replaces control characters (C0, DEL, C1, line/paragraph separators) with '?'. */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}

/** Column width by code points (good enough for the mostly-ASCII content of reports). */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  options: TableOptions = {},
): string {
  const cells = rows.map((r) => r.map((c) => printable(String(c))));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const align = options.align ?? numeric.map((n) => (n ? 'right' : 'left'));
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] ?? ''))));
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(Math.max(0, widths[i]! - width(s)));
    return align[i] === 'right' ? fill + s : s + fill;
  };
  const indent = options.indent ?? '';
  const line = (r: readonly string[]) =>
    `${indent}${r
      .map((c, i) => pad(c, i))
      .join('  ')
      .trimEnd()}\n`;
  return line(headers) + cells.map(line).join('');
}

export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

export function jsonDocument(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
