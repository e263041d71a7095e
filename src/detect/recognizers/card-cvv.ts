/**
 * CARD_CVV: the card security code (CVV/CVC/CV2/CSC/CID), three digits, or four on American
 * Express cards. Any three digits are a CVV only in card context, so a candidate counts when:
 * - a CVV word is near it ("cvv", "security code", "three digits on the back"), also in the
 *   previous turn ("and the security code?" / "seven eighty eight"), with no other number between
 *   the word and the candidate (in "cvv 123, order 456" the 456 is not a code);
 * - or it follows a card number and its expiry in the same text ("4111 ... expiring 12/27 code 123").
 * Four digits need an Amex or CID context, or the label right before them ("cvv: 1234"), and never
 * a year-like 19xx/20xx without that label. Without a CVV label right before it, a number is not
 * a code when it is the last digits of a card ("the card ending 4242", "last four digits are ..."),
 * an amount ("the payment of 349") or a cardinal going on with "and" ("nine hundred and four
 * euro"); with the label, "one hundred and twenty three" is covered whole.
 *
 * Candidates are whole runs of number tokens left free by the card and expiry parts
 * (`cardLayout`), so the last group of a card number or the year of an expiry is never taken, and
 * a longer number is never cut into a code. No `normalized` value: a CVV must never be
 * fingerprinted (PCI DSS forbids keeping it in any form), and the default policy removes it.
 */
import type { NumberSpan } from '../numbers.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import { type CardLayout, cardLayout, markOf, TOKEN_FREE } from './card-expiry.js';
import {
  distanceFromEnd,
  distanceFromStart,
  firstSpanEndingAfter,
  firstStartingFrom,
  lastEndingBy,
  looksLikeMoney,
  mayMention,
  numberBetween,
  OTHER_NUMBER_VOCAB,
  textAfter,
  textBefore,
  vocabulary,
} from './financial-context.js';

/** The CVV_VOCAB gate: a CVV word may be in the text. */
const CVV_GATE_RE =
  /(?:^|[^a-z0-9])(?:cv[vc2]|csc(?![a-z])|cid(?![a-z])|security\s|verification\s|card\s{1,3}code|(?:three|four|3|4)[ -]digit|digits on the back|(?:numbers?|code) on the back|back of (?:the|your) card)/;

export const CVV_VOCAB = vocabulary({
  prefix: [
    'cvv',
    'cvc',
    'cv2',
    'security code',
    'security number',
    'security digits',
    'verification code',
    'verification number',
    'verification value',
    'card code',
    'three digit',
    'three-digit',
    '3 digit',
    '3-digit',
    'four digit',
    'four-digit',
    '4 digit',
    '4-digit',
    'digits on the back',
    'number on the back',
    'numbers on the back',
    'code on the back',
    'back of the card',
    'back of your card',
  ],
  exact: ['csc', 'cid'],
  gate: CVV_GATE_RE,
});

/** Contexts in which a four-digit code is expected: Amex prints a four-digit CID on the front. */
const AMEX_VOCAB = vocabulary({
  prefix: ['amex', 'american express', 'four digit', 'four-digit', '4 digit', '4-digit', 'front of the card'],
  exact: ['cid'],
  gate: /(?:^|[^a-z0-9])(?:amex|american express|(?:four|4)[ -]digit|front of the card|cid(?![a-z]))/,
});

/** A CVV label right before the value ("cvv:", "security code is", "the cvc would be"). */
const CVV_LABEL_RE =
  /(?:^|[^a-z0-9])(?:cvv2?|cvc2?|cv2|csc|cid|security\s{1,3}(?:code|number|digits)|verification\s{1,3}(?:code|number|value)|card\s{1,3}code)(?![a-z])[^0-9]{0,24}$/;

/**
 * "code" (or "code on the back/front of the card") and at most "is", ":" or "=" right before a
 * value: in card context with an Amex or CID word, the four digits after it are the code even
 * when they look like a year ("the code on the back is 1980", "The code is 2041").
 */
const CODE_RIGHT_BEFORE_RE =
  /(?:^|[^a-z])code(?:\s{1,3}on\s{1,3}the\s{1,3}(?:back|front)(?:\s{1,3}of\s{1,3}(?:the|your|my)\s{1,3}card)?)?\s{0,3}(?:is|was|:|=)?\s{0,3}$/;

/**
 * The last digits of a card, said to identify it ("the card ending 4242", "ends in oh eight five
 * five", "last four digits are 1234"): printed on receipts, never a security code.
 */
const LAST_DIGITS_RE =
  /(?:^|[^a-z])(?:ending|ends|ended|finishing|finishes|last\s{1,3}(?:four|4)(?:\s{1,3}(?:digits|numbers))?)(?:\s{1,3}(?:in|with|on|of|are|is|being))?[\s:,]{0,3}$/;

/**
 * An amount right before the value: "taken the payment of 349", "a total of 120", "charged 99",
 * "that has gone through 1249", "I've put through forty nine ninety nine".
 */
