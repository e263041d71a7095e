/**
 * US_SSN: US Social Security numbers, typed ("123-45-6789", "123 45 6789", "123456789") or spoken
 * digit by digit. Candidates are number spans, so a spoken number goes through the same checks.
 *
 * Format rules (SSA): area 000, 666 and 900-999 are never issued (9xx are ITINs), nor group 00
 * or serial 0000; 078-05-1120 (the Woolworth wallet card) and 219-09-9999 (an SSA advertisement)
 * are void. 123-45-6789 is famous but was never voided, so it is treated as a valid number.
 *
 * Scores: the 3-2-4 grouping is distinctive (0.6 without context, 0.95 with); nine contiguous or
 * spoken digits are any nine digits (phone, account, routing number) and only count next to a
 * context word (0.9), below the threshold otherwise.
 *
 * The last four digits of an SSN are what call centres ask to verify a caller ("the last four of
 * your social?" / "six seven eight nine"), and with a name and a birth date they go a long way to
 * the whole number: four digits right after such a label, in the turn or as the answer at the
 * start of the next one, are reported as US_SSN too (0.85).
 */
import { digitRange, type NumberSpan } from '../numbers.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';

export const SSN_CONTEXT = [
  'social security',
  'social sec',
  'ssn',
  'social',
  'ss#',
  'ss #',
  'ss number',
  'ss no',
] as const;

const VOID_NUMBERS = new Set(['078051120', '219099999']);

const GROUPED_NO_CONTEXT = 0.6;
const GROUPED_CONTEXT = 0.95;
const UNGROUPED_CONTEXT = 0.9;
const UNGROUPED_NO_CONTEXT = 0.3;

/** SSA validity of nine digits. */
export function isValidSsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = Number(digits.slice(0, 3));
  if (area === 0 || area === 666 || area >= 900) return false;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return false;
  return !VOID_NUMBERS.has(digits);
}

function sizeOf(span: NumberSpan, k: number): number {
  const t = span.tokens[k]!;
  return t.digitEnd - t.digitStart;
}

/**
 * Marks the junction of two turns when the analyzer joins them to find a value split across turns
 * (numbers.ts TURN_JUNCTION): it matches any separator.
 */
const TURN_JUNCTION = '\u2063';

/** The separator of a typed gap: "-", " ", TURN_JUNCTION, or null for anything else. */
function separator(gap: string): string | null {
  if (gap.indexOf(TURN_JUNCTION) !== -1) return TURN_JUNCTION;
  if (gap.length === 0 || gap.length > 3) return null;
  const t = gap.trim();
  if (t === '') return ' ';
  return t === '-' || t === '\u2010' || t === '\u2011' || t === '\u2013' ? '-' : null;
}

/** A neighbour token joined by the same separator would make the window part of a longer number. */
function joinedTo(gap: string, sep: string): boolean {
  const s = separator(gap);
  if (s === null || s === TURN_JUNCTION) return false;
  return s === sep || sep === ' ' || sep === TURN_JUNCTION || s === '-';
}

function emit(
  view: TextView,
  out: Finding[],
  span: NumberSpan,
  from: number,
  grouped: boolean,
  spoken: boolean,
): void {
  const digits = span.digits.slice(from, from + 9);
  if (!isValidSsn(digits)) return;
  const { start, end } = digitRange(span, from, from + 9);
  const context = view.hasContext(start, end, SSN_CONTEXT, 80, 40);
  const score = grouped
    ? context
      ? GROUPED_CONTEXT
      : GROUPED_NO_CONTEXT
    : context
      ? UNGROUPED_CONTEXT
      : UNGROUPED_NO_CONTEXT;
  out.push({
    type: 'US_SSN',
    start,
    end,
    score,
    recognizer: 'us-ssn',
    spoken,
    normalized: digits,
  });
}

/**
 * "last four of your social", "last 4 digits of my SSN", "the last four digits of the social
 * security number", then at most 40 characters without a digit before the value.
 */
