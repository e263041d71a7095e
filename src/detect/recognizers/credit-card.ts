/**
 * CREDIT_CARD: payment card numbers (PAN), typed or spoken. Candidates are number spans; a window
 * of whole tokens is a card when its length fits a brand's IIN range and its Luhn digit checks.
 * Typed windows must also be grouped the way people write cards (contiguous, 4-4-4-4(-3),
 * Amex/Diners 4-6-5 / 4-6-4), which keeps phone numbers and prices next to each other from
 * forming one.
 */
import { isAsciiAlnumCode, isAsciiLetterCode } from '../chars.js';
import { luhnValid, luhnValidRange } from '../checksums.js';
import { CARD_WORDS, NON_CARD_LABELS } from '../context-words.js';
import { digitRange, type NumberSpan, TURN_JUNCTION } from '../numbers.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';

interface Brand {
  name: string;
  /** Inclusive IIN prefix ranges, compared on the first `len` digits. */
  ranges: ReadonlyArray<readonly [number, number, number]>;
  lengths: readonly number[];
}

const BRANDS: readonly Brand[] = [
  { name: 'visa', ranges: [[4, 4, 1]], lengths: [13, 16, 19] },
  {
    name: 'mastercard',
    ranges: [
      [51, 55, 2],
      [2221, 2720, 4],
    ],
    lengths: [16],
  },
  {
    name: 'amex',
    ranges: [
      [34, 34, 2],
      [37, 37, 2],
    ],
    lengths: [15],
  },
  {
    name: 'discover',
    ranges: [
      [6011, 6011, 4],
      [644, 649, 3],
      [65, 65, 2],
      [622126, 622925, 6],
    ],
    lengths: [16, 17, 18, 19],
  },
  { name: 'jcb', ranges: [[3528, 3589, 4]], lengths: [16, 17, 18, 19] },
  { name: 'diners', ranges: [[36, 36, 2]], lengths: [14, 15, 16, 17, 18, 19] },
  {
    name: 'diners',
    ranges: [
      [300, 305, 3],
      [3095, 3095, 4],
      [38, 39, 2],
    ],
    lengths: [14, 16, 17, 18, 19],
  },
  { name: 'unionpay', ranges: [[62, 62, 2]], lengths: [16, 17, 18, 19] },
  { name: 'mir', ranges: [[2200, 2204, 4]], lengths: [16, 17, 18, 19] },
  {
    name: 'maestro',
    ranges: [
      [50, 50, 2],
      [56, 69, 2],
    ],
    lengths: [12, 13, 14, 15, 16, 17, 18, 19],
  },
];

/** Most common lengths first: when several windows validate, the likelier card wins. */
const LENGTH_PREFERENCE = [16, 15, 14, 19, 13, 18, 17, 12];

export function cardBrand(digits: string): string | null {
  for (const b of BRANDS) {
    if (!b.lengths.includes(digits.length)) continue;
    for (const [lo, hi, n] of b.ranges) {
      const p = Number(digits.slice(0, n));
      if (p >= lo && p <= hi) return b.name;
    }
  }
  return null;
}

/** The prefix of `digits` starting at `from`, as a number of `n` digits (NaN past the end). */
function prefixAt(digits: string, from: number, n: number): number {
  if (from + n > digits.length) return Number.NaN;
  let v = 0;
  for (let k = 0; k < n; k++) v = v * 10 + (digits.charCodeAt(from + k) - 48);
  return v;
}

/**
 * Bit L is set when some brand issues L-digit cards with the prefix found at `from`. Computed
 * once per start position, so windows that no brand allows cost nothing (digits "1 1 1 ..." or a
 * run starting with 1, 7, 8, 9 or 0 are dismissed at once).
 */
export function brandLengthsAt(digits: string, from: number): number {
  let mask = 0;
  for (const b of BRANDS) {
    for (const [lo, hi, n] of b.ranges) {
      const p = prefixAt(digits, from, n);
      if (p >= lo && p <= hi) {
        for (const l of b.lengths) mask |= 1 << l;
        break;
      }
    }
  }
  return mask;
}

export function isCardNumber(digits: string): boolean {
  return digits.length >= 12 && digits.length <= 19 && cardBrand(digits) !== null && luhnValid(digits);
}

/** A typed token tightly joined to the one before it ("1234-5678", "1234.5678"): one written number. */
function joinedBefore(span: NumberSpan, k: number): boolean {
  const t = span.tokens[k];
  if (!t || k === 0 || t.spoken || span.tokens[k - 1]!.spoken) return false;
  return t.gapBefore === '-' || t.gapBefore === '.';
}