const AMOUNT_BEFORE_RE =
  /(?:^|[^a-z])(?:payments?|charged?|total|amount|costs?|price|paid|refund(?:ed)?|balance|sum|(?:gone|went|put|goes)\s{1,3}through|processed)(?:\s{1,3}(?:of|is|was|for|to|be|at))?\s{0,3}$/;

/**
 * "nine hundred and four euro": a spoken number that goes on with "and" is a cardinal, an amount
 * or a quantity; a code is read digit by digit or in groups, never with "and" inside.
 */
const AND_MORE_RE =
  /^\s{1,3}and\s{1,3}(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s)/;

/** Characters a CVV word may stand before the value, or after it ("123, that's the cvv"). */
const WORD_BEFORE = 60;
const WORD_AFTER = 30;

interface Candidate {
  start: number;
  end: number;
  digits: string;
  spoken: boolean;
}

/** Free runs of tokens: what the card and expiry parts left of each span. */
function candidates(view: TextView, layout: CardLayout): Candidate[] {
  const out: Candidate[] = [];
  const spans = view.numberSpans;
  for (let s = 0; s < spans.length; s++) {
    const span = spans[s]!;
    const n = span.tokens.length;
    let a = 0;
    while (a < n) {
      if (markOf(layout, s, a) !== TOKEN_FREE) {
        a++;
        continue;
      }
      let b = a;
      while (b + 1 < n && markOf(layout, s, b + 1) === TOKEN_FREE) b++;
      const c = asCandidate(span, a, b + 1);
      if (c) out.push(c);
      a = b + 1;
    }
  }
  return out;
}

function asCandidate(span: NumberSpan, from: number, to: number): Candidate | null {
  const d0 = span.tokens[from]!.digitStart;
  const d1 = span.tokens[to - 1]!.digitEnd;
  const len = d1 - d0;
  if (len !== 3 && len !== 4) return null;
  let spoken = false;
  for (let k = from; k < to; k++) {
    const t = span.tokens[k]!;
    if (t.spoken) spoken = true;
    // Typed digits of one code are one group ("123"), or single digits spaced out ("1 2 3").
    else if (to - from > 1 && t.digitEnd - t.digitStart !== 1) return null;
  }
  return {
    start: span.tokens[from]!.start,
    end: span.tokens[to - 1]!.end,
    digits: span.digits.slice(d0, d1),
    spoken,
  };
}

export const cardCvvRecognizer: Recognizer = {
  name: 'card-cvv',
  types: ['CARD_CVV'],
  analyze(view: TextView, out: Finding[]): void {
    // Cost: most turns have no span of three digits or more and stop at the first check; the
    // rest pay the layout (shared with the expiry recognizer) and a pass over the spans, and
    // only a text with a candidate looks for a CVV word. The prior turns are read only when a
    // candidate is near enough to the start of the text for a word there to count.
    const spans = view.numberSpans;
    if (!spans.some((span) => span.digits.length >= 3)) return;
    const layout = cardLayout(view);
    const found = candidates(view, layout);
    if (found.length === 0) return;
    const words =
      CVV_GATE_RE.test(view.lower) || (found[0]!.start < WORD_BEFORE && mayMention(view, CVV_VOCAB, true));
    // Without a CVV word, only "card, expiry, code" or "card, the back says code" makes a code.
    if (!words && layout.expiries.length === 0 && layout.cards.length === 0) return;
    for (const c of found) {
      const score = backOfCard(view, layout, c) ? 0.9 : scoreOf(view, layout, c, words);
      if (score === 0) continue;
      // No `normalized`: a CVV never gets a fingerprint.
      out.push({
        type: 'CARD_CVV',
        start: c.start,
        end: cardinalEnd(view, c),
        score,
        recognizer: this.name,
        spoken: c.spoken,
      });
    }
  },
};

/** The last digits of the card or an amount, by the words right around the value. */
function notACode(view: TextView, c: Candidate, left: string): boolean {
  const near = left.slice(-32);
  return (
    LAST_DIGITS_RE.test(near) ||
    AMOUNT_BEFORE_RE.test(near) ||
    (c.spoken && view.lower.endsWith('hundred', c.end) && AND_MORE_RE.test(textAfter(view, c.end, 16)))
  );
}

