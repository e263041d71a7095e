/**
 * US_BANK_NUMBER: US bank account numbers, typed or spoken. They have no structure and no check
 * digit (4 to 17 digits by bank), so only an account label makes them one: "account number",
 * "account no", "acct", "checking", "savings", "bank account", or "account" alone with a banking
 * word near ("routing 011000015, account 12345678").
 *
 * Scores: 0.9 when a banking word is near as well ("bank", "checking", "routing", "sort code"),
 * 0.85 on "account number" alone, which at a shop may also mean the customer's own account id.
 * A number without a label would score 0.3, below any useful threshold, so it is not emitted at
 * all: a text that never names an account costs one check.
 *
 * Not an account: a number whose nearest label is another one ("order", "phone", "zip", "sort
 * code"), a valid card number (the card recognizer's), a valid routing number near a routing word
 * (the routing recognizer's), money ("$1500", "1500 dollars"), a year after a date preposition
 * ("savings since 2019"). Short values (4-7 digits) need the label close before them ("checking
 * account ending in 4321").
 *
 * A UK account number ("sort code 12-34-56, account number 12345678") is reported as this type
 * too: there is no UK account type, and an unredacted account number would be the worse outcome.
 */
import type { NumberSpan } from '../numbers.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import { isRoutingNumber } from './aba-routing.js';
import { isCardNumber } from './credit-card.js';
import { daysIn } from './date-of-birth.js';
import {
  ACCOUNT_VOCAB,
  BANK_VOCAB,
  distanceFromEnd,
  labelledAsAccount,
  lastEndingBy,
  looksLikeMoney,
  mayMention,
  type NumberWindow,
  near,
  nearestTarget,
  OTHER_NUMBER_VOCAB,
  ROUTING_VOCAB,
  SORT_CODE_VOCAB,
  separatorOf,
  textBefore,
  typedTokenAlone,
  vocabulary,
  windowOf,
} from './financial-context.js';

const MIN_DIGITS = 4;
const MAX_DIGITS = 17;
const SCORE_BANK_CONTEXT = 0.9;
const SCORE_ACCOUNT_LABEL = 0.85;
/** Values shorter than this need their label close before them. */
const LONG_DIGITS = 8;

/** "account" alone labels a bank account only with a banking word near ("routing 011000015, account 12345678"). */
const ACCOUNT_WORD = vocabulary({ prefix: ['account'], exact: [] });

/**
 * Competing labels: the nearest decides. Routing words are not among them ("account and routing
 * numbers: 12345678 and 011000015"); a routing number is told apart by its check digit instead.
 */
const ACCOUNT_LABELS = [ACCOUNT_VOCAB, ACCOUNT_WORD] as const;
const OTHER_LABELS = [OTHER_NUMBER_VOCAB, SORT_CODE_VOCAB] as const;
/** Index of "account" alone in ACCOUNT_LABELS. */
const WEAK = 1;
/** How far before a short value (4-7 digits) its label may stand. */
const SHORT_LABEL_DISTANCE = 32;
/** "savings since 2019": a date preposition right before a year-like value. */
const DATE_PREPOSITION_RE = /(?:^|[^a-z])(?:in|on|since|from|of|by|until|till|before|after)\s{1,3}$/;

/** The whole span when its groups are read as one number, else each lone typed group. */
function windows(span: NumberSpan): NumberWindow[] {
  const n = span.tokens.length;
  const len = span.digits.length;
  if (n > 1 && len >= MIN_DIGITS && len <= MAX_DIGITS) {
    let sep: string | null | undefined;
    let uniform = true;
    for (let k = 1; k < n && !span.spoken; k++) {
      const s = separatorOf(span.tokens[k]!.gapBefore);
      if (s !== ' ' && s !== '-') uniform = false;
      else if (sep === undefined) sep = s;
      else if (sep !== s) uniform = false;
    }
    if (span.spoken || uniform) return [windowOf(span, 0, n)];
  }
  const out: NumberWindow[] = [];
  for (let k = 0; k < n; k++) {
    const t = span.tokens[k]!;
    const size = t.digitEnd - t.digitStart;
    if (size >= MIN_DIGITS && size <= MAX_DIGITS && typedTokenAlone(span, k))
      out.push(windowOf(span, k, k + 1));
  }
  return out;
}

