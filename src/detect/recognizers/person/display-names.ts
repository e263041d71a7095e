/**
 * PERSON: display names in email headers and quoting lines (`Jane Doe <jane@example.com>`,
 * `"Doe, Jane" <...>`). Separate because it reads the text backwards from an angle bracket, not
 * forwards from a cue; the "From:" cue uses its scoring (`emitDisplayName`).
 */
import { isLetter, isUpper, skipSpaces } from '../../chars.js';
import { NOT_NAMES } from '../lexicon/not-names.js';
import { type Collector, SCORE_LEXICON, SCORE_STRONG, SCORE_WEAK } from './collector.js';
import {
  inLexicon,
  nameShaped,
  orgFollows,
  type Run,
  readAfter,
  readRun,
  skipBack,
  wordStartBefore,
} from './words.js';

/** A display name from an email header: several capitalised words, or a known first name. */
export function emitDisplayName(run: Run, col: Collector, normalized?: string): void {
  const first = run.words[0]!;
  let score = 0;
  if (run.capital && run.words.length > 1) score = SCORE_STRONG;
  else if (inLexicon(first, run.capital)) score = SCORE_LEXICON;
  else if (run.capital && nameShaped(first)) score = SCORE_WEAK;
  if (score > 0) col.push(run.start, run.end, score, normalized);
}

/**
 * Display names before an address in angle brackets: `Jane Doe <jane@example.com>`,
 * `"Doe, Jane" <jane@example.com>`, and quoting lines ("On Monday, Jane Doe <...> wrote:").
 */
export function displayNames(text: string, col: Collector): void {
  let i = text.indexOf('<');
  while (i !== -1) {
    if (i > 0 && looksLikeAddress(text, i)) displayNameBefore(text, i, col);
    i = text.indexOf('<', i + 1);
  }
}

function looksLikeAddress(text: string, lt: number): boolean {
  let at = false;
  const limit = Math.min(text.length, lt + 256);
  for (let j = lt + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 62) return at && j > lt + 3;
    if (c === 64) at = true;
    else if (c <= 32 || c === 60) return false;
  }
  return false;
}

function displayNameBefore(text: string, lt: number, col: Collector): void {
  const end = skipBack(text, lt);
  if (text[end - 1] === '"') {
    const open = text.lastIndexOf('"', end - 2);
    if (open < 0 || end - 1 - open > 80 || text.slice(open, end).includes('\n')) return;
    const inner = open + 1;
    const innerEnd = end - 1;
    const comma = text.indexOf(',', inner);
    if (comma > inner && comma < innerEnd) {
      // "Doe, Jane": both parts must be name runs; normalized in reading order.
      const last = readRun(text, inner, 2, false);
      const firstStart = skipSpaces(text, comma + 1, 2);
      const first = readRun(text, firstStart, 2, false);
      if (!last || !first || last.end !== comma || first.end !== innerEnd) return;
      const normalized = `${first.words.join(' ')} ${last.words.join(' ')}`;
      col.push(inner, innerEnd, SCORE_STRONG, normalized);
      return;
    }
    const run = readAfter(text, inner, 4, true);
    if (!run || run.end !== innerEnd || orgFollows(text, run)) return;
    emitDisplayName(run, col);
    return;
  }
  // Unquoted: up to four name words ending right before the bracket, all capitalised or all not.
  let start = -1;
  let p = end;
  let count = 0;
  let capital = true;
  while (count < 4) {
    const ws = wordStartBefore(text, p);
    if (ws === p) break;
    const lw = text.slice(ws, p).toLowerCase();
    if (NOT_NAMES.has(lw)) break;
    const cap = isUpper(text, ws);
    if (count === 0) capital = cap;
    else if (cap !== capital) break;
    start = ws;
    count++;
    const s = skipBack(text, ws);
    if (s === ws || ws - s > 2 || !isLetter(text, s - 1)) break;
    p = s;
  }
  if (start < 0) return;
  const run = readRun(text, start, 4, !capital);
  if (!run || run.end !== end) return;
  emitDisplayName(run, col);
}
