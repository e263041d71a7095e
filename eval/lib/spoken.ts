/**
 * Numbers and identifiers as a speech-recognition transcript writes them when a caller reads them
 * out: digit by digit ("four one one one"), in pairs ("forty one eleven"), with repeats ("double
 * five", "triple zero"), "oh" for zero, hundreds ("seven hundred"), fillers between groups ("uh",
 * "um"), and letters spelled one by one.
 *
 * Every rendering must mean exactly the digits given to a human listener; where two groups would
 * run together into another number ("forty" then "one" is heard as 41, "hundred" then "fifteen"
 * as 115) the renderer separates them with a pause word or reads the next group digit by digit.
 */
import type { Rng } from './prng.js';

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'] as const;
const TEENS = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;

type Kind = 'unit' | 'zero' | 'teen' | 'tens' | 'hundred' | 'repeat';
interface Word {
  w: string;
  kind: Kind;
}

export interface SpeakOptions {
  /** Probability that a group of even length is read in pairs ("forty one eleven"). */
  pairs?: number;
  /** Probability that a run of equal digits is read as "double"/"triple". */
  repeats?: number;
  /** Probability of a filler ("uh", "um") between two groups. */
  fillers?: number;
  /** Probability that "X00" is read "X hundred". */
  hundreds?: number;
  /** Probability of the word "dash" between groups (phone and SSN readers say it). */
  dash?: number;
  /** Write pauses between groups as commas (a cleaned-up transcript) instead of nothing. */
  commas?: boolean;
  /** "oh" or "zero" for 0; default: drawn per number. */
  zero?: 'oh' | 'zero';
}

const FILLERS = ['uh', 'um', 'uh', 'er', 'uhm'] as const;

function zeroWord(rng: Rng, style: 'oh' | 'zero'): string {
  // People mostly stick to one word for zero, with the odd slip.
  if (rng.chance(0.1)) return style === 'oh' ? 'zero' : 'oh';
  return style;
}

function unit(d: number, rng: Rng, zero: 'oh' | 'zero'): Word {
  return d === 0 ? { w: zeroWord(rng, zero), kind: 'zero' } : { w: UNITS[d]!, kind: 'unit' };
}

function digitByDigit(g: string, rng: Rng, o: Required<SpeakOptions>, out: Word[]): void {
  let i = 0;
  while (i < g.length) {
    const d = g.charCodeAt(i) - 48;
    let run = 1;
    while (i + run < g.length && g.charCodeAt(i + run) === g.charCodeAt(i)) run++;
    if (run >= 3 && rng.chance(o.repeats)) {
      out.push({ w: 'triple', kind: 'repeat' }, unit(d, rng, o.zero));
      i += 3;
    } else if (run >= 2 && rng.chance(o.repeats)) {
      out.push({ w: 'double', kind: 'repeat' }, unit(d, rng, o.zero));
      i += 2;
    } else {
      out.push(unit(d, rng, o.zero));
      i += 1;
    }
  }
}

function pair(a: number, b: number, rng: Rng, o: Required<SpeakOptions>, out: Word[]): void {
  if (a === 0 && b === 0) {
    if (rng.chance(0.5)) out.push({ w: 'double', kind: 'repeat' }, unit(0, rng, o.zero));
    else out.push(unit(0, rng, o.zero), unit(0, rng, o.zero));
  } else if (a === 0) {
    out.push(unit(0, rng, o.zero), unit(b, rng, o.zero));
  } else if (a === 1) {
    out.push({ w: TEENS[b]!, kind: 'teen' });
  } else if (b === 0) {
    out.push({ w: TENS[a]!, kind: 'tens' });
  } else {
    out.push({ w: TENS[a]!, kind: 'tens' }, { w: UNITS[b]!, kind: 'unit' });
  }
}

function renderGroup(g: string, rng: Rng, o: Required<SpeakOptions>, forceDigits: boolean): Word[] {
  const out: Word[] = [];
  if (!forceDigits && o.hundreds > 0 && g.length >= 3 && g.endsWith('00') && rng.chance(o.hundreds)) {
    const head = g.slice(0, -2);
    const a = head.charCodeAt(0) - 48;
    if (head.length === 1 && a > 0) {
      out.push(unit(a, rng, o.zero), { w: 'hundred', kind: 'hundred' });
      return out;
    }
    const b = head.charCodeAt(1) - 48;
    // "forty one hundred" is 4100; a teen or a bare tens word before "hundred" means something else.
    if (head.length === 2 && (a === 0 || (a >= 2 && b > 0))) {
      pair(a, b, rng, o, out);
      out.push({ w: 'hundred', kind: 'hundred' });
      return out;
    }
  }
  if (!forceDigits && g.length % 2 === 0 && rng.chance(o.pairs)) {
    for (let i = 0; i < g.length; i += 2) pair(g.charCodeAt(i) - 48, g.charCodeAt(i + 1) - 48, rng, o, out);
    return out;
  }
  digitByDigit(g, rng, o, out);
  return out;
}

