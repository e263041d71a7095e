/**
 * CARD_EXPIRY: a card's expiry date, only in card context. An expiry is a month and a year and
 * nothing else, so without a card nearby it cannot be told from any other date.
 *
 * Forms, typed or spoken (spoken digits come from the number spans):
 * - "12/26", "12/2026", "4/26", "12-26" (one separator, not part of a longer d/m/y or range);
 * - a month name and a year: "expires April 2027", "Apr 27", "April twenty twenty seven", "the
 *   ninth month of twenty seven";
 * - bare digits, only right after an expiry label ("when does the card expire?" in the turn
 *   before counts) or right after the card number itself: "exp 1226", "expiry 04 27", "oh four
 *   twenty six", "zero four two seven", "twelve twenty six", "oh nine slash two seven";
 * - glued to its label, with a card or card words in the text: "exp0925", "exp09/25".
 * Month 01-12; a two-digit year is any year, a four-digit one 2000-2099. `normalized` is "MM/YY".
 * An expiry has no day: "5 Feb 2019", "the 3rd of March", "Nov 11, 1986" and a 19xx year are
 * dates of something else, and a value whose nearest label is a birth-date word ("exp 11/25. My
 * DOB is Nov 11 ...") is left to the date-of-birth recognizer. "Expires" is said of passports,
 * licences and warranties too: with such a document in the clause before the value and no card
 * number or card word near, the value is not a card's.
 *
 * Scores: an expiry label near ("exp", "expiry", "expires", "valid thru") 0.95; right after a card
 * number 0.85-0.9; "12/26" with only card words near ("card", "visa") 0.6, but 0.4 after a date
 * preposition or near an event or rating word ("charged on 12/03", "rated it 10/10" are not
 * expiries). Nothing is emitted without context.
 *
 * Cost: the layout is built once per text (`TextView.memo`). A text whose number spans are all
 * shorter than two digits ("one moment", "oh okay") returns a shared empty layout after one pass
 * over its spans, without allocating. Otherwise each form
 * checks the shape of its candidates first (a month name before the span by character tests, a
 * valid month and year) and asks for an expiry word only then; the prior turns are read only for
 * a candidate near the start of the text; token marks are allocated on first write.
 *
 * The CVV recognizer builds on this one (`cardLayout`): it must not take the year of an expiry,
 * and a code straight after "card number, expiry" is a CVV.
 */
import { CARD_WORDS } from '../context-words.js';
import { type NumberSpan, ORDINALS } from '../numbers.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import { cardFindings } from './credit-card.js';
import {
  cardsOf,
  distanceFromEnd,
  firstStartingFrom,
  lastEndingBy,
  looksLikeMoney,
  mayMention,
  near,
  numberBetween,
  textBefore,
  vocabulary,
} from './financial-context.js';

/** The EXPIRY_VOCAB gate: an expiry word may be in the text. */
const EXPIRY_GATE_RE =
  /(?:^|[^a-z0-9])(?:exp(?:ir|s?(?![a-z]))|valid\s{1,3}(?:thru|through|until|till|to)(?![a-z])|good\s{1,3}(?:thru|through|until|till)(?![a-z])|end\s{1,3}date|mm ?\/ ?yy)/;

export const EXPIRY_VOCAB = vocabulary({
  prefix: [
    'expir',
    'valid thru',
    'valid through',
    'valid until',
    'valid till',
    'valid to',
    'good thru',
    'good through',
    'good until',
    'good till',
    'end date',
    'mm/yy',
    'mm / yy',
  ],
  exact: ['exp', 'exp.', 'exp date', 'exps'],
  gate: EXPIRY_GATE_RE,
});

/**
 * An expiry label right before the value, with at most a few words between ("expiry date is",
 * "expires on the", "valid thru:"). Tested on a short slice only.
 */
