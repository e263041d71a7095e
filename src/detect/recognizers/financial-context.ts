/**
 * Context helpers shared by the financial recognizers (card expiry, CVV, IBAN, routing and bank
 * numbers, sort codes): label look-ups that also see the previous turns, "nearest label wins"
 * decisions, and the card numbers of a text computed once per view.
 *
 * `TextView.hasContext` matches word starts only, which is right for "card"/"cards" but wrong for
 * short labels: "aba" would match "abandon", "exp" "expensive", "wire" "wireless". A vocabulary
 * here has prefix words (start boundary only) and exact words (both boundaries).
 */
import type { NumberSpan } from '../numbers.js';
import type { Finding } from '../types.js';
import { isWordChar, type TextView } from '../view.js';
import { creditCardRecognizer } from './credit-card.js';

export interface Vocabulary {
  /** Match at a word start: "checking" also matches "checking's". */
  readonly prefix: readonly string[];
  /** Match a whole word: "aba" does not match "abandon". */
  readonly exact: readonly string[];
}

/** The lower-cased text within `before` characters before `start`, continuing into prior turns. */
export function textBefore(view: TextView, start: number, before: number): string {
  const from = start - before;
  const own = view.lower.slice(Math.max(0, from), start);
  if (from >= 0 || view.priorContext === '') return own;
  const prior = view.priorContext;
  return prior.slice(Math.max(0, prior.length + from)) + own;
}

/** The lower-cased text within `after` characters after `end`. */
export function textAfter(view: TextView, end: number, after: number): string {
  return view.lower.slice(end, Math.min(view.lower.length, end + after));
}

function startsWord(hay: string, i: number): boolean {
  return i === 0 || !isWordChar(hay.charCodeAt(i - 1));
}

function endsWord(hay: string, end: number): boolean {
  return end >= hay.length || !isWordChar(hay.charCodeAt(end));
}

/**
 * Characters between the end of the last occurrence of a word of `vocab` in `hay` and the end of
 * `hay`, or -1 when there is none.
 */
export function distanceFromEnd(hay: string, vocab: Vocabulary): number {
  let best = -1;
  const consider = (word: string, exact: boolean): void => {
    let i = hay.lastIndexOf(word);
    while (i !== -1) {
      if (startsWord(hay, i) && (!exact || endsWord(hay, i + word.length))) {
        const d = hay.length - (i + word.length);
        if (best === -1 || d < best) best = d;
        return;
      }
      i = i === 0 ? -1 : hay.lastIndexOf(word, i - 1);
    }
  };
  for (const w of vocab.prefix) consider(w, false);
  for (const w of vocab.exact) consider(w, true);
  return best;
}

/** Characters between the start of `hay` and the first occurrence of a word of `vocab`, or -1. */
export function distanceFromStart(hay: string, vocab: Vocabulary): number {
  let best = -1;
  const consider = (word: string, exact: boolean): void => {
    let i = hay.indexOf(word);
    while (i !== -1) {
      if (startsWord(hay, i) && (!exact || endsWord(hay, i + word.length))) {
        if (best === -1 || i < best) best = i;
        return;
      }
      i = hay.indexOf(word, i + 1);
    }
  };
  for (const w of vocab.prefix) consider(w, false);
  for (const w of vocab.exact) consider(w, true);
  return best;
}

/** A word of `vocab` within `before` characters before `start` or `after` characters after `end`. */
export function near(
  view: TextView,
  start: number,
  end: number,
  vocab: Vocabulary,
  before = 80,
  after = 40,
): boolean {
  return (
    distanceFromEnd(textBefore(view, start, before), vocab) !== -1 ||
    (after > 0 && distanceFromStart(textAfter(view, end, after), vocab) !== -1)
  );
}

/**
 * Which of several label vocabularies names the value at [start, end): the nearest label before it
 * (within `before` characters), else the nearest after it (within `after`). -1 when none. In
 * "routing 011000015, account 12345678" the account number's nearest label is "account", even
 * though "routing" is also within reach.
 */
