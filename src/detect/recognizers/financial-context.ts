/**
 * Context helpers shared by the financial recognizers (card expiry, CVV, IBAN, routing and bank
 * numbers, sort codes): label look-ups that also see the previous turns, "nearest label wins"
 * decisions, and the card numbers of a text computed once per view.
 *
 * `TextView.hasContext` matches word starts only, which is right for "card"/"cards" but wrong for
 * short labels: "aba" would match "abandon", "exp" "expensive", "wire" "wireless". A vocabulary
 * here has prefix words (start boundary only) and exact words (both boundaries).
 *
 * Speed: every look-up goes through `mayMention`, a per-text gate on a few selective stems of the
 * vocabulary, cached in `TextView.memo`; the positions of spans, tokens, cards and expiries are
 * found by binary search. No look-up scans the whole text per candidate, so dense adversarial
 * input stays linear, and a turn that never says "cvv", "sort code" or "account" pays one check.
 */
import type { ConversationText } from '../conversation.js';
import type { NumberSpan } from '../numbers.js';
import { DetectError, type Finding } from '../types.js';
import { escapeRegExp, isWordChar, type TextView } from '../view.js';
import { cardFindings } from './credit-card.js';

export interface Vocabulary {
  /** Match at a word start: "checking" also matches "checking's". */
  readonly prefix: readonly string[];
  /** Match a whole word: "aba" does not match "abandon". */
  readonly exact: readonly string[];
  /**
   * Substrings of the words: a text holding none of them holds none of the words. A few selective
   * stems ("cv", "secur", "digit") make the per-view gate cheap; common ones ("card", "code")
   * would let every turn through.
   */
  readonly stems: readonly string[];
  /**
   * Instead of stems, a precise test for "a word of this vocabulary may be here" (linear, no
   * flags): "cid" as a stem would let through every "decided", "exp" every "expect".
   */
  readonly gate?: RegExp;
  /**
   * The test a turn's text is put to: `gate`, or one alternation of the stems (a regex of
   * literals scans a text once; a loop of `includes` scans it once per stem, four to five times
   * slower with thirty stems).
   */
  readonly presence: RegExp;
  /** Bit of this vocabulary in the per-view presence cache. */
  readonly bit: number;
}

let vocabularies = 0;

/**
 * Builds a vocabulary. Without `stems`, the words themselves are the stems (a word containing
 * another is dropped). Every word must contain one of the stems, or the gate would hide it.
 */