function groupingOk(span: NumberSpan, i: number, j: number): boolean {
  // A card is the whole of a number written with dashes or dots, never a part of one: the last
  // twelve digits of order number "1234-5678-9012-3456" pass Luhn and a Maestro prefix one time
  // in ten.
  if (joinedBefore(span, i) || joinedBefore(span, j + 1)) return false;
  if (i === j) return true;
  let sep: string | undefined;
  const sizes: number[] = [];
  for (let k = i; k <= j; k++) {
    const t = span.tokens[k]!;
    if (t.spoken) return true; // spoken or mixed: people pause anywhere
    if (k > i && !t.gapBefore.includes(TURN_JUNCTION)) {
      const g = t.gapBefore.trim() === '' ? ' ' : t.gapBefore.trim();
      if (g !== ' ' && g !== '-' && g !== '.') return false;
      if (sep === undefined) sep = g;
      else if (sep !== g) return false;
      if (t.gapBefore.length > 3) return false;
    }
    sizes.push(t.digitEnd - t.digitStart);
  }
  const last = sizes.length - 1;
  if (sizes.every((s, k) => (k === last ? s >= 1 && s <= 4 : s === 4))) return true;
  // Amex 4-6-5 and Diners 4-6-4.
  if (sizes.length === 3 && sizes[0] === 4 && sizes[1] === 6 && (sizes[2] === 5 || sizes[2] === 4))
    return true;
  // 4-4-4-4-3 (19 digits) is covered above; 5-5-5-1 and 6-4-... are not card formats anywhere.
  return false;
}

/**
 * True when a non-card label ("order", "tracking number", "invoice #") stands right before the
 * number, with nothing but "number"/"no"/"#"/":" between. A label further away names something
 * else ("flyers (ref 2) 5555 ...").
 */
