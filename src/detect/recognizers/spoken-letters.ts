/**
 * Letters as speech recognition writes them when a caller spells an identifier: single letters
 * ("a b"), letter names ("bee", "dee", "aitch") and the NATO alphabet ("alpha", "bravo"). Used by
 * the national-identifier and password recognizers, which need letters next to spoken digits.
 *
 * Every reader looks at a bounded number of characters around one position, so callers stay
 * linear in the text length however often they call it.
 */
import { isWordChar } from '../view.js';

const LETTER_WORDS: Record<string, string> = {
  ay: 'a',
  bee: 'b',
  be: 'b',
  see: 'c',
  cee: 'c',
  sea: 'c',
  dee: 'd',
  ee: 'e',
  ef: 'f',
  eff: 'f',
  gee: 'g',
  aitch: 'h',
  haitch: 'h',
  eye: 'i',
  jay: 'j',
  kay: 'k',
  el: 'l',
  ell: 'l',
  em: 'm',
  en: 'n',
  pee: 'p',
  cue: 'q',
  queue: 'q',
  ar: 'r',
  are: 'r',
  ess: 's',
  tee: 't',
  tea: 't',
  you: 'u',
  vee: 'v',
  ex: 'x',
  why: 'y',
  zed: 'z',
  zee: 'z',
  alpha: 'a',
  alfa: 'a',
  bravo: 'b',
  charlie: 'c',
  delta: 'd',
  echo: 'e',
  foxtrot: 'f',
  golf: 'g',
  hotel: 'h',
  india: 'i',
  juliet: 'j',
  juliett: 'j',
  kilo: 'k',
  lima: 'l',
  mike: 'm',
  november: 'n',
  oscar: 'o',
  papa: 'p',
  quebec: 'q',
  romeo: 'r',
  sierra: 's',
  tango: 't',
  uniform: 'u',
  victor: 'v',
  whiskey: 'w',
  whisky: 'w',
  xray: 'x',
  'x-ray': 'x',
  yankee: 'y',
  zulu: 'z',
};

/** Longest word the readers look at ("november", "seventeenth"). */
const MAX_WORD = 12;

export interface WordAt {
  /** Lower-case word. */
  word: string;
  start: number;
  end: number;
}

export interface LetterAt {
  /** Lower-case letter. */
  letter: string;
  start: number;
  end: number;
}

/** Spaces, commas, dots, hyphens, and the analyzer's turn junction (U+2063). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 46 || c === 45 || c === 0x2063;
}

/** The word that starts after at most `maxGap` spaces, commas, dots or hyphens from `pos`. */
export function wordAfter(lower: string, pos: number, maxGap = 3): WordAt | null {
  let i = pos;
  const gapEnd = Math.min(lower.length, pos + maxGap);
  while (i < gapEnd && isSpace(lower.charCodeAt(i))) i++;
  if (i >= lower.length || !isWordChar(lower.charCodeAt(i))) return null;
  if (i > 0 && i === pos && isWordChar(lower.charCodeAt(i - 1))) return null;
  let j = i;
  const limit = Math.min(lower.length, i + MAX_WORD + 1);
  while (j < limit && isWordChar(lower.charCodeAt(j))) j++;
  if (j < lower.length && isWordChar(lower.charCodeAt(j))) return null;
  return { word: lower.slice(i, j), start: i, end: j };
}

/** The word that ends at most `maxGap` spaces, commas, dots or hyphens before `pos`. */
export function wordBefore(lower: string, pos: number, maxGap = 3): WordAt | null {
  let j = pos;
  const gapStart = Math.max(0, pos - maxGap);
  while (j > gapStart && isSpace(lower.charCodeAt(j - 1))) j--;
  if (j <= 0 || !isWordChar(lower.charCodeAt(j - 1))) return null;
  if (j < lower.length && j === pos && isWordChar(lower.charCodeAt(j))) return null;
  let i = j;
  const limit = Math.max(0, j - MAX_WORD - 1);
  while (i > limit && isWordChar(lower.charCodeAt(i - 1))) i--;
  if (i > 0 && isWordChar(lower.charCodeAt(i - 1))) return null;
  return { word: lower.slice(i, j), start: i, end: j };
}

/** The letter a single spoken word stands for, or null. */
export function letterOfWord(word: string): string | null {
  if (word.length === 1) {
    const c = word.charCodeAt(0);
    return c >= 97 && c <= 122 ? word : null;
  }
  return LETTER_WORDS[word] ?? null;
}

/** A spelled letter right after `pos` ("c", "charlie", "double you"), or null. */
export function letterAfter(lower: string, pos: number, maxGap = 3): LetterAt | null {
  const w = wordAfter(lower, pos, maxGap);
  if (!w) return null;
  if (w.word === 'double') {
    const next = wordAfter(lower, w.end, 2);
    if (next && (next.word === 'u' || next.word === 'you'))
      return { letter: 'w', start: w.start, end: next.end };
    return null;
  }
  // "x-ray" and "x ray" are read as two words (a hyphen separates words here).
  if (w.word === 'x') {
    const next = wordAfter(lower, w.end, 1);
    if (next && next.word === 'ray') return { letter: 'x', start: w.start, end: next.end };
  }
  const letter = letterOfWord(w.word);
  return letter ? { letter, start: w.start, end: w.end } : null;
}

/** A spelled letter right before `pos`, or null. */
export function letterBefore(lower: string, pos: number, maxGap = 3): LetterAt | null {
  const w = wordBefore(lower, pos, maxGap);
  if (!w) return null;
  if (w.word === 'u' || w.word === 'you') {
    const prev = wordBefore(lower, w.start, 2);
    if (prev && prev.word === 'double') return { letter: 'w', start: prev.start, end: w.end };
  }
  if (w.word === 'ray') {
    const prev = wordBefore(lower, w.start, 1);
    if (prev && prev.word === 'x') return { letter: 'x', start: prev.start, end: w.end };
  }
  const letter = letterOfWord(w.word);
  return letter ? { letter, start: w.start, end: w.end } : null;
}
