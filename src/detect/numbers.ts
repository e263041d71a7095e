/**
 * Number spans: runs of typed digit groups and spoken number words, normalized to a digit string
 * that keeps a map back to the original characters.
 *
 * Speech-recognition transcripts read card numbers as words ("four one one one, double five ..."),
 * so every digit-based recognizer works on these spans rather than on raw `\d` matches. Spoken
 * numbers are read digit by digit, not as cardinals: "seven eighty eight" is 788 and
 * "forty one eleven" is 4111. "double"/"triple" only count before a digit word, so
 * "one double mocha" is not a number.
 */

export interface NumberToken {
  /** Original text range of the token (for "double five" the range of both words). */
  start: number;
  end: number;
  /** Range of the digits this token produced in `NumberSpan.digits`. */
  digitStart: number;
  digitEnd: number;
  spoken: boolean;
  /** The characters between the previous token and this one ("" for the first token). */
  gapBefore: string;
}

export interface NumberSpan {
  start: number;
  end: number;
  digits: string;
  /** For digit i, the original range of the token that produced it. */
  starts: Int32Array;
  ends: Int32Array;
  tokens: NumberToken[];
  /** At least one token was a number word. */
  spoken: boolean;
}

/** Spoken digit words, shared with recognizers that read spelled identifiers. */
export const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  oh: 0,
  o: 0,
  nought: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
export const TEENS: Readonly<Record<string, number>> = {
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
};
/** Tens words, as their first digit ("forty" is 4). */
export const TENS: Readonly<Record<string, number>> = {
  twenty: 2,
  thirty: 3,
  forty: 4,
  fourty: 4,
  fifty: 5,
  sixty: 6,
  seventy: 7,
  eighty: 8,
  ninety: 9,
};
/** Ordinal words of the units ("the twenty-first" is "twenty" and "first"). */
export const ORDINAL_UNITS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
};
/** Ordinal words as dates say days and months ("the third of march", "the ninth month"). */
export const ORDINALS: Readonly<Record<string, number>> = {
  ...ORDINAL_UNITS,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};
const REPEATS: Record<string, number> = { double: 2, triple: 3, treble: 3 };

/**
 * Candidate tokens. Digit runs must not touch letters or other digits' groups on either side
 * (SKUs, postcodes and IBANs are alphanumeric and have their own recognizers). The alternation is
 * of literal words behind a word boundary, so the match is linear in the input.
 */
const TOKEN_RE =
  /(?<![A-Za-z0-9])\d+(?![A-Za-z0-9])|\b(?:zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|fou?rty|fifty|sixty|seventy|eighty|ninety|hundred|double|triple|treble)\b/gi;

/**
 * Joins the turns of one speaker when the analyzer looks for a value split across turns
 * (U+2063 INVISIBLE SEPARATOR: never typed, so it cannot collide with real text). Recognizers that
 * check how a number is grouped accept any grouping across it.
 */
export const TURN_JUNCTION = '\u2063';

/** What may stand between two tokens of one number: separators and speech fillers, nothing else. */
const GAP_RE =
  /^(?:[\s,.;:\-\u2010-\u2015/()\u2063]|\b(?:u+h*m*|e+r+m*|a+h+|e+h+|h+m+|m+h*m+|dash|hyphen|space|slash)\b)*$/i;
const MAX_GAP = 24;
/**
 * Across a turn junction the next part may open with a word that carries the number on ("4111" /
 * "mhm" / "then 1111", "and 1111", "next 1111"). Only there: inside one turn "4111 and 1111" is as
 * likely two numbers.
 */
/** Those words, as a regex alternation; the analyzer trims them off the start of a part too. */
export const JUNCTION_WORDS = 'and|then|next|so|okay|ok';
const JUNCTION_GAP_RE = new RegExp(
  `^(?:[\\s,.;:\\-\\u2010-\\u2015/()\\u2063]|\\b(?:u+h*m*|e+r+m*|a+h+|e+h+|h+m+|m+h*m+|${JUNCTION_WORDS})\\b)*$`,
  'i',
);
/** The most tokens one span holds (a 34-character IBAN read digit by digit, with room to spare). */
const MAX_SPAN_TOKENS = 64;

