/**
 * IBAN_CODE read aloud in a call: the country code spelled as letters ("g b", "i e"), then the
 * check digits and the BBAN as number words and spelled letters ("nine one m i d l five oh
 * seven ..."). Typed IBANs are the `iban` recognizer's.
 *
 * Candidates start where a run of spoken number words is preceded by two spelled letters that
 * form a country code; from there one bounded forward read turns words into characters, guided by
 * the country's BBAN structure (so "oh" is 0 where a digit is due and O where a letter is), and
 * the result must pass the registry length and mod 97. Each read covers at most one IBAN's worth
 * of words, so the recognizer stays linear.
 */
import { TEENS as TEEN_VALUES, TENS as TEN_VALUES, UNITS as UNIT_VALUES } from '../numbers.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import { bbanClasses, isValidIban } from './iban.js';
import { letterBefore, letterOfWord, wordAfter } from './spoken-letters.js';

const asDigits = (table: Readonly<Record<string, number>>): Record<string, string> =>
  Object.fromEntries(Object.entries(table).map(([w, v]) => [w, String(v)]));
const UNITS = asDigits(UNIT_VALUES);
const TEENS = asDigits(TEEN_VALUES);
const TENS = asDigits(TEN_VALUES);
const FILLERS = new Set(['uh', 'um', 'uhm', 'er', 'erm', 'ah', 'dash', 'space']);

interface Read {
  iban: string;
  end: number;
}

/** Reads an IBAN forward from `pos` (just after the country code), or null. */
function readForward(lower: string, pos: number, country: string): Read | null {
  const classes = bbanClasses(country);
  if (classes === undefined) return null;
  // Check digits first, then the BBAN: 'n' digit, 'a' letter, 'c' either.
  const want = `nn${classes}`;
  let out = country.toUpperCase();
  let at = pos;
  let end = pos;
  let guard = 0;
  while (out.length < want.length + 2 && guard++ < 80) {
    const w = wordAfter(lower, at, 4);
    if (!w) return null;
    at = w.end;
    const cls = want[out.length - 2]!;
    const word = w.word;
    if (FILLERS.has(word)) continue;
    let chars: string | null = null;
    if (/^\d{1,4}$/.test(word)) chars = word;
    else if (word === 'double' || word === 'triple') {
      const next = wordAfter(lower, w.end, 3);
      const unit = next ? (UNITS[next.word] ?? letterOfWord(next.word)) : null;
      if (!next || !unit) return null;
      const c = cls === 'a' ? (letterOfWord(next.word) ?? '').toUpperCase() : unit;
      if (!c) return null;
      chars = c.repeat(word === 'double' ? 2 : 3);
      at = next.end;
    } else if (cls !== 'a' && UNITS[word] !== undefined && !(word === 'o' && cls === 'c'))
      chars = UNITS[word]!;
    else if (cls !== 'a' && TEENS[word] !== undefined) chars = TEENS[word]!;
    else if (cls !== 'a' && TENS[word] !== undefined) {
      const next = wordAfter(lower, w.end, 2);
      const unit = next ? UNITS[next.word] : undefined;
      if (next && unit !== undefined && unit !== '0') {
        chars = TENS[word]! + unit;
        at = next.end;
      } else chars = `${TENS[word]!}0`;
    } else {
      const letter = letterOfWord(word) ?? (word === 'oh' ? 'o' : null);
      if (letter && cls !== 'n') chars = letter.toUpperCase();
    }
    if (chars === null) return null;
    out += chars;
    end = at;
  }
  if (out.length !== want.length + 2) return null;
  return isValidIban(out) ? { iban: out, end } : null;
}

export const ibanSpokenRecognizer: Recognizer = {
  name: 'iban-spoken',
  types: ['IBAN_CODE'],
  analyze(view: TextView, out: Finding[]): void {
    const spans = view.numberSpans;
    if (spans.length === 0) return;
    const lower = view.lower;
    let done = -1;
    for (const span of spans) {
      if (!span.spoken || span.start < done) continue;
      // The check digits open a run of number words right after the spelled country code.
      const second = letterBefore(lower, span.start, 4);
      if (!second) continue;
      const first = letterBefore(lower, second.start, 4);
      if (!first) continue;
      const country = first.letter + second.letter;
      const read = readForward(lower, second.end, country);
      if (!read) continue;
      out.push({
        type: 'IBAN_CODE',
        start: first.start,
        end: read.end,
        // Spelled country code, registry length and mod 97 together: as strong as evidence gets.
        score: 0.99,
        recognizer: this.name,
        spoken: true,
        normalized: read.iban,
      });
      done = read.end;
    }
  },
};