const LAST_FOUR_RE =
  /(?:^|[^a-z])last\s{1,3}(?:four|4)(?:\s{1,3}digits)?(?:\s{1,3}(?:of|on|from))?(?:\s{1,3}(?:your|my|the|his|her|their))?\s{1,3}(?:social(?:\s{1,3}security)?(?:\s{1,3}(?:number|no))?|ssn|ss#)(?![a-z])[^0-9]{0,40}$/;
const LAST_FOUR = 0.85;
/**
 * "last four are 6789" as the answer to a question that named the social ("can you confirm your
 * social?"): the words right before the value, the social named earlier in the turn or just before.
 */
const LAST_FOUR_SAID_RE =
  /(?:^|[^a-z])last\s{1,3}(?:four|4)(?:\s{1,3}digits)?(?:\s{1,3}(?:are|is|would\s{1,3}be|will\s{1,3}be))?[\s,:-]{0,3}$/;
const SOCIAL_RE = /(?:^|[^a-z])(?:social(?:\s{1,3}security)?|ssn|ss#)(?![a-z])/g;
/** Another number the last four could belong to, named after the social ("... the card's last four"). */
const OTHER_NUMBER_RE = /card|account|phone|number ending|policy|order|ticket/;
/** How far into a turn its answer to the turn before may start. */
const ANSWER_START = 24;

function lastFour(view: TextView, out: Finding[], span: NumberSpan): void {
  if (span.digits.length !== 4) return;
  const start = span.start;
  const own = view.lower.slice(Math.max(0, start - 80), start);
  const left = start <= ANSWER_START ? `${view.priorContext}${own}` : own;
  if (!left.includes('last')) return;
  if (
    !LAST_FOUR_RE.test(left) &&
    !(LAST_FOUR_SAID_RE.test(own) && socialNamedLast(`${view.priorContext}${own}`))
  )
    return;
  out.push({
    type: 'US_SSN',
    start,
    end: span.end,
    score: LAST_FOUR,
    recognizer: 'us-ssn',
    spoken: span.spoken,
    normalized: span.digits,
  });
}

/** `text` names the social, and no other kind of number after it. */
function socialNamedLast(text: string): boolean {
  let at = -1;
  SOCIAL_RE.lastIndex = 0;
  for (let m = SOCIAL_RE.exec(text); m !== null; m = SOCIAL_RE.exec(text)) at = m.index + m[0].length;
  return at !== -1 && !OTHER_NUMBER_RE.test(text.slice(at));
}

export const usSsnRecognizer: Recognizer = {
  name: 'us-ssn',
  types: ['US_SSN'],
  analyze(view: TextView, out: Finding[]): void {
    for (const span of view.numberSpans) {
      if (span.digits.length === 4) lastFour(view, out, span);
      if (span.digits.length < 9) continue;
      if (span.tokens.every((t) => t.spoken)) {
        // Spoken digits run together with pauses anywhere: only a span of exactly nine digits.
        if (span.digits.length === 9) emit(view, out, span, 0, false, true);
        continue;
      }
      const tokens = span.tokens;
      for (let i = 0; i < tokens.length; i++) {
        if (tokens[i]!.spoken) continue;
        const size = sizeOf(span, i);
        if (size === 9) {
          const before = i > 0 ? tokens[i]!.gapBefore : '';
          const after = i + 1 < tokens.length ? tokens[i + 1]!.gapBefore : '';
          // "123456789" alone; not the tail of "1-123456789" or the head of "123456789.5".
          if ((i > 0 && separator(before) === '-') || (after !== '' && separator(after) === '-')) continue;
          if (after.startsWith('.') && after.length === 1) continue;
          emit(view, out, span, tokens[i]!.digitStart, false, false);
          continue;
        }
        if (size !== 3 || i + 2 >= tokens.length) continue;
        if (sizeOf(span, i + 1) !== 2 || sizeOf(span, i + 2) !== 4) continue;
        if (tokens[i + 1]!.spoken || tokens[i + 2]!.spoken) continue;
        const s1 = separator(tokens[i + 1]!.gapBefore);
        const s2 = separator(tokens[i + 2]!.gapBefore);
        if (s1 === null || s2 === null || (s1 !== s2 && s1 !== TURN_JUNCTION && s2 !== TURN_JUNCTION))
          continue;
        const sep = s1 === TURN_JUNCTION ? s2 : s1;
        if (i > 0 && joinedTo(tokens[i]!.gapBefore, sep)) continue;
        if (i + 3 < tokens.length && joinedTo(tokens[i + 3]!.gapBefore, sep)) continue;
        emit(view, out, span, tokens[i]!.digitStart, true, false);
        i += 2;
      }
    }
  },
};