type RawKind = 'digits' | 'unit' | 'teen' | 'tens' | 'hundred' | 'repeat';
interface RawToken {
  kind: RawKind;
  value: number;
  text: string;
  start: number;
  end: number;
}

function classify(word: string, start: number): RawToken {
  const end = start + word.length;
  const c = word.charCodeAt(0);
  if (c >= 48 && c <= 57) return { kind: 'digits', value: 0, text: word, start, end };
  const w = word.toLowerCase();
  const unit = UNITS[w];
  if (unit !== undefined) return { kind: 'unit', value: unit, text: w, start, end };
  const teen = TEENS[w];
  if (teen !== undefined) return { kind: 'teen', value: teen, text: w, start, end };
  const tens = TENS[w];
  if (tens !== undefined) return { kind: 'tens', value: tens, text: w, start, end };
  if (w === 'hundred') return { kind: 'hundred', value: 0, text: w, start, end };
  return { kind: 'repeat', value: REPEATS[w] ?? 2, text: w, start, end };
}

function isSingleDigit(t: RawToken | undefined): boolean {
  return t !== undefined && (t.kind === 'unit' || (t.kind === 'digits' && t.text.length === 1));
}

class SpanBuilder {
  digits = '';
  starts: number[] = [];
  ends: number[] = [];
  tokens: NumberToken[] = [];
  spoken = false;
  private pendingGap = '';

  gap(g: string): void {
    this.pendingGap = g;
  }

  push(digits: string, start: number, end: number, spoken: boolean, perChar: boolean): void {
    const digitStart = this.digits.length;
    for (let k = 0; k < digits.length; k++) {
      this.starts.push(perChar ? start + k : start);
      this.ends.push(perChar ? start + k + 1 : end);
    }
    this.digits += digits;
    this.tokens.push({
      start,
      end,
      digitStart,
      digitEnd: this.digits.length,
      spoken,
      gapBefore: this.pendingGap,
    });
    this.pendingGap = '';
    if (spoken) this.spoken = true;
  }

  build(): NumberSpan | null {
    const first = this.tokens[0];
    const last = this.tokens[this.tokens.length - 1];
    if (!first || !last) return null;
    return {
      start: first.start,
      end: last.end,
      digits: this.digits,
      starts: Int32Array.from(this.starts),
      ends: Int32Array.from(this.ends),
      tokens: this.tokens,
      spoken: this.spoken,
    };
  }
}

/** Converts one chain of adjacent raw tokens into spans (a "double" without a digit after it splits it). */
/** Whether the text between two tokens keeps them in one number (see GAP_RE, JUNCTION_GAP_RE). */
function gapJoins(gap: string): boolean {
  if (GAP_RE.test(gap)) return true;
  return gap.indexOf(TURN_JUNCTION) !== -1 && JUNCTION_GAP_RE.test(gap);
}

/** One character that GAP_RE accepts on its own (so the regex need not run for it). */
function isSimpleSeparator(c: number): boolean {
  return (
    c === 32 || // space
    c === 44 || // ,
    c === 45 || // -
    c === 46 || // .
    c === 47 || // /
    c === 58 || // :
    c === 59 || // ;
    c === 40 || // (
    c === 41 || // )
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 160 ||
    c === 0x2063 ||
    (c >= 0x2010 && c <= 0x2015)
  );
}