const EXPIRY_LABEL_RE =
  /(?:^|[^a-z0-9])(?:exp(?:ir(?:y|e|es|ed|ing|ation)|\.)?|valid\s{1,3}(?:thru|through|until|till|to)|good\s{1,3}(?:thru|through|until|till)|end\s{1,3}date|mm\s?\/\s?yy(?:yy)?)(?![a-z])[^0-9]{0,32}$/;

/** "charged on 12/03": a date preposition right before a slashed value. */
const DATE_PREPOSITION_RE =
  /(?:^|[^a-z])(?:on|since|from|by|dated|before|after|of|in|between|till|until)\s{1,3}$/;

const CARD_VOCAB = vocabulary({ prefix: CARD_WORDS, exact: [] });

/** Words about an event with a date (or a rating: "10/10"), not a card's validity. */
const EVENT_VOCAB = vocabulary({
  prefix: [
    'charg',
    'paid',
    'bill',
    'refund',
    'order',
    'placed',
    'deliver',
    'ship',
    'arriv',
    'posted',
    'statement',
    'transaction',
    'dated',
    'invoice',
    'purchase',
    'bought',
    'appointment',
    'birth',
    'born',
    'rate',
    'rating',
    'score',
    'review',
    'stars',
    'out of',
  ],
  exact: [],
});

/**
 * Birth-date words: a date said after "date of birth", "DOB" or "born" is a birth date, even in
 * a message that also gives a card and its expiry ("exp 11/25. My DOB is Nov 11, 1986").
 */
const BIRTH_VOCAB = vocabulary({
  prefix: ['birth', 'born', 'bday', 'b-day', 'd.o.b', 'd. o. b', 'd o b'],
  exact: ['dob'],
  gate: /b(?:irth|orn|-?day)|d(?:ob|\.o\.b|\. o\. b| o b)/,
});

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

/**
 * "the ninth month of twenty seven": a month by its ordinal at the end of the slice before a
 * number span (the twelve ordinals are literal alternatives: a bounded match).
 */
