/**
 * IE_PPSN: Irish Personal Public Service numbers: seven digits, a check letter and an optional
 * second letter ("1234567T", "1234567TA"; old numbers of married women end in "W"), typed or
 * spelled out in a call ("one two three four five six seven t a").
 *
 * The check letter is mod 23: the digits weighted 8..2, plus 9 times the second letter's value
 * (A=1 ... W=0); remainder 0 is W, otherwise A=1 ... V=22.
 *
 * One random seven-digit-and-letter string in 23 passes the check, so an upper-case value
 * without context scores 0.7 (kept, but below checksum-strong types); a context word raises it to
 * 0.95. Lower case and spelled-out values need context.
 */
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import { letterAfter } from './spoken-letters.js';

export const PPSN_CONTEXT = [
  'pps',
  'ppsn',
  'personal public service',
  'public service number',
  'social welfare',
  'revenue number',
] as const;

const SCORE_UPPER = 0.7;
const SCORE_CONTEXT = 0.95;
const SCORE_SPOKEN = 0.9;
const SCORE_WEAK = 0.3;

/** Seven digits, an optional space or hyphen, the check letter, an optional second letter. */
const PPSN_RE = /(?<![A-Za-z0-9])(\d{7})[ -]?([A-Wa-w])([A-Za-z])?(?![A-Za-z0-9])/g;

/** The check letter for seven digits and an optional (upper-case) second letter. */
export function ppsnCheckLetter(digits: string, second = ''): string {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (digits.charCodeAt(i) - 48) * (8 - i);
  if (second !== '' && second !== 'W') sum += 9 * (second.charCodeAt(0) - 64);
  const r = sum % 23;
  return r === 0 ? 'W' : String.fromCharCode(64 + r);
}

/** A whole PPSN ("1234567TA", upper case, no spaces). */
export function isValidPpsn(value: string): boolean {
  if (!/^\d{7}[A-W][A-Z]?$/.test(value)) return false;
  return ppsnCheckLetter(value.slice(0, 7), value.slice(8)) === value[7];
}

function typed(view: TextView, out: Finding[]): void {
  const text = view.text;
  PPSN_RE.lastIndex = 0;
  let m = PPSN_RE.exec(text);
  while (m !== null) {
    const letters = `${m[2]}${m[3] ?? ''}`;
    const value = `${m[1]}${letters}`.toUpperCase();
    if (isValidPpsn(value)) {
      const start = m.index;
      const end = start + m[0].length;
      const upper = letters === letters.toUpperCase();
      const context = view.hasContext(start, end, PPSN_CONTEXT, 80, 40);
      const score = context ? SCORE_CONTEXT : upper ? SCORE_UPPER : SCORE_WEAK;
      out.push({ type: 'IE_PPSN', start, end, score, recognizer: 'ie-ppsn', normalized: value });
    }
    m = PPSN_RE.exec(text);
  }
}

function spoken(view: TextView, out: Finding[]): void {
  const lower = view.lower;
  for (const span of view.numberSpans) {
    if (span.digits.length !== 7 || !span.spoken) continue;
    const check = letterAfter(lower, span.end);
    if (!check) continue;
    const second = letterAfter(lower, check.end);
    let value = `${span.digits}${check.letter}`.toUpperCase();
    let end = check.end;
    if (second && isValidPpsn(`${value}${second.letter.toUpperCase()}`)) {
      value += second.letter.toUpperCase();
      end = second.end;
    } else if (!isValidPpsn(value)) {
      continue;
    }
    if (!view.hasContext(span.start, end, PPSN_CONTEXT, 120, 40)) continue;
    out.push({
      type: 'IE_PPSN',
      start: span.start,
      end,
      score: SCORE_SPOKEN,
      recognizer: 'ie-ppsn',
      spoken: true,
      normalized: value,
    });
  }
}

export const iePpsnRecognizer: Recognizer = {
  name: 'ie-ppsn',
  types: ['IE_PPSN'],
  analyze(view: TextView, out: Finding[]): void {
    if (view.hasDigit) typed(view, out);
    spoken(view, out);
  },
};
