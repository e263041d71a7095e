/**
 * DATE_OF_BIRTH: a date that the conversation says is a birth date. A date alone is everywhere
 * (orders, deliveries, card expiry), so this recognizer only reports dates near a context word
 * ("date of birth", "DOB", "born on", "birthday"), which may sit in an earlier turn ("can you
 * confirm your date of birth?"). Text without any such word costs a few indexOf calls.
 *
 * Forms: numeric "03/02/1985", "3/2/85", "1985-03-02", "03.02.1985"; month names "2 March 1985",
 * "March 2nd, 1985", "2nd of March 1985", "Mar 2 '85"; spoken "the second of March nineteen
 * eighty five", "March second nineteen eighty-five", "oh three oh two eighty five", with years
 * "1986", "'86", "eighty six", "nineteen eighty six", "two thousand (and) one". A spoken date is
 * covered whole, from its article ("the 3rd of March ...") to the last word of the year.
 *
 * One context word labels one date: a date looks for its context word only after the date before
 * it in the same text, so "my DOB is 12/09/1956 ... On Thu, 19 Dec 2024" reports the first only.
 *
 * Day or month first: a part above 12 decides; otherwise the first region of
 * `options.phoneRegions` does (US: month first, anywhere else: day first), the same regional
 * setting the caller already gives for national phone numbers. Years run from 1900 to the current
 * year (two-digit years above the current one are 19xx) and the date must not be in the future.
 * `normalized` is YYYY-MM-DD.
 *
 * A day and month without a year ("my birthday is the 14th of February", "DOB: March 3rd") is
 * still part of a birth date and a common security answer. It is reported only right after a
 * birth-date label, or alone at the start of the answer to a birth-date question, since a
 * year-less date is everywhere ("I need it by 14 Feb"). `normalized` is then ISO 8601's --MM-DD.
 */
import { type NumberSpan, ORDINAL_UNITS, ORDINALS } from '../numbers.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import { containsWord, type TextView } from '../view.js';
import { type WordAt, wordAfter, wordBefore } from './spoken-letters.js';

export const DOB_CONTEXT = [
  'date of birth',
  'dob',
  'd.o.b',
  'd. o. b',
  'd o b',
  'born',
  'birth',
  'bday',
  'b-day',
] as const;

/**
 * The cheap gate: one of the context words in the text or the prior turns. Literal alternatives
 * after a fixed first letter, so the scan is linear and stops at the first hit.
 */
const GATE_RE = /b(?:irth|orn|-?day)|d(?:ob|\.o\.b|\. o\. b| o b)/;

/** Characters before and after a date searched for a context word. */
const CONTEXT_BEFORE = 50;
const CONTEXT_AFTER = 30;
/** A date this close to the start of its turn answers the question asked just before. */
const ANSWER_START = 60;
/** How much of the prior turns counts as that question. */
const PRIOR_QUESTION = 120;

const SCORE_CONTEXT = 0.9;
const SCORE_NO_CONTEXT = 0.3;
const MIN_YEAR = 1900;

const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

const MONTH_RE =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b/g;