const ORDINAL_MONTH_BEFORE_RE =
  /(?:^|[^a-z])(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\s{1,3}month(?:\s{1,3}of)?\s{1,3}$/;

/**
 * A day right before a month name ("5 Feb", "the 3rd of March", "twelfth of April"): the date
 * has a day, so it is not an expiry, which is a month and a year only.
 */
const DAY_BEFORE_MONTH_RE =
  /(?:^|[^a-z0-9])(?:\d{1,2}(?:st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\s{1,3}(?:of\s{1,3})?$/;

/** A year right after a month-name candidate ("Nov 11, 1986"): the two digits were a day. */
const YEAR_AFTER_RE = /^,?\s{1,3}(?:\d{4}(?![\d/])|(?:nineteen|two thousand)(?![a-z]))/;

/** A month name (optionally "of" or an apostrophe) at the end of the slice before a number span. */
const MONTH_BEFORE_RE =
  /(?:^|[^a-z])(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?(?:\s{1,3}of)?\s{0,3}'?$/;

export const TOKEN_FREE = 0;
export const TOKEN_CARD = 1;
export const TOKEN_EXPIRY = 2;

export interface ExpiryPart {
  start: number;
  end: number;
  score: number;
  normalized: string;
  spoken: boolean;
}

export interface CardPartRange {
  start: number;
  end: number;
  /** American Express: its code is four digits, printed on the front. */
  amex: boolean;
}

export interface CardLayout {
  cards: CardPartRange[];
  expiries: ExpiryPart[];
  /** Per number span, per token: TOKEN_FREE, TOKEN_CARD or TOKEN_EXPIRY (absent: all free). */
  marks: readonly (Uint8Array | undefined)[];
}

/** The layout of a text where nothing can be a card or an expiry: shared, never written. */
const EMPTY_LAYOUT: CardLayout = { cards: [], expiries: [], marks: [] };

/** The mark of token `k` of span `s`. */
export function markOf(layout: CardLayout, s: number, k: number): number {
  return layout.marks[s]?.[k] ?? TOKEN_FREE;
}

function tokenRange(span: NumberSpan, from: number, to: number): { start: number; end: number } {
  return { start: span.tokens[from]!.start, end: span.tokens[to - 1]!.end };
}

function anySpoken(span: NumberSpan, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (span.tokens[k]!.spoken) return true;
  return false;
}

function normalize(month: number, year: string): string {
  return `${month < 10 ? '0' : ''}${month}/${year.slice(-2)}`;
}

function validYear(y: string): boolean {
  if (y.length === 2) return true;
  return y.length === 4 && y.startsWith('20');
}

/** A digit offset `at` inside tokens [from, to) falls on a token boundary. */
function boundaryAt(span: NumberSpan, from: number, to: number, at: number): boolean {
  for (let k = from; k < to; k++) if (span.tokens[k]!.digitStart === at) return true;
  return false;
}

/**
 * Reads tokens [from, to) as month + year ("0426", "042027", "426" = 4/26). The split must fall
 * between tokens, except inside one typed group ("1226"). Returns "MM/YY" or null.
 */
function readMonthYear(span: NumberSpan, from: number, to: number): string | null {
  const d0 = span.tokens[from]!.digitStart;
  const d1 = span.tokens[to - 1]!.digitEnd;
  const digits = span.digits.slice(d0, d1);
  const single = to - from === 1 && !span.tokens[from]!.spoken;
  let monthLen: number;
  if (digits.length === 4 || digits.length === 6) monthLen = 2;
  else if (digits.length === 3 && !single) monthLen = 1;
  else return null;
  if (!single && !boundaryAt(span, from, to, d0 + monthLen)) return null;
  const month = Number(digits.slice(0, monthLen));
  const year = digits.slice(monthLen);
  if (month < 1 || month > 12 || !validYear(year)) return null;
  return normalize(month, year);
}

/** The trimmed separator of a typed gap when it is a lone "/" or "-" (spaces around allowed). */
function slashOrDash(gap: string): string | null {
  if (gap.length === 0 || gap.length > 3) return null;
  // One separator and spaces, read without trimming (this runs on every gap of every span).
  let sep = 0;
  for (let i = 0; i < gap.length; i++) {
    const c = gap.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    if (sep !== 0 || (c !== 47 && c !== 45 && c !== 0x2010 && c !== 0x2013)) return null;
    sep = c;
  }
  return sep === 0 ? null : sep === 47 ? '/' : '-';
}

/** How far into a text a label of the prior turns can still name a value (60 + a month name). */
const PRIOR_REACH = 80;

/** Key of the layout in `TextView.memo`. */
const LAYOUT = Symbol('card-layout');

/**
 * Card numbers and expiry dates of a view, with every token of every span marked. Computed once
 * per view and shared by the expiry and CVV recognizers.
 */
export function cardLayout(view: TextView): CardLayout {
  return view.memo(LAYOUT, buildLayout);
}

function buildLayout(view: TextView): CardLayout {
  const spans = view.numberSpans;
  if (spans.length === 0) return EMPTY_LAYOUT;
  // The common case costs one pass over the spans and no allocation: no card-length number, no
  // "12/26"-shaped pair and no expiry word means nothing here can be a card part.
  let long = false;
  let paired = false;
  // Every form has at least two digits ("Apr 27", "4/26", "nine twenty"): where the first such
  // span starts, -1 when there is none ("one moment", "oh okay").
  let first = -1;
  for (const span of spans) {
    const n = span.digits.length;
    if (n < 2) continue;
    if (first === -1) first = span.start;
    if (n >= 12) long = true;
    for (let k = 1; k < span.tokens.length && !paired; k++) {
      if (slashOrDash(span.tokens[k]!.gapBefore) !== null) paired = true;
    }
  }
  if (first === -1) return EMPTY_LAYOUT;
  // Marks are allocated on first write: most spans of most texts never get one.
  const marks: (Uint8Array | undefined)[] = new Array(spans.length);
  const cards: CardPartRange[] = (long ? cardsOf(view) : []).map((c) => ({
    start: c.start,
    end: c.end,
    amex: c.normalized !== undefined && c.normalized.length === 15 && /^3[47]/.test(c.normalized),
  }));
  // Cards and tokens are both in text order: one merge pass marks the card tokens.
  let ci = 0;
  for (let s = 0; s < spans.length && ci < cards.length; s++) {
    const tokens = spans[s]!.tokens;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      while (ci < cards.length && cards[ci]!.end <= t.start) ci++;
      const c = cards[ci];
      if (c && t.start >= c.start && t.end <= c.end) {
        let m = marks[s];
        if (m === undefined) {
          m = new Uint8Array(tokens.length);
          marks[s] = m;
        }
        m[k] = TOKEN_CARD;
      }
    }
  }
  const expiries: ExpiryPart[] = [];
  const ctx = new ExpiryContext(view, cards, long, first);
  for (let s = 0; s < spans.length; s++) {
    const span = spans[s]!;
    if (span.digits.length < 2) continue;
    const w = { marks, s };
    monthNameForm(view, ctx, span, read(w, span), w, expiries);
    if (paired) slashForm(ctx, span, read(w, span), w, expiries);
    segmentForms(view, ctx, span, read(w, span), w, expiries);
  }
  if (expiries.length === 0 && cards.length === 0) return EMPTY_LAYOUT;
  expiries.sort((a, b) => a.start - b.start);
  return { cards, expiries, marks };
}

/** Card words that name the card itself, not its expiry ("expires" is said of passports too). */
const CARD_NOUNS: readonly string[] = CARD_WORDS.filter(
  (w) => !w.startsWith('exp') && !w.startsWith('valid'),
);

/**
 * A document with an expiry date that is not a card, in the clause before a value (no sentence
 * end between): passports, licences, subscriptions, warranties, policies and the like.
 */
const OTHER_DOCUMENT_RE =
  /(?:^|[^a-z])(?:passport|licen[cs]e|permit|subscription|membership|warranty|guarantee|contract|lease|insurance|policy|domain|certificate|trial|voucher|coupon)s?(?![a-z])[^.!?\n]{0,40}$/;

/** Context look-ups for one candidate, each computed at most once. */
class ExpiryContext {
  private label: boolean | undefined;

  constructor(
    readonly view: TextView,
    readonly cards: readonly CardPartRange[],
    readonly long: boolean,
    readonly first: number,
  ) {}

  /**
   * Month names and bare digits only count after an expiry word or next to a card number: asked
   * only once a candidate has the shape of an expiry, so most texts never ask. An expiry word of
   * the prior turns is seen only from the first PRIOR_REACH characters (the longest look-back of
   * a label, from a month name a little before its span): a text whose first number of two digits
   * or more starts later never builds the prior context.
   */
  labelled(): boolean {
    this.label ??=
      this.long ||
      EXPIRY_GATE_RE.test(this.view.lower) ||
      (this.first < PRIOR_REACH && mayMention(this.view, EXPIRY_VOCAB, true));
    return this.label;
  }

  labelRightBefore(start: number): boolean {
    return mayMention(this.view, EXPIRY_VOCAB) && EXPIRY_LABEL_RE.test(textBefore(this.view, start, 48));
  }

  labelNear(start: number, end: number): boolean {
    return near(this.view, start, end, EXPIRY_VOCAB, 60, 30);
  }

  /** A card number within 60 characters before or 40 after, with no other number between. */
  cardNear(start: number, end: number): boolean {
    const b = lastEndingBy(this.cards, start);
    if (b && start - b.end <= 60 && !numberBetween(this.view, b.end, start)) return true;
    const a = firstStartingFrom(this.cards, end);
    return a !== undefined && a.start - end <= 40 && !numberBetween(this.view, end, a.start);
  }

  /**
   * A birth-date word is the nearest label before `start` ("exp 11/25. My DOB is Nov 11"): the
   * value is a birth date, not an expiry. An expiry label nearer than it keeps the value.
   */
  birthDate(start: number): boolean {
    if (!mayMention(this.view, BIRTH_VOCAB)) return false;
    const left = textBefore(this.view, start, 60);
    const birth = distanceFromEnd(left, BIRTH_VOCAB);
    if (birth === -1) return false;
    const expiry = mayMention(this.view, EXPIRY_VOCAB) ? distanceFromEnd(left, EXPIRY_VOCAB) : -1;
    return expiry === -1 || birth < expiry;
  }

  /**
   * "before 01/11. Card details: 4111 ...", "before Mar 27. Card details: ...": a date
   * preposition right before the value and the card only after it date something else.
   */
  datedBeforeCard(start: number): boolean {
    if (!DATE_PREPOSITION_RE.test(textBefore(this.view, start, 12))) return false;
    const b = lastEndingBy(this.cards, start);
    return b === undefined || start - b.end > 60 || numberBetween(this.view, b.end, start);
  }

  /**
   * "my passport expires 09/27", "the warranty is valid until 12/26": in the sentence before the
   * value, a document that is not a card has the expiry, and no card number or card word is near.
   */
  otherDocument(start: number, end: number): boolean {
    if (!OTHER_DOCUMENT_RE.test(textBefore(this.view, start, 48))) return false;
    return !this.cardNear(start, end) && !this.cardWords(start, end, CARD_NOUNS);
  }

  cardWords(start: number, end: number, words: readonly string[] = CARD_WORDS): boolean {
    return mayMention(this.view, CARD_VOCAB) && this.view.hasContext(start, end, words, 80, 40);
  }
}

/** Where the marks of one span are written: allocated on the first write. */
interface MarkTarget {
  marks: (Uint8Array | undefined)[];
  s: number;
}

/** Shared, never written: the marks of a span nothing has marked yet. */
const UNMARKED = new Uint8Array(256);

/**
 * The marks of a span, for reading. A form that marks tokens stops reading this array or moves
 * past the tokens it marked, so a stale UNMARKED never hides a mark it needs.
 */
function read(w: MarkTarget, span: NumberSpan): Uint8Array {
  const m = w.marks[w.s];
  if (m !== undefined) return m;
  const n = span.tokens.length;
  if (n <= UNMARKED.length) return UNMARKED;
  const own = new Uint8Array(n);
  w.marks[w.s] = own;
  return own;
}

function mark(w: MarkTarget, span: NumberSpan, from: number, to: number): void {
  let m = w.marks[w.s];
  if (m === undefined) {
    m = new Uint8Array(span.tokens.length);
    w.marks[w.s] = m;
  }
  m.fill(TOKEN_EXPIRY, from, to);
}

function isFree(m: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (m[k] !== TOKEN_FREE) return false;
  return true;
}

/**
 * "April 2027", "Apr 27", "April twenty twenty seven", "the ninth month of twenty seven": a month
 * right before the span. Not when the date has a day ("5 Feb 2019", "the 3rd of March", "Nov 11,
 * 1986"), a 19xx year ("March nineteen eighty six") or a birth-date word as its nearest label.
 */
function monthNameForm(
  view: TextView,
  ctx: ExpiryContext,
  span: NumberSpan,
  m: Uint8Array,
  w: MarkTarget,
  out: ExpiryPart[],
): void {
  if (m[0] !== TOKEN_FREE || span.start < 4) return;
  // Cheap pre-check: a month name ends within a few characters before the span.
  const lower = view.lower;
  const c1 = lower.charCodeAt(span.start - 1);
  const c2 = lower.charCodeAt(span.start - 2);
  if (!isLetterOrGap(c1) || !isLetterOrGap(c2) || !monthMayEnd(lower, span.start)) return;
  const before = lower.slice(Math.max(0, span.start - 16), span.start);
  let month = 0;
  let from = -1;
  const mm = MONTH_BEFORE_RE.exec(before);
  if (mm) {
    month = MONTHS[mm[1]!]!;
    from = span.start - before.length + before.indexOf(mm[1]!, mm.index);
  } else if (before.lastIndexOf('month') !== -1) {
    const wide = lower.slice(Math.max(0, span.start - 32), span.start);
    const om = ORDINAL_MONTH_BEFORE_RE.exec(wide);
    if (!om) return;
    month = ORDINALS[om[1]!]!;
    from = span.start - wide.length + wide.indexOf(om[1]!, om.index);
    // "the ninth month": the article belongs to the value.
    if (lower.endsWith('the ', from)) from -= 4;
  } else return;
  if (DAY_BEFORE_MONTH_RE.test(lower.slice(Math.max(0, from - 16), from)) || !ctx.labelled()) return;
  const d0 = span.tokens[0]!.digitStart;
  // Prefer a four-digit year ("twenty twenty seven" = 2027 over "twenty" = 20).
  for (const len of [4, 2]) {
    let to = -1;
    for (let k = 0; k < span.tokens.length; k++) {
      const got = span.tokens[k]!.digitEnd - d0;
      if (got === len) to = k + 1;
      if (got >= len) break;
    }
    if (to === -1 || !isFree(m, 0, to)) continue;
    const year = span.digits.slice(d0, d0 + len);
    // "March nineteen eighty six", "May 1990": a year no card expires in.
    if (len === 4 && year.startsWith('19')) return;
    if (!validYear(year)) continue;
    const end = span.tokens[to - 1]!.end;
    // "Nov 11, 1986", "July 13 2001": the two digits are a day and a year follows.
    if (len === 2 && (yearToken(span, to) || YEAR_AFTER_RE.test(lower.slice(end, end + 16)))) return;
    if (ctx.birthDate(from) || ctx.otherDocument(from, end)) return;
    let score = 0;
    if (ctx.labelNear(from, end)) score = 0.95;
    else if (ctx.cardNear(from, end) && !ctx.datedBeforeCard(from)) score = 0.85;
    if (score === 0) return;
    mark(w, span, 0, to);
    out.push({
      start: from,
      end,
      score,
      normalized: normalize(month, year),
      spoken: anySpoken(span, 0, to),
    });
    return;
  }
}

/** Token `k` of `span` is a four-digit 19xx or 20xx year ("11 1986" read as one span). */
function yearToken(span: NumberSpan, k: number): boolean {
  const t = span.tokens[k];
  if (!t || t.digitEnd - t.digitStart !== 4) return false;
  const y = span.digits.slice(t.digitStart, t.digitStart + 2);
  return y === '19' || y === '20';
}

/**
 * The word right before `end` (after spaces, an apostrophe, a comma or a period) can be a month
 * name, "of" ("march of 27") or "month" ("the ninth month of"): it starts with one of their first
 * letters and is not longer than "september". Character tests only, before any slice or regex:
 * most numbers follow "for", "is", "the", "at" or "about" and stop here.
 */
function monthMayEnd(lower: string, end: number): boolean {
  let j = end;
  const stop = Math.max(0, end - 5);
  while (j > stop) {
    const c = lower.charCodeAt(j - 1);
    if (c !== 32 && c !== 39 && c !== 44 && c !== 46 && c !== 9) break;
    j--;
  }
  let i = j;
  while (i > 0 && j - i <= 9) {
    const c = lower.charCodeAt(i - 1);
    if (c < 97 || c > 122) break;
    i--;
  }
  if (j - i < 2 || j - i > 9) return false;
  const f = lower.charCodeAt(i);
  // j f m a s o n d: january ... december, "of", "month"
  return f === 106 || f === 102 || f === 109 || f === 97 || f === 115 || f === 111 || f === 110 || f === 100;
}

function isLetterOrGap(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 32 || c === 39 || c === 44 || c === 46 || c === 9;
}

/** "12/26", "12/2026", "4/26", "12-26": two typed groups and one separator, nothing joined on. */
function slashForm(
  ctx: ExpiryContext,
  span: NumberSpan,
  m: Uint8Array,
  w: MarkTarget,
  out: ExpiryPart[],
): void {
  const tokens = span.tokens;
  for (let k = 0; k + 1 < tokens.length; k++) {
    const a = tokens[k]!;
    const b = tokens[k + 1]!;
    if (a.spoken || b.spoken || m[k] !== TOKEN_FREE || m[k + 1] !== TOKEN_FREE) continue;
    const sep = slashOrDash(b.gapBefore);
    if (sep === null) continue;
    const monthLen = a.digitEnd - a.digitStart;
    const yearLen = b.digitEnd - b.digitStart;
    if (monthLen > 2 || (yearLen !== 2 && yearLen !== 4)) continue;
    // Not one piece of "12/26/2027", "555-12-26" or "12/26-12/27".
    if (k > 0 && slashOrDash(a.gapBefore) !== null) continue;
    if (k + 2 < tokens.length && slashOrDash(tokens[k + 2]!.gapBefore) !== null) continue;
    const month = Number(ctx.view.text.slice(a.start, a.end));
    const year = ctx.view.text.slice(b.start, b.end);
    if (month < 1 || month > 12 || !validYear(year)) continue;
    const { start, end } = tokenRange(span, k, k + 2);
    let score = 0;
    if (ctx.labelNear(start, end)) score = 0.95;
    else if (ctx.cardNear(start, end)) {
      score = ctx.datedBeforeCard(start) ? 0 : 0.9;
    } else if (ctx.cardWords(start, end)) {
      // "my card was charged on 12/03": card words, but a date of something that happened.
      const dated =
        DATE_PREPOSITION_RE.test(textBefore(ctx.view, start, 12)) ||
        near(ctx.view, start, end, EVENT_VOCAB, 40, 20);
      score = dated ? 0.4 : 0.6;
    }
    if (score < 0.5 || (score < 0.95 && ctx.birthDate(start)) || ctx.otherDocument(start, end)) continue;
    mark(w, span, k, k + 2);
    out.push({ start, end, score, normalized: normalize(month, year), spoken: false });
    k++;
  }
}

/** Digits in tokens [from, to). */
function digitCount(span: NumberSpan, from: number, to: number): number {
  if (to <= from) return 0;
  return span.tokens[to - 1]!.digitEnd - span.tokens[from]!.digitStart;
}

/** Typed tokens of one bare expiry are separated by spaces only ("04 27"). */
function typedGapsOk(span: NumberSpan, from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) {
    const t = span.tokens[k]!;
    if (!t.spoken && !span.tokens[k - 1]!.spoken && (t.gapBefore.trim() !== '' || t.gapBefore.length > 2))
      return false;
  }
  return true;
}

/**
 * Bare digits ("exp 1226", "expiry 04 27", "oh four twenty six"): only at the start of a run of
 * free tokens, right after an expiry label or right after the card number, and only when what is
 * left of the run is nothing or a code of three or four digits. A run of groups that merely
 * contains a valid month and year (a misheard card number) is not an expiry.
 */
function segmentForms(
  view: TextView,
  ctx: ExpiryContext,
  span: NumberSpan,
  m: Uint8Array,
  w: MarkTarget,
  out: ExpiryPart[],
): void {
  const n = span.tokens.length;
  let a = 0;
  while (a < n) {
    if (m[a] !== TOKEN_FREE) {
      a++;
      continue;
    }
    let b = a;
    while (b + 1 < n && m[b + 1] === TOKEN_FREE) b++;
    trySegment(view, ctx, span, m, w, a, b + 1, out);
    a = b + 1;
  }
}

function trySegment(
  view: TextView,
  ctx: ExpiryContext,
  span: NumberSpan,
  m: Uint8Array,
  w: MarkTarget,
  a: number,
  b: number,
  out: ExpiryPart[],
): void {
  const total = digitCount(span, a, b);
  if (total < 3 || total > 10) return;
  const first = span.tokens[a]!;
  const afterCard = a > 0 && m[a - 1] === TOKEN_CARD;
  for (let j = b; j > a; j--) {
    const len = digitCount(span, a, j);
    if (len !== 3 && len !== 4 && len !== 6) continue;
    const tail = total - len;
    if (tail !== 0 && tail !== 3 && tail !== 4) continue;
    if (!typedGapsOk(span, a, j)) continue;
    const normalized = readMonthYear(span, a, j);
    if (normalized === null) continue;
    if (!ctx.labelled()) return;
    const { start, end } = tokenRange(span, a, j);
    if (looksLikeMoney(view, start, end)) return;
    const spoken = anySpoken(span, a, j);
    const single = j - a === 1 && !first.spoken;
    let score = 0;
    if (ctx.labelRightBefore(start)) score = 0.95;
    else if (!single && len !== 3 && (afterCard || ctx.cardNear(start, end))) score = 0.85;
    if (score === 0 || ctx.birthDate(start) || ctx.otherDocument(start, end)) continue;
    mark(w, span, a, j);
    out.push({ start, end, score, normalized, spoken });
    return;
  }
}

/**
 * An expiry glued to its label, as typed in a hurry: "exp0925", "exp09/25", "expiry0925" (number
 * spans leave digits that touch letters out). Month 01-12, a two-digit year or 2000-2099; only
 * with a card or card words in the text, the label alone being as often an experience or an
 * export. Anchored on the label's start, every attempt bounded: linear.
 */
const GLUED_EXPIRY_RE = /(?<![a-z0-9])(?:exp|expiry|expires)\.?(\d{2})\/?(\d{4}|\d{2})(?![a-z0-9/])/g;

function gluedExpiry(view: TextView, out: Finding[]): void {
  const lower = view.lower;
  GLUED_EXPIRY_RE.lastIndex = 0;
  for (let m = GLUED_EXPIRY_RE.exec(lower); m !== null; m = GLUED_EXPIRY_RE.exec(lower)) {
    const month = Number(m[1]);
    const year = m[2]!;
    if (month < 1 || month > 12 || (year.length === 4 && !year.startsWith('20'))) continue;
    const start = m.index + m[0].length - m[1]!.length - year.length - (m[0].includes('/') ? 1 : 0);
    const end = m.index + m[0].length;
    if (cardFindings(view).length === 0 && !view.hasContext(start, end, CARD_WORDS, 120, 60)) continue;
    out.push({
      type: 'CARD_EXPIRY',
      start,
      end,
      score: 0.9,
      recognizer: 'card-expiry',
      normalized: `${m[1]}/${year.slice(-2)}`,
    });
  }
}

export const cardExpiryRecognizer: Recognizer = {
  name: 'card-expiry',
  types: ['CARD_EXPIRY'],
  analyze(view: TextView, out: Finding[]): void {
    if (view.hasDigit && view.lower.indexOf('exp') !== -1) gluedExpiry(view, out);
    if (view.numberSpans.length === 0) return;
    for (const e of cardLayout(view).expiries) {
      out.push({
        type: 'CARD_EXPIRY',
        start: e.start,
        end: e.end,
        score: e.score,
        recognizer: this.name,
        spoken: e.spoken,
        normalized: e.normalized,
      });
    }
  },
};
