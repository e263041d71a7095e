/**
 * UK_NINO: UK National Insurance numbers, "AB123456C" or "AB 12 34 56 C", and spelled out in a
 * call ("a b one two three four five six c", "alpha bravo ...").
 *
 * HMRC allocation rules: the first letter is not D, F, I, Q, U or V; the second is not D, F, I,
 * O, Q, U or V; the prefixes BG, GB, KN, NK, NT, TN and ZZ are never allocated; the suffix is A-D.
 * (HMRC's own example "QQ 12 34 56 C" fails these rules on purpose.)
 *
 * Upper-case values validate on their own (0.85, 0.95 with context). Lower or mixed case is
 * ordinary text too often ("ab123456c" in a URL), so it needs a context word; so does a value
 * without the suffix letter (older systems store NINOs without it) and a spelled-out one.
 */
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import { letterAfter, letterBefore } from './spoken-letters.js';

export const NINO_CONTEXT = [
  'national insurance',
  'insurance number',
  'insurance no',
  'ni number',
  'ni no',
  'ni#',
  'n.i.',
  'nino',
  'nin:',
  'nin ',
  'ni:',
  'ni ',
] as const;

const SCORE_UPPER = 0.85;
const SCORE_CONTEXT = 0.95;
const SCORE_SPOKEN = 0.9;
const SCORE_WEAK = 0.3;

const BAD_FIRST = 'DFIQUV';
const BAD_SECOND = 'DFIOQUV';
const BAD_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/**
 * Two letters, three pairs of digits, an optional suffix; a single space or hyphen may sit between
 * the parts. Every quantifier is bounded, so a match attempt costs a constant.
 */
const NINO_RE =
  /(?<![A-Za-z0-9])([A-Za-z]{2})[ -]?(\d{2})[ -]?(\d{2})[ -]?(\d{2})(?:[ -]?([A-Da-d]))?(?![A-Za-z0-9])/g;

/** HMRC's prefix rules (letters upper case). */
export function isValidNinoPrefix(prefix: string): boolean {
  if (prefix.length !== 2) return false;
  const a = prefix[0]!;
  const b = prefix[1]!;
  if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return false;
  return !BAD_FIRST.includes(a) && !BAD_SECOND.includes(b) && !BAD_PREFIXES.has(prefix);
}

/** A whole NINO, "AB123456C" (spaces removed, upper case). The suffix may be absent. */
export function isValidNino(value: string): boolean {
  return /^[A-Z]{2}\d{6}[A-D]?$/.test(value) && isValidNinoPrefix(value.slice(0, 2));
}

function typed(view: TextView, out: Finding[]): void {
  const text = view.text;
  NINO_RE.lastIndex = 0;
  let m = NINO_RE.exec(text);
  while (m !== null) {
    const prefix = m[1]!;
    const suffix = m[5];
    const value = `${prefix}${m[2]}${m[3]}${m[4]}${suffix ?? ''}`.toUpperCase();
    const start = m.index;
    const end = start + m[0].length;
    if (isValidNino(value)) {
      const upper =
        prefix === prefix.toUpperCase() && (suffix === undefined || suffix === suffix.toUpperCase());
      const context = view.hasContext(start, end, NINO_CONTEXT, 80, 40);
      let score = context ? SCORE_CONTEXT : upper ? SCORE_UPPER : SCORE_WEAK;
      if (suffix === undefined && !context) score = SCORE_WEAK;
      out.push({ type: 'UK_NINO', start, end, score, recognizer: 'uk-nino', normalized: value });
    }
    m = NINO_RE.exec(text);
  }
}

/** "a b one two three four five six c": two spelled letters, six spoken digits, a spelled suffix. */
function spoken(view: TextView, out: Finding[]): void {
  const lower = view.lower;
  for (const span of view.numberSpans) {
    if (span.digits.length !== 6 || !span.spoken) continue;
    const second = letterBefore(lower, span.start);
    const first = second ? letterBefore(lower, second.start) : null;
    if (!first || !second) continue;
    const after = letterAfter(lower, span.end);
    const suffix = after && 'abcd'.includes(after.letter) ? after : null;
    const value = `${first.letter}${second.letter}${span.digits}${suffix?.letter ?? ''}`.toUpperCase();
    if (!isValidNino(value)) continue;
    const end = suffix ? suffix.end : span.end;
    const start = first.start;
    if (!view.hasContext(start, end, NINO_CONTEXT, 120, 40)) continue;
    out.push({
      type: 'UK_NINO',
      start,
      end,
      score: SCORE_SPOKEN,
      recognizer: 'uk-nino',
      spoken: true,
      normalized: value,
    });
  }
}

export const ukNinoRecognizer: Recognizer = {
  name: 'uk-nino',
  types: ['UK_NINO'],
  analyze(view: TextView, out: Finding[]): void {
    if (view.hasDigit) typed(view, out);
    spoken(view, out);
  },
};