export function vocabulary(words: {
  prefix: readonly string[];
  exact: readonly string[];
  stems?: readonly string[];
  gate?: RegExp;
}): Vocabulary {
  const all = [...words.prefix, ...words.exact];
  const stems = words.stems ?? [...new Set(all)].filter((a) => !all.some((b) => b !== a && a.includes(b)));
  const gate = words.gate;
  const missed = all.find((w) => (gate ? !gate.test(w) : !stems.some((st) => w.includes(st))));
  if (missed !== undefined) {
    throw new DetectError('E_VOCABULARY', `vocabulary word "${missed}" does not pass its own gate`);
  }
  // Bits 0-30; a 32nd vocabulary would share bit 30 with another and only lose caching.
  const bit = 1 << Math.min(vocabularies++, 30);
  const presence = gate ?? new RegExp(stems.map(escapeRegExp).join('|'));
  const base = { prefix: words.prefix, exact: words.exact, stems, bit, presence };
  return gate ? { ...base, gate } : base;
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
 * True when no stem of `vocab` is in `hay`, so none of its words is: one regex pass instead of a
 * search per word. Not for vocabularies with a gate, which is stricter than their words (it
 * leaves "expense" out while the prefix word "exp" would match it).
 */
function absent(hay: string, vocab: Vocabulary): boolean {
  return vocab.gate === undefined && !vocab.presence.test(hay);
}

/**
 * Characters between the end of the last occurrence of a word of `vocab` in `hay` and the end of
 * `hay`, or -1 when there is none.
 */
export function distanceFromEnd(hay: string, vocab: Vocabulary): number {
  if (absent(hay, vocab)) return -1;
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
  if (absent(hay, vocab)) return -1;
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
  const present = vocabs.map((v) => mayMention(view, v));
  if (!present.includes(true)) return -1;
  const left = textBefore(view, start, before);
  let best = -1;
  let bestD = Number.POSITIVE_INFINITY;
  for (let k = 0; k < vocabs.length; k++) {
    if (!present[k]) continue;
    const d = distanceFromEnd(left, vocabs[k]!);
    if (d !== -1 && d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (best !== -1 || after <= 0) return best;
  const right = textAfter(view, end, after);
  for (let k = 0; k < vocabs.length; k++) {
    if (!present[k]) continue;
    const d = distanceFromStart(right, vocabs[k]!);
    if (d !== -1 && d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

/** Index of the first number span that ends after `pos` (spans are in text order). */
export function firstSpanEndingAfter(view: TextView, pos: number): number {
  const spans = view.numberSpans;
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The nearest of the `targets` labels of the value at [start, end), when no `competitors` label
 * is nearer: the index into `targets`, else -1. The same decision as `nearestLabel` over targets
 * and competitors together (nearest before, else nearest after), but competitors are only looked
 * for between the value and its own label, so a value without any target label costs one scan
 * of the targets' words.
 */
export function nearestTarget(
  view: TextView,
  start: number,
  end: number,
  targets: readonly Vocabulary[],
  competitors: readonly Vocabulary[],
  before = 60,
  after = 30,
): number {
  const left = textBefore(view, start, before);
  let best = -1;
  let bestD = Number.POSITIVE_INFINITY;
  for (let k = 0; k < targets.length; k++) {
    if (!mayMention(view, targets[k]!)) continue;
    const d = distanceFromEnd(left, targets[k]!);
    if (d !== -1 && d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (best !== -1) {
    // A competitor between the label and the value is nearer.
    const between = left.slice(left.length - bestD);
    return competitors.some((c) => mayMention(view, c) && distanceFromEnd(between, c) !== -1) ? -1 : best;
  }
  if (after <= 0) return -1;
  const right = textAfter(view, end, after);
  for (let k = 0; k < targets.length; k++) {
    if (!mayMention(view, targets[k]!)) continue;
    const d = distanceFromStart(right, targets[k]!);
    if (d !== -1 && d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (best === -1) return -1;
  // Any competitor before the value, or after it but nearer, wins.
  const nearer = right.slice(0, bestD);
  return competitors.some(
    (c) => mayMention(view, c) && (distanceFromEnd(left, c) !== -1 || distanceFromStart(nearer, c) !== -1),
  )
    ? -1
    : best;
}

/**
 * True when a typed or spoken number token lies within [from, to) of the text. `isPart(s, k)`
 * exempts token k of span s (the card and expiry parts between a CVV label and its value).
 * Binary search, then only the spans inside the range: never a scan of the whole text.
 */
export function numberBetween(
  view: TextView,
  from: number,
  to: number,
  isPart?: (span: number, token: number) => boolean,
): boolean {
  if (to <= from) return false;
  const spans = view.numberSpans;
  for (let s = firstSpanEndingAfter(view, from); s < spans.length; s++) {
    const span = spans[s]!;
    if (span.start >= to) break;
    const tokens = span.tokens;
    for (let k = firstTokenEndingAfter(span, from); k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.start >= to) break;
      if (t.start >= from && t.end <= to && !isPart?.(s, k)) return true;
    }
  }
  return false;
}

/** Index of the first token of `span` that ends after `pos` (one span may hold thousands). */
export function firstTokenEndingAfter(span: NumberSpan, pos: number): number {
  const tokens = span.tokens;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** In ranges sorted by start and not overlapping: the last one that ends at or before `pos`. */
export function lastEndingBy<T extends { start: number; end: number }>(
  ranges: readonly T[],
  pos: number,
): T | undefined {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? ranges[lo - 1] : undefined;
}

/** In ranges sorted by start and not overlapping: the first one that starts at or after `pos`. */
export function firstStartingFrom<T extends { start: number; end: number }>(
  ranges: readonly T[],
  pos: number,
): T | undefined {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return ranges[lo];
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

interface Presence {
  /** Vocabularies whose presence is known (bits), and those found. */
  known: number;
  found: number;
  /** Long texts only: look-ups asked for so far, per vocabulary bit index. */
  lookups?: Map<number, number>;
}

/** Key of the presence record in `TextView.memo`. */
const PRESENCE = Symbol('financial-vocabulary-presence');
const newPresence = (): Presence => ({ known: 0, found: 0 });

/**
 * In a long text a per-candidate look-up costs about as much as scanning LOOKUP_COST characters
 * for each stem, so the text is scanned only once that many look-ups have been asked for: sparse
 * numbers in a long email never pay for a scan, dense adversarial input pays once. Texts up to
 * SHORT_TEXT characters are scanned on first use.
 */
const SHORT_TEXT = 2048;
const LOOKUP_COST = 512;

function stemsIn(view: TextView, vocab: Vocabulary): boolean {
  return vocab.presence.test(view.lower) || vocab.presence.test(view.priorContext);
}

/** Per conversation: which vocabularies each turn's own text (with its trailing separator) holds. */
const TURN_PRESENCE = Symbol('financial-vocabulary-presence-by-turn');

function turnHas(conversation: ConversationText, turn: number, vocab: Vocabulary): boolean {
  const p = conversation.memo(TURN_PRESENCE, (c) => ({
    known: new Int32Array(c.starts.length),
    found: new Int32Array(c.starts.length),
  }));
  if (p.known[turn]! & vocab.bit) return (p.found[turn]! & vocab.bit) !== 0;
  const start = conversation.starts[turn]!;
  // With the separator after it, as the turn appears in a later turn's prior context.
  const hay = conversation.lower.slice(start, start + conversation.lengths[turn]! + 1);
  const found = vocab.presence.test(hay);
  p.known[turn]! |= vocab.bit;
  if (found) p.found[turn]! |= vocab.bit;
  return found;
}

/**
 * False when no word of `vocab` occurs in the view or its prior context; true when one may.
 * The gate in front of every per-candidate context look-up; cached per view. `now` scans at once
 * (for a decision made once per text, which deferring would only make more expensive).
 *
 * In a conversation each turn's own text is scanned at most once per vocabulary, and a turn's
 * prior context is answered from the turns it reaches into rather than scanned again (a turn of
 * 45 characters has 160 of prior context). Whole turns stand for the window's first, cut one: a
 * superset of the per-view answer, which is all a gate needs.
 */
export function mayMention(view: TextView, vocab: Vocabulary, now = false): boolean {
  const conversation = view.conversation;
  if (conversation?.aligned) {
    const turn = view.turn;
    if (turnHas(conversation, turn, vocab)) return true;
    // The turns the prior-context window reaches into, each scanned once for the conversation.
    const windowStart = view.offset - view.priorContext.length;
    for (let k = turn - 1; k >= 0; k--) {
      if (conversation.starts[k]! + conversation.lengths[k]! < windowStart) break;
      if (turnHas(conversation, k, vocab)) return true;
    }
    return false;
  }
  const p = view.memo(PRESENCE, newPresence);
  if (p.known & vocab.bit) return (p.found & vocab.bit) !== 0;
  const total = view.text.length + view.priorContext.length;
  if (total > SHORT_TEXT && !now) {
    p.lookups ??= new Map();
    const n = (p.lookups.get(vocab.bit) ?? 0) + 1;
    p.lookups.set(vocab.bit, n);
    if (n * LOOKUP_COST < total) return true;
  }
  p.known |= vocab.bit;
  if (stemsIn(view, vocab)) p.found |= vocab.bit;
  return (p.found & vocab.bit) !== 0;
}

/**
 * The card numbers of a view (score >= 0.5), for the expiry and CVV recognizers, which must neither
 * eat a card's groups nor miss "card, then expiry, then code". The card recognizer's own findings,
 * shared through `TextView.memo`: never computed twice for one text.
 */
export function cardsOf(view: TextView): Finding[] {
  const cards: Finding[] = [];
  if (!view.numberSpans.some(mayHoldCard)) return cards;
  for (const f of cardFindings(view)) if (f.score >= 0.5) cards.push(f);
  return cards.sort((a, b) => a.start - b.start);
}

/**
 * A span can hold a card only with twelve digits and a spoken token, or a typed group of four or
 * more: typed card groups are 4-4-4-4(-3), 4-6-5 or one run of 12-19 digits. Runs of one-digit
 * groups ("1 1 1 ...") skip the card search, which would find nothing there. Were the card rules
 * ever loosened, a missed card still leaves a run of 12+ digits, never taken as an expiry or code.
 */
function mayHoldCard(span: NumberSpan): boolean {
  if (span.digits.length < 12) return false;
  if (span.spoken) return true;
  for (const t of span.tokens) if (t.digitEnd - t.digitStart >= 4) return true;
  return false;
}

/** What may stand between a label and its value: "number", "no.", "#", ":", "is", "it's". */
const LABEL_TAIL_RE = /(?:\s|:|#|\bnumber\b|\bno\.?|\bnum\b|\bis\b|\bit['’]?s\b){0,8}$/;

/**
 * True when the value at `start` is named by an account label right before it ("checking account
 * number 612179468", "and the account number is 722915376"), with nothing but "number", "is",
 * ":" and the like between. A routing word further back then labels another value: this one is
 * the account, even when its nine digits pass the ABA check (one number in twenty-five does).
 * A plural label ("routing and account numbers: ...") is a list, and names nothing alone.
 */
export function labelledAsAccount(view: TextView, start: number): boolean {
  const before = textBefore(view, start, 48);
  const m = LABEL_TAIL_RE.exec(before);
  const head = m ? before.slice(0, m.index) : before;
  if (/numbers\s*:?\s*$/.test(before)) return false;
  return distanceFromEnd(head, ACCOUNT_VOCAB) === 0 || /(?:^|[^a-z])account$/.test(head);
}

/** Labels of a US routing number. Short ones are exact words ("aba" is not "abandon"). */
export const ROUTING_VOCAB = vocabulary({
  prefix: ['routing', 'transit number', 'transit no', 'abartn', 'aba number', 'wire transfer', 'wiring'],
  exact: ['aba', 'rtn', 'wire', 'wired', 'ach'],
  stems: ['routing', 'transit', 'aba', 'rtn', 'wir', 'ach'],
});

/** Labels of a bank account number ("account number" alone is also a customer's account id). */
export const ACCOUNT_VOCAB = vocabulary({
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
  // "sort code 12-34-56 acc 12345678": the short form alone, as a whole word ("accept" is not it).
  exact: ['acc'],
  stems: ['account', 'checking', 'chequing', 'savings', 'acc', 'a/c'],
});

/** Words that make an account number a bank account's, not a shop's customer account id. */
export const BANK_VOCAB = vocabulary({
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
});

export const SORT_CODE_VOCAB = vocabulary({
  prefix: ['sort code', 'sort-code', 'sortcode', 'sorting code'],
  exact: [],
  stems: ['sort'],
});

/** Labels that say a number is something else (an order, a phone, a postcode, an id). */
export const OTHER_NUMBER_VOCAB = vocabulary({
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
});

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
