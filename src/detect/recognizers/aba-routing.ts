/**
 * ABA_ROUTING_NUMBER: US bank routing (ABA transit) numbers, typed or spoken. Nine digits whose
 * first two are a Federal Reserve routing symbol (00-12 banks, 21-32 thrifts, 61-72 electronic,
 * 80 traveller's cheques) and whose ABA check digit holds: 3·(d1+d4+d7) + 7·(d2+d5+d8) +
 * (d3+d6+d9) ≡ 0 (mod 10).
 *
 * About one nine-digit number in twenty-five passes both checks, and nine digits are also SSNs
 * without dashes, zip+4 codes and pieces of phone numbers, so a valid number alone stays at 0.4
 * (dropped by default) and gets 0.95 with a routing word near ("routing", "ABA", "RTN", "transit
 * number", "wire"). Candidates: one typed nine-digit group standing alone, or a whole number span
 * of nine digits read in groups or spoken ("zero one one, zero zero zero, zero one five"); never
 * the 3-2-4 shape of an SSN.
 */
import { abaChecksumValid } from '../checksums.js';
import type { NumberSpan } from '../numbers.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import {
  labelledAsAccount,
  type NumberWindow,
  near,
  ROUTING_VOCAB,
  separatorOf,
  typedTokenAlone,
  windowOf,
} from './financial-context.js';

const SCORE_CONTEXT = 0.95;
const SCORE_NO_CONTEXT = 0.4;

/** Routing symbol prefixes assigned by the Federal Reserve. */
export function validRoutingPrefix(digits: string): boolean {
  const p = Number(digits.slice(0, 2));
  return p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80;
}

export function isRoutingNumber(digits: string): boolean {
  return digits.length === 9 && validRoutingPrefix(digits) && abaChecksumValid(digits);
}

/** The nine-digit windows of a span: a lone typed group, or the whole span read in groups. */
function windows(span: NumberSpan): NumberWindow[] {
  const out: NumberWindow[] = [];
  const n = span.tokens.length;
  if (n > 1 && span.digits.length === 9) {
    const sizes = span.tokens.map((t) => t.digitEnd - t.digitStart);
    const ssnShape = !span.spoken && n === 3 && sizes[0] === 3 && sizes[1] === 2 && sizes[2] === 4;
    const typedOk =
      span.spoken ||
      span.tokens.every((t, k) => {
        const sep = k === 0 ? ' ' : separatorOf(t.gapBefore);
        return sep === ' ' || sep === '-';
      });
    if (!ssnShape && typedOk) out.push(windowOf(span, 0, n));
    return out;
  }
  for (let k = 0; k < n; k++) {
    const t = span.tokens[k]!;
    if (t.digitEnd - t.digitStart === 9 && typedTokenAlone(span, k)) out.push(windowOf(span, k, k + 1));
  }
  return out;
}

export const abaRoutingRecognizer: Recognizer = {
  name: 'aba-routing',
  types: ['ABA_ROUTING_NUMBER'],
  analyze(view: TextView, out: Finding[]): void {
    for (const span of view.numberSpans) {
      if (span.digits.length < 9) continue;
      for (const w of windows(span)) {
        if (!isRoutingNumber(w.digits)) continue;
        const routing =
          near(view, w.start, w.end, ROUTING_VOCAB, 80, 40) && !labelledAsAccount(view, w.start);
        const score = routing ? SCORE_CONTEXT : SCORE_NO_CONTEXT;
        out.push({
          type: 'ABA_ROUTING_NUMBER',
          start: w.start,
          end: w.end,
          score,
          recognizer: this.name,
          spoken: w.spoken,
          normalized: w.digits,
        });
      }
    }
  },
};