/**
 * A typed ISO date ("1935-11-03", "1985/03/02"): four, two and two digits, one separator, a real
 * month and day of a year 1900-2099. Bank account numbers are not written that way.
 */
function isIsoDate(span: NumberSpan, w: NumberWindow): boolean {
  if (w.spoken || w.to - w.from !== 3) return false;
  const t = span.tokens;
  const sizes = [0, 1, 2].map((k) => t[w.from + k]!.digitEnd - t[w.from + k]!.digitStart);
  if (sizes[0] !== 4 || sizes[1] !== 2 || sizes[2] !== 2) return false;
  const sep = t[w.from + 1]!.gapBefore;
  if ((sep !== '-' && sep !== '/' && sep !== '.') || t[w.from + 2]!.gapBefore !== sep) return false;
  const y = Number(w.digits.slice(0, 4));
  const m = Number(w.digits.slice(4, 6));
  const d = Number(w.digits.slice(6, 8));
  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

function isYearLike(digits: string): boolean {
  return digits.length === 4 && (digits.startsWith('19') || digits.startsWith('20'));
}

/** A line break, or the end of a sentence before more text. */
const BREAK_RE = /\n|[.!?]\s/;

/**
 * A label names the value that follows it. When a number of account length already stands
 * between the label and this value, and this value comes after a line break or the end of a
 * sentence, the label was that number's: "checking account number 36961740617.\n\nThanks,\nRyan
 * Adeyemi\n213-555-0168" labels no phone number in the signature. Two numbers in one sentence
 * ("accounts 12345678 and 87654321") both keep the label.
 */
function labelUsed(view: TextView, start: number, labelDistance: number): boolean {
  const labelEnd = start - labelDistance;
  const prev = lastEndingBy(view.numberSpans, start);
  if (!prev || prev.start < labelEnd || prev.digits.length < MIN_DIGITS) return false;
  return BREAK_RE.test(view.text.slice(prev.end, start));
}

function scoreOf(view: TextView, w: NumberWindow): number {
  const digits = w.digits;
  if (isCardNumber(digits) || looksLikeMoney(view, w.start, w.end)) return 0;
  const short = digits.length < LONG_DIGITS;
  const label = nearestTarget(
    view,
    w.start,
    w.end,
    ACCOUNT_LABELS,
    OTHER_LABELS,
    short ? SHORT_LABEL_DISTANCE : 60,
    short ? 0 : 30,
  );
  if (label === -1) return 0;
  const distance = distanceFromEnd(
    textBefore(view, w.start, short ? SHORT_LABEL_DISTANCE : 60),
    ACCOUNT_LABELS[label]!,
  );
  if (distance !== -1 && labelUsed(view, w.start, distance)) return 0;
  if (isYearLike(digits) && DATE_PREPOSITION_RE.test(textBefore(view, w.start, 12))) return 0;
  if (
    isRoutingNumber(digits) &&
    near(view, w.start, w.end, ROUTING_VOCAB, 80, 40) &&
    !labelledAsAccount(view, w.start)
  )
    return 0;
  const bank = near(view, w.start, w.end, BANK_VOCAB, 80, 40);
  if (label === WEAK && !bank) return 0;
  return bank ? SCORE_BANK_CONTEXT : SCORE_ACCOUNT_LABEL;
}

export const usBankNumberRecognizer: Recognizer = {
  name: 'us-bank-number',
  types: ['US_BANK_NUMBER'],
  analyze(view: TextView, out: Finding[]): void {
    if (view.numberSpans.length === 0) return;
    // No account word anywhere (this turn or the tail of the previous ones): nothing to label.
    if (!mayMention(view, ACCOUNT_VOCAB, true) && !mayMention(view, ACCOUNT_WORD, true)) return;
    for (const span of view.numberSpans) {
      if (span.digits.length < MIN_DIGITS) continue;
      for (const w of windows(span)) {
        if (isIsoDate(span, w)) continue;
        const score = scoreOf(view, w);
        if (score === 0) continue;
        out.push({
          type: 'US_BANK_NUMBER',
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