function labelledAsOtherNumber(lower: string, start: number): boolean {
  const before = lower.slice(Math.max(0, start - 40), start);
  const m = LABEL_TAIL_RE.exec(before);
  if (!m) return false;
  const head = before.slice(0, m.index);
  return NON_CARD_LABELS.some((label) => head.endsWith(label));
}
/** What may stand between a label and its number: "number", "no.", "num", "id", "#", ":" and spaces. */
const LABEL_TAIL_RE = /(?:\s|:|#|\bnumber\b|\bno\.?|\bnum\b|\bid\b|\bis\b){0,12}$/;

/**
 * A card read aloud is a number of its own: at most a digit or two before it in the same run of
 * number words ("number two, four one one one ...") and at most an expiry or CVV's worth after it.
 * Without this, any 16 digits in the middle of a spoken IBAN or account number pass Luhn one time
 * in ten.
 */
function spokenWindowOk(span: NumberSpan, i: number, j: number): boolean {
  let spoken = false;
  for (let k = i; k <= j && !spoken; k++) spoken = span.tokens[k]!.spoken;
  if (!spoken) return true;
  const before = span.tokens[i]!.digitStart;
  const after = span.digits.length - span.tokens[j]!.digitEnd;
  return before <= 2 && after <= 4;
}

/** Tokens j+1 and j+2 of `span` read as a typed MM/YY or MM/YYYY ("06/24", "06/2024"). */
function expiryFollows(span: NumberSpan, j: number): boolean {
  const m = span.tokens[j + 1];
  const y = span.tokens[j + 2];
  if (!m || !y || m.spoken || y.spoken || y.gapBefore !== '/') return false;
  const mm = span.digits.slice(m.digitStart, m.digitEnd);
  const yy = y.digitEnd - y.digitStart;
  return mm.length <= 2 && Number(mm) >= 1 && Number(mm) <= 12 && (yy === 2 || yy === 4);
}

/**
 * A typed card in an odd grouping: "4111 1111 1111 111 1", "4111-1111 1111-1111", digit by digit
 * ("4 1 1 1 ..."), in pairs. Taken only when it is the whole number (nothing carved out of a longer
 * one), every gap is a short run of spaces, dashes or dots, and card words stand near it (see
 * `findCards`): without them, strict grouping keeps phone numbers and prices that stand next to
 * each other from passing as a card.
 */
function looseWholeSpan(span: NumberSpan, i: number, j: number): boolean {
  const tokens = span.tokens;
  if (i === j || i !== 0 || j !== tokens.length - 1) return false;
  for (let k = i; k <= j; k++) {
    const t = tokens[k]!;
    if (t.spoken) return false;
    if (k > i && !/^[ .-]{1,3}$/.test(t.gapBefore)) return false;
  }
  return true;
}

function cardWordsNear(view: TextView, span: NumberSpan, i: number, j: number): boolean {
  const { start, end } = digitRange(span, span.tokens[i]!.digitStart, span.tokens[j]!.digitEnd);
  return view.hasContext(start, end, CARD_WORDS, 120, 60);
}

const NAME = 'credit-card';
const FINDINGS = Symbol('credit-card-findings');

/**
 * The card findings of a text, computed once per view and shared: the expiry and CVV recognizers
 * need the card numbers too (not to take their groups, and for "card, expiry, code").
 */
export function cardFindings(view: TextView): readonly Finding[] {
  return view.memo(FINDINGS, findCards);
}

export const creditCardRecognizer: Recognizer = {
  name: NAME,
  types: ['CREDIT_CARD'],
  analyze(view: TextView, out: Finding[]): void {
    for (const f of cardFindings(view)) out.push({ ...f });
  },
};

function findCards(view: TextView): Finding[] {
  const out: Finding[] = [];
  for (const span of view.numberSpans) {
    if (span.digits.length < 12) continue;
    const tokens = span.tokens;
    let i = 0;
    while (i < tokens.length) {
      let best = -1;
      let bestRank = Number.POSITIVE_INFINITY;
      const from = tokens[i]!.digitStart;
      const lengths = brandLengthsAt(span.digits, from);
      for (let j = i; lengths !== 0 && j < tokens.length; j++) {
        const len = tokens[j]!.digitEnd - from;
        if (len > 19) break;
        if (len < 12 || ((lengths >> len) & 1) === 0) continue;
        if (!luhnValidRange(span.digits, from, from + len)) continue;
        if (!groupingOk(span, i, j) && !(looseWholeSpan(span, i, j) && cardWordsNear(view, span, i, j)))
          continue;
        if (!spokenWindowOk(span, i, j)) continue;
        // A window that takes the rest of the span beats a shorter one that passes Luhn by chance
        // (one in ten does) and would leave the last digits of the card behind.
        // So does one that ends where an expiry date starts ("4299 3259 9646 2894 818 06/24 611":
        // the 19 digits, not 16 that leave "818" behind).
        const rank = j === tokens.length - 1 || expiryFollows(span, j) ? -1 : LENGTH_PREFERENCE.indexOf(len);
        if (rank < bestRank) {
          bestRank = rank;
          best = j;
        }
      }
      if (best < 0) {
        i++;
        continue;
      }
      const to = tokens[best]!.digitEnd;
      const { start, end } = digitRange(span, from, to);
      const spoken = tokens.slice(i, best + 1).some((t) => t.spoken);
      let score = spoken ? 0.85 : 0.9;
      if (view.hasContext(start, end, CARD_WORDS, 120, 60)) score = 0.99;
      else if (!spoken && labelledAsOtherNumber(view.lower, start)) score = 0.4;
      out.push({
        type: 'CREDIT_CARD',
        start,
        end,
        score,
        recognizer: NAME,
        spoken,
        normalized: span.digits.slice(from, to),
      });
      i = best + 1;
    }
  }
  if (view.hasDigit) gluedCards(view, out);
  return out;
}

/**
 * A card number glued to a short word, as typed in a hurry ("card4111111111111111",
 * "4111111111111111exp 09/25"): number spans leave digits that touch letters out (they are SKUs
 * and references far more often), so these are looked for on their own. Only a whole run of
 * 12-19 digits with a card's prefix, length and Luhn check, touching a word of at most six letters
 * on one side or both (a longer alphanumeric token is a hash or an identifier), at the score of a
 * card without card words unless they stand near. The scan looks for runs of twelve digits with a
 * plain pattern and reads the letters around each by hand: a pattern with the letters in it was
 * tried at every letter of every text, 2% of the engine's time.
 */
const DIGIT_RUN_RE = /\d{12,}/g;
/** Longest word a glued card may touch. */
const MAX_GLUED_WORD = 6;

function gluedCards(view: TextView, out: Finding[]): void {
  const text = view.text;
  DIGIT_RUN_RE.lastIndex = 0;
  for (let m = DIGIT_RUN_RE.exec(text); m !== null; m = DIGIT_RUN_RE.exec(text)) {
    const digits = m[0];
    const start = m.index;
    const end = start + digits.length;
    if (digits.length > 19) continue;
    let a = start;
    while (a > 0 && start - a <= MAX_GLUED_WORD && isAsciiLetterCode(text.charCodeAt(a - 1))) a--;
    let b = end;
    while (b < text.length && b - end <= MAX_GLUED_WORD && isAsciiLetterCode(text.charCodeAt(b))) b++;
    if (a === start && b === end) continue;
    if (start - a > MAX_GLUED_WORD || b - end > MAX_GLUED_WORD) continue;
    if (
      (a > 0 && isAsciiAlnumCode(text.charCodeAt(a - 1))) ||
      (b < text.length && isAsciiAlnumCode(text.charCodeAt(b)))
    )
      continue;
    if (!isCardNumber(digits)) continue;
    let score = 0.9;
    if (view.hasContext(start, end, CARD_WORDS, 120, 60)) score = 0.99;
    else if (labelledAsOtherNumber(view.lower, a)) score = 0.4;
    out.push({ type: 'CREDIT_CARD', start, end, score, recognizer: NAME, normalized: digits });
  }
}