function convertChain(text: string, chain: RawToken[], out: NumberSpan[]): void {
  let b = new SpanBuilder();
  const flush = (): void => {
    const span = b.build();
    if (span && !isLoneOh(span)) out.push(span);
    b = new SpanBuilder();
  };
  for (let i = 0; i < chain.length; i++) {
    const t = chain[i]!;
    if (i > 0 && b.tokens.length > 0) b.gap(text.slice(chain[i - 1]!.end, t.start));
    switch (t.kind) {
      case 'digits':
        b.push(t.text, t.start, t.end, false, true);
        break;
      case 'unit':
        b.push(String(t.value), t.start, t.end, true, false);
        break;
      case 'teen':
        b.push(String(t.value), t.start, t.end, true, false);
        break;
      case 'tens': {
        const next = chain[i + 1];
        // "forty one" and "forty-one" are 41; "forty, one" is 40 then 1.
        if (
          next &&
          next.kind === 'unit' &&
          next.value > 0 &&
          /^[\s-]{1,2}$/.test(text.slice(t.end, next.start))
        ) {
          b.push(`${t.value}${next.value}`, t.start, next.end, true, false);
          i++;
        } else {
          b.push(`${t.value}0`, t.start, t.end, true, false);
        }
        break;
      }
      case 'hundred': {
        const prev = chain[i - 1];
        if (prev?.kind !== 'unit' || b.tokens.length === 0) {
          flush();
          break;
        }
        const next = chain[i + 1];
        const next2 = chain[i + 2];
        if (next && next.kind === 'teen') {
          b.push(String(next.value), t.start, next.end, true, false);
          i++;
        } else if (next && next.kind === 'tens') {
          if (next2 && next2.kind === 'unit' && next2.value > 0) {
            b.push(`${next.value}${next2.value}`, t.start, next2.end, true, false);
            i += 2;
          } else {
            b.push(`${next.value}0`, t.start, next.end, true, false);
            i++;
          }
        } else {
          // "seven hundred nine hundred one two three" is 700 900 123: when numbers are read out,
          // a digit after "hundred" starts the next group rather than filling the units.
          b.push('00', t.start, t.end, true, false);
        }
        break;
      }
      case 'repeat': {
        const next = chain[i + 1];
        if (!isSingleDigit(next)) {
          flush();
          break;
        }
        const d = next!.kind === 'unit' ? String(next!.value) : next!.text;
        b.push(d.repeat(t.value), t.start, next!.end, true, false);
        i++;
        break;
      }
    }
  }
  flush();
}

/** "oh" or "o" alone is an interjection, not a zero. */
function isLoneOh(span: NumberSpan): boolean {
  return span.tokens.length === 1 && span.spoken && span.digits === '0' && span.end - span.start <= 2;
}

/** Finds every number span in `text`, in order. */
export function findNumberSpans(text: string): NumberSpan[] {
  const out: NumberSpan[] = [];
  TOKEN_RE.lastIndex = 0;
  let chain: RawToken[] = [];
  let m: RegExpExecArray | null = TOKEN_RE.exec(text);
  while (m !== null) {
    const tok = classify(m[0], m.index);
    const prev = chain[chain.length - 1];
    if (prev) {
      const gapLen = tok.start - prev.end;
      // Most gaps are one space; only longer ones need the filler check.
      const simple = gapLen === 1 && isSimpleSeparator(text.charCodeAt(prev.end));
      // No value has more than MAX_SPAN_TOKENS groups; cutting there keeps every recognizer's
      // work per span bounded on hostile input ("1 1 1 1 ..." for a megabyte).
      if (
        chain.length >= MAX_SPAN_TOKENS ||
        (!simple && (gapLen > MAX_GAP || (gapLen > 0 && !gapJoins(text.slice(prev.end, tok.start)))))
      ) {
        convertChain(text, chain, out);
        chain = [];
      }
    }
    chain.push(tok);
    m = TOKEN_RE.exec(text);
  }
  if (chain.length > 0) convertChain(text, chain, out);
  return out;
}

/** The original range covering digits [from, to) of a span. */
export function digitRange(span: NumberSpan, from: number, to: number): { start: number; end: number } {
  return { start: span.starts[from]!, end: span.ends[to - 1]! };
}
