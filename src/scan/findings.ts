/**
 * Findings as reported: the Findings JSON Lines contract shape, locations for people, and
 * masked previews. Raw values appear only when the user asked for them (`showValues`).
 */
import { redact, type TurnFinding } from '../detect/index.js';
import type { ScanRecord } from './types.js';

/** One finding of the contract: `{turn, start, end, type, score}` (+ `value` on request). */
export interface ContractFinding {
  turn: number;
  start: number;
  end: number;
  type: string;
  score: number;
  value?: string;
}

export function roundScore(s: number): number {
  return Math.round(s * 1000) / 1000;
}

export function sortFindings<T extends { turn: number; start: number; end: number }>(findings: T[]): T[] {
  return findings.sort((a, b) => a.turn - b.turn || a.start - b.start || a.end - b.end);
}

/**
 * A turn's text as written. Plain text's turns have their speaker labels blanked for the analysis
 * (same length), so the line is the label and the rest of the turn: what values, previews and
 * redacted copies are cut from.
 */
export function writtenText(rec: ScanRecord, turn: number): string {
  const text = rec.turns[turn]?.text ?? '';
  const p = rec.payload;
  if (p.kind !== 'text') return text;
  const label = p.labels[turn] ?? '';
  return label.length === 0 ? text : label + text.slice(label.length);
}

export function contractFindings(
  rec: ScanRecord,
  findings: readonly TurnFinding[],
  showValues: boolean,
): ContractFinding[] {
  return findings.map((f) => {
    const c: ContractFinding = {
      turn: f.turn,
      start: f.start,
      end: f.end,
      type: f.type,
      score: roundScore(f.score),
    };
    if (showValues) c.value = writtenText(rec, f.turn).slice(f.start, f.end);
    return c;
  });
}

/** Where a finding is, for people: the line in the file (and the column for plain text). */
export function findingLocation(
  rec: ScanRecord,
  f: { turn: number; start: number },
): { line: number; col?: number } {
  if (rec.turnLines) {
    const line = rec.turnLines[f.turn] ?? rec.line;
    return { line, col: (rec.turnCols?.[f.turn] ?? 0) + f.start + 1 };
  }
  return { line: rec.line };
}

const PREVIEW_MAX = 48;

/** The value with letters and digits masked (cards keep their last four), on one line, shortened. */
export function maskedPreview(rec: ScanRecord, f: TurnFinding): string {
  const text = writtenText(rec, f.turn);
  let masked: string;
  try {
    const r = redact(text, [f], { policy: { default: 'mask' } });
    const item = r.items[0]!;
    masked = r.text.slice(item.redactedStart, item.redactedEnd);
  } catch {
    masked = '*'.repeat(Math.min(PREVIEW_MAX, f.end - f.start));
  }
  masked = masked.replace(/\s+/g, ' ');
  return masked.length > PREVIEW_MAX ? `${masked.slice(0, PREVIEW_MAX - 1)}…` : masked;
}
