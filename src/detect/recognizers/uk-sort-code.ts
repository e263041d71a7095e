/**
 * UK_SORT_CODE: the six-digit bank branch code of a UK account, typed "12-34-56", "12 34 56" or
 * "123456", or spoken ("one two, three four, five six", "twelve thirty four fifty six").
 *
 * Six digits are anything (a date, an order, part of a phone number), so a sort code needs its
 * label: "sort code", "sort-code", "sortcode" (0.95), and the nearest label must not be another
 * one ("sort code to follow, order 123456"). One exception: the dashed nn-nn-nn form next to an
 * eight-digit typed number is how UK bank details are written ("40-47-84 12345678"), 0.85.
 * Nothing is reported for the account number itself here: there is no UK account type (the US
 * bank number recognizer reports a labelled one).
 *
 * Candidates are whole tokens: one lone six-digit group, three two-digit groups joined by one
 * separator (not extended by a fourth: "12-34-56-78" is not a sort code), or a spoken span of six
 * digits; after a label right before it, the first six digits of a longer spoken span.
 */
import type { NumberSpan } from '../numbers.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import {
  ACCOUNT_VOCAB,
  distanceFromEnd,
  firstSpanEndingAfter,
  firstTokenEndingAfter,
  mayMention,
  type NumberWindow,
  nearestLabel,
  numberBetween,
  OTHER_NUMBER_VOCAB,
  ROUTING_VOCAB,
  SORT_CODE_VOCAB,
  separatorOf,
  textBefore,
  typedTokenAlone,
  windowOf,
} from './financial-context.js';

const SCORE_LABEL = 0.95;
const SCORE_NEXT_TO_ACCOUNT = 0.85;
/** Sort code and account number written together: at most this many characters apart. */
const ACCOUNT_GAP = 24;

const LABELS = [SORT_CODE_VOCAB, OTHER_NUMBER_VOCAB, ROUTING_VOCAB, ACCOUNT_VOCAB] as const;

interface Candidate extends NumberWindow {
  dashed: boolean;
}

function size(span: NumberSpan, k: number): number {
  const t = span.tokens[k]!;
  return t.digitEnd - t.digitStart;
}

function candidates(view: TextView, span: NumberSpan): Candidate[] {
  const out: Candidate[] = [];
  const n = span.tokens.length;
  if (span.spoken) {
    if (span.digits.length === 6) out.push({ ...windowOf(span, 0, n), dashed: false });
    else if (span.digits.length > 6 && labelRightBefore(view, span.start)) {
      // "sort code one two three four five six, one two three four five six seven eight"
      for (let k = 0; k < n; k++) {
        const got = span.tokens[k]!.digitEnd - span.tokens[0]!.digitStart;
        if (got === 6) out.push({ ...windowOf(span, 0, k + 1), dashed: false });
        if (got >= 6) break;
      }
    }
    return out;
  }
  for (let k = 0; k < n; k++) {
    if (size(span, k) === 6 && typedTokenAlone(span, k)) {
      out.push({ ...windowOf(span, k, k + 1), dashed: false });
      continue;
    }
    if (k + 2 >= n || size(span, k) !== 2 || size(span, k + 1) !== 2 || size(span, k + 2) !== 2) continue;
    const sep = separatorOf(span.tokens[k + 1]!.gapBefore);
    if ((sep !== '-' && sep !== ' ') || separatorOf(span.tokens[k + 2]!.gapBefore) !== sep) continue;
    // Not three groups out of a longer run joined the same way ("12-34-56-78", "01 23 45 67").
    const joined = (j: number): boolean => {
      const t = span.tokens[j];
      return t !== undefined && size(span, j) <= 4 && separatorOf(t.gapBefore) === sep;
    };
    if ((k > 0 && joined(k) && size(span, k - 1) <= 4) || joined(k + 3)) continue;
    out.push({ ...windowOf(span, k, k + 3), dashed: sep === '-' });
    k += 2;
  }
  return out;
}

function labelRightBefore(view: TextView, start: number): boolean {
  if (!mayMention(view, SORT_CODE_VOCAB)) return false;
  const d = distanceFromEnd(textBefore(view, start, 40), SORT_CODE_VOCAB);
  return d !== -1 && d <= 16;
}

/** An eight-digit typed group (a UK account number) right before or after the candidate. */
function nextToAccountNumber(view: TextView, c: Candidate): boolean {
  const spans = view.numberSpans;
  for (let s = firstSpanEndingAfter(view, c.start - ACCOUNT_GAP); s < spans.length; s++) {
    const span = spans[s]!;
    if (span.start > c.end + ACCOUNT_GAP) break;
    for (let k = firstTokenEndingAfter(span, c.start - ACCOUNT_GAP); k < span.tokens.length; k++) {
      const t = span.tokens[k]!;
      if (t.start > c.end + ACCOUNT_GAP) break;
      if (t.spoken || size(span, k) !== 8 || !typedTokenAlone(span, k)) continue;
      if (t.start >= c.end && t.start - c.end <= ACCOUNT_GAP && !numberBetween(view, c.end, t.start))
        return true;
      if (t.end <= c.start && c.start - t.end <= ACCOUNT_GAP && !numberBetween(view, t.end, c.start))
        return true;
    }
  }
  return false;
}

function scoreOf(view: TextView, c: Candidate, words: boolean): number {
  if (!words) {
    if (!c.dashed || !nextToAccountNumber(view, c)) return 0;
    return nearestLabel(view, c.start, c.end, [OTHER_NUMBER_VOCAB, ROUTING_VOCAB], 60, 30) === -1
      ? SCORE_NEXT_TO_ACCOUNT
      : 0;
  }
  const label = nearestLabel(view, c.start, c.end, LABELS, 60, 30);
  // An account label may sit between ("sort code and account number: 12-34-56 12345678").
  if (label === 0 || (label === 3 && nearestLabel(view, c.start, c.end, [SORT_CODE_VOCAB], 80, 30) === 0))
    return SCORE_LABEL;
  if (label === 1 || label === 2) return 0;
  return c.dashed && nextToAccountNumber(view, c) ? SCORE_NEXT_TO_ACCOUNT : 0;
}

export const ukSortCodeRecognizer: Recognizer = {
  name: 'uk-sort-code',
  types: ['UK_SORT_CODE'],
  analyze(view: TextView, out: Finding[]): void {
    for (const span of view.numberSpans) {
      if (span.digits.length < 6) continue;
      for (const c of candidates(view, span)) {
        const score = scoreOf(view, c, mayMention(view, SORT_CODE_VOCAB));
        if (score === 0) continue;
        out.push({
          type: 'UK_SORT_CODE',
          start: c.start,
          end: c.end,
          score,
          recognizer: this.name,
          spoken: c.spoken,
          normalized: c.digits,
        });
      }
    }
  },
};