const CARDINAL: Record<string, number> = {
  zero: 0,
  oh: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Four-digit year for a two-digit one: the latest year not in the future. */
function fullYear(yy: number, now: Date): number {
  const current = now.getUTCFullYear();
  const y = 2000 + yy;
  return y <= current ? y : 1900 + yy;
}

/** A plausible birth date: a real calendar day between 1900 and today. */
export function plausibleBirthDate(date: Ymd, now = new Date()): boolean {
  const { y, m, d } = date;
  if (!Number.isInteger(y) || y < MIN_YEAR || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return false;
  const today = now.getUTCFullYear() * 10000 + (now.getUTCMonth() + 1) * 100 + now.getUTCDate();
  return y * 10000 + m * 100 + d <= today;
}

/** YYYY-MM-DD, or ISO 8601's --MM-DD for a day and month without a year. */
function iso({ y, m, d }: Ymd): string {
  if (y === 0) return `--${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Context is near: within the clause ("DOB: ...", "born on ...", "... is my birthday"), or, for
 * an answer at the start of a turn, anywhere in the question before it ("can you confirm your
 * date of birth?"). A wider window would take "born in 1985 ... the reset on 12 March 2024".
 */
function hasDobContext(view: TextView, start: number, end: number, bound: number): boolean {
  // A context word before an earlier date of this text was that date's label, not this one's
  // ("my DOB is 12/09/1956. ... On Thu, 19 Dec 2024 at 12:20").
  const before = bound === 0 ? CONTEXT_BEFORE : Math.min(CONTEXT_BEFORE, start - bound);
  if (view.hasContext(start, end, DOB_CONTEXT, before, sameSentence(view.text, end))) return true;
  if (start > ANSWER_START || bound > 0 || view.priorContext === '') return false;
  const prior = view.priorContext.slice(-PRIOR_QUESTION);
  return DOB_CONTEXT.some((w) => containsWord(prior, w));
}

/**
 * How far after a date a context word may stand: up to CONTEXT_AFTER characters, within the
 * sentence ("03/02/1985 is my date of birth"). "Dispatched on 2019-03-02. And your date of
 * birth?" asks a new question after the date.
 */
function sameSentence(text: string, end: number): number {
  const stop = Math.min(text.length, end + CONTEXT_AFTER);
  for (let i = end; i < stop; i++) {
    const c = text.charCodeAt(i);
    // '\n', or '.', '?', '!' followed by a space or the end
    if (c === 10) return i - end;
    if ((c === 46 || c === 63 || c === 33) && (i + 1 >= text.length || text.charCodeAt(i + 1) <= 32))
      return i - end;
  }
  return CONTEXT_AFTER;
}

/** What joins the dates of a list: a comma, "and", "or", "&", a slash or a semicolon. */
const LIST_JOIN_RE = /^\s{0,2}[,;&/]?\s{0,2}(?:and|or)?\s{0,2}$/;

/** A date found in the text, before its context is looked up. */
interface Candidate {
  start: number;
  end: number;
  date: Ymd;
  spoken: boolean;
  /** Day and month without a year ("my birthday is the 14th of February"); `date.y` is 0. */
  partial?: boolean;
}

function emit(
  out: Candidate[],
  start: number,
  end: number,
  date: Ymd,
  spoken: boolean,
  partial = false,
): void {
  out.push(partial ? { start, end, date, spoken, partial } : { start, end, date, spoken });
}

/**
 * Right before a day and month without a year: a birth-date label and nothing else ("my birthday
 * is", "date of birth:", "born on the"). A year-less date is everywhere ("delivered on 14 Feb"), so
 * it needs the label next to it, not merely near. Tested on a short slice, so bounded per date.
 */
const PARTIAL_LABEL_RE =
  /(?:birthday|b-?day|date of birth|birth ?date|\bd\.? ?o\.? ?b\.?|\bborn)(?:\s{1,2}(?:is|was|falls|on|'s|’s))*\s{0,2}[:-]?\s{0,2}$/;
/** A birth-date question in the turns before, answered by a date at the very start of this turn. */
const PARTIAL_QUESTION_RE = /birthday|date of birth|birth ?date|\bd\.? ?o\.? ?b\b|\bborn\b/;
/** Month names and their abbreviations, unanchored: a cheap test that a short turn may hold a date. */
const MONTH_HINT_RE = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/;
/** A turn without a number is read for a year-less answer only up to this length. */
const SHORT_ANSWER = 60;
/** How far into its turn an answer's year-less date may start ("oh, it's the 14th of February"). */
const PARTIAL_ANSWER_START = 16;

/** A year-less date at [start, ...) is labelled as a birth date (see PARTIAL_LABEL_RE). */
function partialContext(view: TextView, start: number): boolean {
  const lower = view.lower;
  if (PARTIAL_LABEL_RE.test(lower.slice(Math.max(0, start - 40), start))) return true;
  if (start > PARTIAL_ANSWER_START || view.priorContext === '') return false;
  if (
    !/^[\s,.]*(?:(?:yes|yeah|sure|ok|okay|oh|um|uh|it's|it is|that's|it was)[\s,.]+)*$/.test(
      lower.slice(0, start),
    )
  )
    return false;
  return PARTIAL_QUESTION_RE.test(view.priorContext.slice(-PRIOR_QUESTION));
}

/**
 * Scores the candidates in text order: each looks for its context word after the previous
 * candidate only. `hasContext` reads the prior turns only when the window reaches past the start
 * of the text, which a bounded window (bound > 0) never does.
 */
function report(view: TextView, out: Finding[], found: Candidate[]): void {
  if (found.length > 1) found.sort((a, b) => a.start - b.start);
  let bound = 0;
  let used = 0;
  let listed = false;
  for (const c of found) {
    // Candidates over the same words (two readings of one date) share the earlier bound.
    const b = c.start >= bound ? bound : used;
    // "DOBs: 03/02/1985, 04/05/1987 and 1 June 1990": a list under one label shares it.
    const inList =
      b > 0 && c.start >= b && c.start - b <= 8 && LIST_JOIN_RE.test(view.lower.slice(b, c.start));
    used = b;
    if (c.end > bound) bound = c.end;
    const context: boolean = c.partial
      ? partialContext(view, c.start)
      : (inList && listed) || hasDobContext(view, c.start, c.end, b);
    listed = context;
    out.push({
      type: 'DATE_OF_BIRTH',
      start: c.start,
      end: c.end,
      score: context ? SCORE_CONTEXT : SCORE_NO_CONTEXT,
      recognizer: 'date-of-birth',
      spoken: c.spoken || undefined,
      normalized: iso(c.date),
    });
  }
}

// --- numeric dates -------------------------------------------------------------------------------

/** Day and month from two parts, in the caller's order unless one part is above 12. */
function dayMonth(a: number, b: number, monthFirst: boolean): [number, number] | null {
  if (a > 12 && b > 12) return null;
  if (a > 12) return [a, b];
  if (b > 12) return [b, a];
  return monthFirst ? [b, a] : [a, b];
}

function numericSpan(out: Candidate[], span: NumberSpan, monthFirst: boolean, now: Date): void {
  const tokens = span.tokens;
  const digits = span.digits;
  const part = (k: number): string => digits.slice(tokens[k]!.digitStart, tokens[k]!.digitEnd);
  if (span.spoken) {
    // "oh three oh two eighty five", "oh three, oh two, nineteen eighty five": the whole span.
    if (digits.length !== 6 && digits.length !== 8) return;
    const a = Number(digits.slice(0, 2));
    const b = Number(digits.slice(2, 4));
    const yText = digits.slice(4);
    const y = yText.length === 2 ? fullYear(Number(yText), now) : Number(yText);
    const dm = dayMonth(a, b, monthFirst);
    // "nineteen eighty five oh three oh two" reads year first.
    const ymd = { y: Number(digits.slice(0, 4)), m: Number(digits.slice(4, 6)), d: Number(digits.slice(6)) };
    const date =
      digits.length === 8 && plausibleBirthDate(ymd, now) ? ymd : dm ? { y, m: dm[1], d: dm[0] } : null;
    if (date && plausibleBirthDate(date, now)) emit(out, span.start, span.end, date, true);
    return;
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const size = t.digitEnd - t.digitStart;
    if (size === 8 && !t.spoken) {
      // "19850302" or "03021985", only as a whole token.
      const whole = part(i);
      const ymd = { y: Number(whole.slice(0, 4)), m: Number(whole.slice(4, 6)), d: Number(whole.slice(6)) };
      const dm = dayMonth(Number(whole.slice(0, 2)), Number(whole.slice(2, 4)), monthFirst);
      const date = plausibleBirthDate(ymd, now)
        ? ymd
        : dm
          ? { y: Number(whole.slice(4)), m: dm[1], d: dm[0] }
          : null;
      if (date && plausibleBirthDate(date, now)) emit(out, t.start, t.end, date, false);
      continue;
    }
    if (i + 2 >= tokens.length) continue;
    const t2 = tokens[i + 1]!;
    const t3 = tokens[i + 2]!;
    if (t.spoken || t2.spoken || t3.spoken) continue;
    const sep = t2.gapBefore.trim();
    if ((sep !== '/' && sep !== '-' && sep !== '.') || t3.gapBefore.trim() !== sep) continue;
    if (t2.gapBefore.length > 3 || t3.gapBefore.length > 3) continue;
    // Part of a longer run with the same separator ("1.2.3.4", "12-34-56-78").
    if (i > 0 && t.gapBefore.trim() === sep) continue;
    if (i + 3 < tokens.length && tokens[i + 3]!.gapBefore.trim() === sep) continue;
    const s1 = size;
    const s2 = t2.digitEnd - t2.digitStart;
    const s3 = t3.digitEnd - t3.digitStart;
    let date: Ymd | null = null;
    if (s1 === 4 && s2 <= 2 && s3 <= 2) {
      date = { y: Number(part(i)), m: Number(part(i + 1)), d: Number(part(i + 2)) };
    } else if (s1 <= 2 && s2 <= 2 && (s3 === 4 || s3 === 2)) {
      const dm = dayMonth(Number(part(i)), Number(part(i + 1)), monthFirst);
      const y = s3 === 4 ? Number(part(i + 2)) : fullYear(Number(part(i + 2)), now);
      if (dm) date = { y, m: dm[1], d: dm[0] };
    }
    if (date && plausibleBirthDate(date, now)) {
      emit(out, t.start, t3.end, date, false);
      i += 2;
    }
  }
}

// --- dates with month names ----------------------------------------------------------------------

interface Part {
  value: number;
  start: number;
  end: number;
  spoken: boolean;
}

/** "2", "02", "2nd", "second", "twenty second", "twenty-first", "thirty first". */
function dayFromWord(w: WordAt): Part | null {
  const typed = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(w.word);
  if (typed) return { value: Number(typed[1]), start: w.start, end: w.end, spoken: false };
  const ord = ORDINALS[w.word];
  if (ord === undefined) return null;
  return { value: ord, start: w.start, end: w.end, spoken: true };
}

/** The day starting at `pos` (reading forwards). */
function dayAfter(lower: string, pos: number): Part | null {
  let w = wordAfter(lower, pos);
  if (w && w.word === 'the') w = wordAfter(lower, w.end);
  if (!w) return null;
  const tens = w.word === 'twenty' ? 20 : w.word === 'thirty' ? 30 : 0;
  if (tens) {
    const u = wordAfter(lower, w.end, 2);
    const unit = u ? ORDINAL_UNITS[u.word] : undefined;
    if (u && unit !== undefined) return { value: tens + unit, start: w.start, end: u.end, spoken: true };
    return null;
  }
  return dayFromWord(w);
}

/** The day ending before `pos` (reading backwards, "of" skipped). */
function dayBefore(lower: string, pos: number): Part | null {
  let w = wordBefore(lower, pos);
  if (w && w.word === 'of') w = wordBefore(lower, w.start);
  if (!w) return null;
  let day = dayFromWord(w);
  if (!day) return null;
  if (day.spoken && day.value < 10) {
    // "twenty first", "thirty-first"
    const t = lower[w.start - 1] === '-' ? wordBefore(lower, w.start - 1, 1) : wordBefore(lower, w.start, 2);
    const tens = t ? (t.word === 'twenty' ? 20 : t.word === 'thirty' ? 30 : 0) : 0;
    if (t && tens) day = { value: tens + day.value, start: t.start, end: day.end, spoken: true };
  }
  // "the 3rd of March": the article is part of the spoken date.
  const the = wordBefore(lower, day.start, 2);
  if (the && the.word === 'the') day.start = the.start;
  return day;
}

/** Binary search: the first number span starting at or after `pos`. */
function spanAt(spans: readonly NumberSpan[], pos: number): NumberSpan | undefined {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return spans[lo];
}

/** A year starting near `pos`: "1985", "'85", "85", "nineteen eighty five", "two thousand and three". */
function yearAfter(view: TextView, pos: number, now: Date): Part | null {
  const text = view.text;
  const lower = view.lower;
  let i = pos;
  const stop = Math.min(text.length, pos + 4);
  // "12 Jan 1980", "Jan 12, 1980", and with dashes: "12-Jan-1980", "Jan-12-1980".
  while (i < stop && (text[i] === ' ' || text[i] === ',' || (i === pos && text[i] === '-'))) i++;
  let apostrophe = false;
  if (text[i] === "'" || text[i] === '\u2019') {
    apostrophe = true;
    i++;
  }
  const typed = /^\d{2}(?:\d{2})?(?![\p{L}\p{N}])/u.exec(text.slice(i, i + 5));
  if (typed) {
    const v = typed[0];
    const y = v.length === 4 ? Number(v) : fullYear(Number(v), now);
    return { value: y, start: apostrophe ? i - 1 : i, end: i + v.length, spoken: false };
  }
  if (apostrophe) return null;
  const w = wordAfter(lower, i, 1);
  if (!w) return null;
  if (w.word === 'two') {
    const th = wordAfter(lower, w.end, 2);
    if (th && th.word === 'thousand') {
      let p = th.end;
      const and = wordAfter(lower, p, 2);
      if (and && and.word === 'and') p = and.end;
      const small = cardinalAfter(lower, p);
      if (small) return { value: 2000 + small.value, start: w.start, end: small.end, spoken: true };
      return { value: 2000, start: w.start, end: th.end, spoken: true };
    }
  }
  const span = spanAt(view.numberSpans, w.start);
  if (!span || span.start !== w.start || !span.spoken) return null;
  // The tokens that make up the year: four digits ("nineteen eighty five") or two ("eighty five").
  for (const t of span.tokens) {
    if (t.digitEnd === 4)
      return { value: Number(span.digits.slice(0, 4)), start: span.start, end: t.end, spoken: true };
    if (t.digitEnd > 4) break;
  }
  if (span.digits.length === 2) {
    return { value: fullYear(Number(span.digits), now), start: span.start, end: span.end, spoken: true };
  }
  return null;
}

/** "three", "ten", "twenty", "twenty one" after "two thousand (and)". */
function cardinalAfter(lower: string, pos: number): Part | null {
  const w = wordAfter(lower, pos, 2);
  if (!w) return null;
  const v = CARDINAL[w.word];
  if (v === undefined || w.word === 'oh') return null;
  if (v >= 20 && v % 10 === 0) {
    const u = wordAfter(lower, w.end, 2);
    const unit = u ? CARDINAL[u.word] : undefined;
    if (u && unit !== undefined && unit > 0 && unit < 10)
      return { value: v + unit, start: w.start, end: u.end, spoken: true };
  }
  return { value: v, start: w.start, end: w.end, spoken: true };
}

function monthNames(view: TextView, out: Candidate[], now: Date): void {
  const lower = view.lower;
  MONTH_RE.lastIndex = 0;
  let m = MONTH_RE.exec(lower);
  while (m !== null) {
    const month = MONTHS[m[0]]!;
    const ms = m.index;
    let me = ms + m[0].length;
    if (lower[me] === '.') me++;
    // "2 March 1985", "2nd of March, 1985", "the second of March nineteen eighty five"
    const before = dayBefore(lower, ms);
    // The year after the month, read once: the full date and the year-less reading both need it.
    const monthYear = before ? yearAfter(view, me, now) : null;
    let found = false;
    if (before && monthYear) {
      const date = { y: monthYear.value, m: month, d: before.value };
      if (plausibleBirthDate(date, now)) {
        emit(out, before.start, monthYear.end, date, before.spoken || monthYear.spoken);
        MONTH_RE.lastIndex = Math.max(MONTH_RE.lastIndex, monthYear.end);
        found = true;
      }
    }
    if (!found) {
      // "March 2nd, 1985", "March second nineteen eighty-five", "March the 2nd 1985"
      const day = dayAfter(lower, me);
      const year = day ? yearAfter(view, day.end, now) : null;
      const date = day && year ? { y: year.value, m: month, d: day.value } : null;
      if (day && year && date && plausibleBirthDate(date, now)) {
        emit(out, ms, year.end, date, day.spoken || year.spoken);
        MONTH_RE.lastIndex = Math.max(MONTH_RE.lastIndex, year.end);
        found = true;
      }
      // No year: "the 14th of February", "February 14th". Reported only with a label beside it.
      // A year that makes no birth date ("2 March 2999") leaves no year-less reading either.
      const partial = before && !monthYear ? before : !before && day && !year ? day : null;
      if (!found && partial && partial.value >= 1 && partial.value <= daysIn(2000, month)) {
        const start = partial === before ? before.start : ms;
        const end = partial === before ? me : partial.end;
        emit(out, start, end, { y: 0, m: month, d: partial.value }, partial.spoken, true);
      }
    }
    m = MONTH_RE.exec(lower);
  }
}

export const dateOfBirthRecognizer: Recognizer = {
  name: 'date-of-birth',
  types: ['DATE_OF_BIRTH'],
  analyze(view: TextView, out: Finding[]): void {
    // Every form but a spoken year-less one ("born on the fourth of july") has a number, and
    // without a context word anywhere nothing here could reach the reporting threshold.
    const gate = GATE_RE.test(view.lower);
    if (!gate) {
      // Only an answer at the start of the turn can take its context from the question before;
      // without a number it can only be a short one ("the 3rd of March").
      const first = view.numberSpans[0];
      if (first ? first.start > ANSWER_START + CONTEXT_BEFORE : view.text.length > SHORT_ANSWER) return;
      // A short turn without a number ("mhm", "okay thanks") answers with a date only when it
      // names a month: tested on the turn first, which spares most of them the prior context.
      if (!first && !MONTH_HINT_RE.test(view.lower)) return;
      if (!GATE_RE.test(view.priorContext)) return;
    }
    const now = new Date();
    const monthFirst = (view.options.phoneRegions[0] ?? 'US').toUpperCase() === 'US';
    const found: Candidate[] = [];
    for (const span of view.numberSpans) numericSpan(found, span, monthFirst, now);
    monthNames(view, found, now);
    report(view, out, found);
  },
};