function scoreOf(view: TextView, layout: CardLayout, c: Candidate, words: boolean): number {
  if (!words) {
    if (!afterCardAndExpiry(view, layout, c)) return 0;
    if (c.digits.length === 4 && (isYearLike(c.digits) || !amexContext(view, layout, c))) return 0;
    if (notACode(view, c, textBefore(view, c.start, 32))) return 0;
    return looksLikeMoney(view, c.start, c.end) ? 0 : 0.9;
  }
  if (looksLikeMoney(view, c.start, c.end)) return 0;
  const isPart = (s: number, k: number): boolean => markOf(layout, s, k) !== TOKEN_FREE;
  const left = textBefore(view, c.start, WORD_BEFORE);
  const labelRightBefore = CVV_LABEL_RE.test(left.slice(-40));
  // "the card ending 4242", "the payment of nine hundred and four euro": unless a CVV label
  // stands right before the value, these are not codes, whatever CVV word is near.
  if (!labelRightBefore && notACode(view, c, left)) return 0;
  if (c.digits.length === 4 && !labelRightBefore) {
    // A year-like 19xx/20xx is a year ("since 2019") unless "code" names it right before, or it
    // answers a question about the code ("... code on the front of the Amex?" / "it's 1988").
    const named = CODE_RIGHT_BEFORE_RE.test(left.slice(-48)) || answersCodeQuestion(view, c);
    if ((isYearLike(c.digits) && !named) || !amexContext(view, layout, c)) return 0;
  }
  if (labelRightBefore) return 0.95;
  // A CVV word before the value, with only card parts (card number, expiry) in between.
  const d = distanceFromEnd(left, CVV_VOCAB);
  if (d !== -1 && !numberBetween(view, Math.max(0, c.start - d), c.start, isPart)) {
    // "cvv? don't have it. my order is 456": a nearer label of another kind takes the number.
    const between = left.slice(left.length - d);
    if (!mayMention(view, OTHER_NUMBER_VOCAB) || distanceFromEnd(between, OTHER_NUMBER_VOCAB) === -1)
      return 0.9;
  }
  const right = textAfter(view, c.end, WORD_AFTER);
  const a = distanceFromStart(right, CVV_VOCAB);
  if (a !== -1 && !numberBetween(view, c.end, c.end + a)) return 0.9;
  if (afterCardAndExpiry(view, layout, c)) return 0.9;
  return 0;
}

/**
 * "cvv is one hundred and twenty three": a code said as a cardinal. The candidate ends at
 * "hundred"; its tens and units are the next span, after "and", and belong to the value.
 */
function cardinalEnd(view: TextView, c: Candidate): number {
  if (!c.spoken || !view.lower.endsWith('hundred', c.end)) return c.end;
  const and = /^\s{1,3}and\s{1,3}/.exec(textAfter(view, c.end, 10));
  if (!and) return c.end;
  const spans = view.numberSpans;
  const next = spans[firstSpanEndingAfter(view, c.end)];
  if (!next || next.start !== c.end + and[0].length || !next.tokens[0]!.spoken) return c.end;
  // The tens and units: at most two digits ("twenty three", "five", "eleven").
  let end = c.end;
  for (const t of next.tokens) {
    if (t.digitEnd > 2 || !t.spoken) break;
    end = t.end;
  }
  return end;
}

function isYearLike(digits: string): boolean {
  return digits.startsWith('19') || digits.startsWith('20');
}

/** The start of a turn said before its value: "okay, it's", "sure", "yes it is". */
const ANSWER_LEAD_RE = /^[^0-9]{0,20}$/;
const CODE_QUESTION_RE = /(?:^|[^a-z])(?:code|cvv|cvc|cid|csc|security)(?![a-z])[^.!]{0,60}$/;

/** The value opens a turn whose prior turn asks for a code. */
function answersCodeQuestion(view: TextView, c: Candidate): boolean {
  if (c.start > 20 || !ANSWER_LEAD_RE.test(view.lower.slice(0, c.start))) return false;
  return CODE_QUESTION_RE.test(view.priorContext.slice(-80));
}

/**
 * "my card is 4111 ... and the back says 123": three digits after a card number, with "back"
 * between them and no other number. Four digits are Amex codes, which are on the front.
 */
function backOfCard(view: TextView, layout: CardLayout, c: Candidate): boolean {
  if (c.digits.length !== 3) return false;
  const card = lastEndingBy(layout.cards, c.start);
  if (!card || c.start - card.end > 48 || numberBetween(view, card.end, c.start)) return false;
  return BACK_RE.test(view.lower.slice(card.end, c.start));
}
const BACK_RE = /(?:^|[^a-z])back(?![a-z])/;

/** "4111 1111 1111 1111 expiring 12/27 code 123": the card, its expiry, then the code. */
function afterCardAndExpiry(view: TextView, layout: CardLayout, c: Candidate): boolean {
  const e = lastEndingBy(layout.expiries, c.start);
  if (!e || c.start - e.end > 30 || numberBetween(view, e.end, c.start)) return false;
  const card = lastEndingBy(layout.cards, e.start);
  return card !== undefined && e.start - card.end <= 40 && !numberBetween(view, card.end, e.start);
}

function amexContext(view: TextView, layout: CardLayout, c: Candidate): boolean {
  const before = lastEndingBy(layout.cards, c.start);
  const after = firstStartingFrom(layout.cards, c.end);
  if ((before?.amex && c.start - before.end <= 120) || (after?.amex && after.start - c.end <= 60))
    return true;
  if (!mayMention(view, AMEX_VOCAB)) return false;
  return (
    distanceFromEnd(textBefore(view, c.start, 80), AMEX_VOCAB) !== -1 ||
    distanceFromStart(textAfter(view, c.end, 40), AMEX_VOCAB) !== -1
  );
}