/** Reads `digits` in the given group sizes (which must add up to its length). */
export function speakDigits(
  digits: string,
  groups: readonly number[],
  rng: Rng,
  options: SpeakOptions = {},
): string {
  const o: Required<SpeakOptions> = {
    pairs: options.pairs ?? 0.25,
    repeats: options.repeats ?? 0.5,
    fillers: options.fillers ?? 0.12,
    hundreds: options.hundreds ?? 0.3,
    dash: options.dash ?? 0,
    commas: options.commas ?? false,
    zero: options.zero ?? (rng.chance(0.55) ? 'oh' : 'zero'),
  };
  let text = '';
  let prevLast: Word | undefined;
  let pos = 0;
  for (const size of groups) {
    const g = digits.slice(pos, pos + size);
    pos += size;
    let words = renderGroup(g, rng, o, false);
    const first = words[0]!;
    // After "hundred", a teen or tens word would be heard as part of it ("seven hundred fifteen").
    if (prevLast?.kind === 'hundred' && (first.kind === 'teen' || first.kind === 'tens')) {
      words = renderGroup(g, rng, o, true);
    }
    if (prevLast) {
      const start = words[0]!;
      // "forty" then "one" is heard as forty-one: a pause keeps them apart.
      const clash = prevLast.kind === 'tens' && start.kind === 'unit';
      if (clash) text += o.commas ? ', ' : ` ${rng.pick(FILLERS)} `;
      else if (rng.chance(o.fillers))
        text += o.commas ? `, ${rng.pick(FILLERS)}, ` : ` ${rng.pick(FILLERS)} `;
      else if (rng.chance(o.dash)) text += ' dash ';
      else text += o.commas ? ', ' : ' ';
    }
    text += words.map((w) => w.w).join(' ');
    prevLast = words[words.length - 1];
  }
  return text;
}

/** The digits of `digits` one by one ("one two three"), for short codes. */
export function speakEach(digits: string, rng: Rng, zero?: 'oh' | 'zero'): string {
  const z = zero ?? (rng.chance(0.5) ? 'oh' : 'zero');
  const out: string[] = [];
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(i) - 48;
    out.push(d === 0 ? zeroWord(rng, z) : UNITS[d]!);
  }
  return out.join(' ');
}

const NATO: Record<string, string> = {
  a: 'alpha',
  b: 'bravo',
  c: 'charlie',
  d: 'delta',
  e: 'echo',
  f: 'foxtrot',
  g: 'golf',
  h: 'hotel',
  i: 'india',
  j: 'juliet',
  k: 'kilo',
  l: 'lima',
  m: 'mike',
  n: 'november',
  o: 'oscar',
  p: 'papa',
  q: 'quebec',
  r: 'romeo',
  s: 'sierra',
  t: 'tango',
  u: 'uniform',
  v: 'victor',
  w: 'whiskey',
  x: 'x-ray',
  y: 'yankee',
  z: 'zulu',
};

/**
 * Spells an identifier: letters as single lower-case letters (or NATO words when `nato`), digits
 * as number words. Upper-case letters of a password get "capital" when `marksCase`.
 */
export function spell(value: string, rng: Rng, opts: { nato?: boolean; marksCase?: boolean } = {}): string {
  const zero = rng.chance(0.5) ? 'oh' : 'zero';
  const out: string[] = [];
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      out.push(c === 48 ? zero : UNITS[c - 48]!);
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      const lower = ch.toLowerCase();
      if (opts.marksCase && c <= 90) out.push('capital');
      out.push(opts.nato ? NATO[lower]! : lower);
    } else {
      const name = SYMBOL_NAMES[ch];
      if (name) out.push(name);
    }
  }
  return out.join(' ');
}

const SYMBOL_NAMES: Record<string, string> = {
  '!': 'exclamation mark',
  '@': 'at sign',
  '#': 'hash',
  $: 'dollar sign',
  '%': 'percent',
  '&': 'and sign',
  '*': 'star',
  '-': 'dash',
  _: 'underscore',
  '.': 'dot',
  '?': 'question mark',
};

/** A cardinal number in words for small quantities ("two hundred", "forty five"). */
export function cardinal(n: number): string {
  if (n < 10) return UNITS[n]!;
  if (n < 20) return TEENS[n - 10]!;
  if (n < 100) return n % 10 === 0 ? TENS[n / 10]! : `${TENS[Math.floor(n / 10)]} ${UNITS[n % 10]}`;
  if (n < 1000) {
    const rest = n % 100;
    return `${UNITS[Math.floor(n / 100)]} hundred${rest === 0 ? '' : ` and ${cardinal(rest)}`}`;
  }
  const rest = n % 1000;
  return `${cardinal(Math.floor(n / 1000))} thousand${rest === 0 ? '' : ` ${cardinal(rest)}`}`;
}

const ORDINALS = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
] as const;

/** "fourteenth", "twenty first", "thirty first". */
export function ordinalWords(n: number): string {
  if (n <= 20) return ORDINALS[n]!;
  if (n === 30) return 'thirtieth';
  return `${TENS[Math.floor(n / 10)]} ${ORDINALS[n % 10]}`;
}

/** "1st", "22nd", "13th". */
export function ordinalSuffix(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  const u = n % 10;
  return `${n}${u === 1 ? 'st' : u === 2 ? 'nd' : u === 3 ? 'rd' : 'th'}`;
}

/** A year as people say it: "nineteen eighty five", "two thousand and three", "twenty twelve". */
export function spokenYear(y: number, rng: Rng): string {
  if (y >= 2000 && y < 2010)
    return rng.chance(0.7) ? `two thousand and ${UNITS[y - 2000]}` : `two thousand ${UNITS[y - 2000]}`;
  const hi = Math.floor(y / 100);
  const lo = y % 100;
  const head = cardinal(hi);
  if (lo === 0) return `${head} hundred`;
  if (lo < 10) return `${head} oh ${UNITS[lo]}`;
  return `${head} ${cardinal(lo)}`;
}