export function nearestLabel(
  view: TextView,
  start: number,
  end: number,
  vocabs: readonly Vocabulary[],
  before = 60,
  after = 30,
): number {
  const left = textBefore(view, start, before);
  let best = -1;
  let bestD = Number.POSITIVE_INFINITY;
  for (let k = 0; k < vocabs.length; k++) {
    const d = distanceFromEnd(left, vocabs[k]!);
    if (d !== -1 && d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (best !== -1 || after <= 0) return best;
  const right = textAfter(view, end, after);
  for (let k = 0; k < vocabs.length; k++) {
    const d = distanceFromStart(right, vocabs[k]!);
    if (d !== -1 && d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

/** True when a typed or spoken number lies within [from, to) of the text, other than in `skip`. */
export function numberBetween(
  view: TextView,
  from: number,
  to: number,
  skip: readonly { start: number; end: number }[] = [],
): boolean {
  if (to <= from) return false;
  for (const span of view.numberSpans) {
    if (span.start >= to) break;
    if (span.end <= from) continue;
    for (const t of span.tokens) {
      if (t.start < from || t.end > to) continue;
      if (!skip.some((s) => t.start >= s.start && t.end <= s.end)) return true;
    }
  }
  return false;
}

/** Words that mean the number is about money, not an account ("$1500", "1500 dollars"). */
const MONEY_BEFORE_RE = /[$£€¥]\s?$/;
const MONEY_AFTER_RE = /^(?:\.\d|\s?(?:dollars?|bucks|pounds?|quid|euros?|cents?|pence|usd|gbp|eur|k\b|%))/;

export function looksLikeMoney(view: TextView, start: number, end: number): boolean {
  return (
    MONEY_BEFORE_RE.test(view.text.slice(Math.max(0, start - 2), start)) ||
    MONEY_AFTER_RE.test(view.lower.slice(end, end + 9))
  );
}

const cardCache = new WeakMap<TextView, Finding[]>();

/**
 * The card numbers of a view (score >= 0.5), computed once per view and shared by the expiry and
 * CVV recognizers, which must neither eat a card's groups nor miss "card, then expiry, then code".
 * A WeakMap keyed by the view keeps the recognizers stateless: the entry dies with the view.
 */
export function cardsOf(view: TextView): Finding[] {
  let cards = cardCache.get(view);
  if (cards === undefined) {
    cards = [];
    if (view.numberSpans.some((s) => s.digits.length >= 12)) {
      const raw: Finding[] = [];
      creditCardRecognizer.analyze(view, raw);
      for (const f of raw) if (f.score >= 0.5) cards.push(f);
    }
    cardCache.set(view, cards);
  }
  return cards;
}

/** Labels of a US routing number. Short ones are exact words ("aba" is not "abandon"). */
export const ROUTING_VOCAB: Vocabulary = {
  prefix: ['routing', 'transit number', 'transit no', 'abartn', 'aba number', 'wire transfer', 'wiring'],
  exact: ['aba', 'rtn', 'wire', 'wired', 'ach'],
};

/** Labels of a bank account number ("account number" alone is also a customer's account id). */
export const ACCOUNT_VOCAB: Vocabulary = {
  prefix: [
    'account number',
    'account no',
    'account num',
    'account #',
    'bank account',
    'checking',
    'chequing',
    'savings',
    'acct',
    'a/c',
    'acc no',
    'acc. no',
    'acc number',
  ],
  exact: [],
};

/** Words that make an account number a bank account's, not a shop's customer account id. */
export const BANK_VOCAB: Vocabulary = {
  prefix: [
    'bank',
    'checking',
    'chequing',
    'savings',
    'routing',
    'sort code',
    'sort-code',
    'sortcode',
    'direct debit',
    'direct deposit',
    'credit union',
    'iban',
    'wire',
  ],
  exact: ['ach', 'aba', 'acct'],
};

export const SORT_CODE_VOCAB: Vocabulary = {
  prefix: ['sort code', 'sort-code', 'sortcode', 'sorting code'],
  exact: [],
};

/** Labels that say a number is something else (an order, a phone, a postcode, an id). */
export const OTHER_NUMBER_VOCAB: Vocabulary = {
  prefix: [
    'order',
    'tracking',
    'invoice',
    'reference',
    'ticket',
    'case number',
    'sku',
    'serial',
    'part number',
    'confirmation',
    'booking',
    'reservation',
    'phone',
    'mobile',
    'call me',
    'call you',
    'extension',
    'zip',
    'postcode',
    'post code',
    'postal code',
    'social security',
    'ssn',
    'customer number',
    'customer id',
    'member number',
    'membership',
    'policy number',
    'passcode',
    'password',
  ],
  exact: ['ref', 'pin', 'otp', 'ext', 'po'],
};

/** A run of whole tokens [from, to) of a span, as a candidate value. */
export interface NumberWindow {
  from: number;
  to: number;
  digits: string;
  start: number;
  end: number;
  spoken: boolean;
}

export function windowOf(span: NumberSpan, from: number, to: number): NumberWindow {
  let spoken = false;
  for (let k = from; k < to; k++) if (span.tokens[k]!.spoken) spoken = true;
  return {
    from,
    to,
    digits: span.digits.slice(span.tokens[from]!.digitStart, span.tokens[to - 1]!.digitEnd),
    start: span.tokens[from]!.start,
    end: span.tokens[to - 1]!.end,
    spoken,
  };
}

/** The trimmed separator of a typed gap: " ", "-", "." or "/" when it is alone, else null. */
export function separatorOf(gap: string): string | null {
  if (gap.length === 0 || gap.length > 3) return null;
  const t = gap.trim();
  if (t === '') return ' ';
  if (t === '-' || t === '\u2010' || t === '\u2011' || t === '\u2013') return '-';
  return t === '.' || t === '/' ? t : null;
}

/**
 * A typed token standing alone as a number: not a piece of a dashed, dotted or slashed compound
 * ("1-800-...", "12.50", "2024/01") on either side.
 */
export function typedTokenAlone(span: NumberSpan, k: number): boolean {
  const t = span.tokens[k]!;
  if (t.spoken) return false;
  const before = k > 0 ? separatorOf(t.gapBefore) : null;
  const next = span.tokens[k + 1];
  const after = next ? separatorOf(next.gapBefore) : null;
  return (before === null || before === ' ') && (after === null || after === ' ');
}
