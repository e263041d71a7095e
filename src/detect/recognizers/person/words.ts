/**
 * PERSON: reading words and runs of name words in a text, and the small tests on the text around
 * them (clause and line starts, what follows a name, whether it is part of an email address).
 * Separate because every other part of the recognizer (cues, display names, known names, the
 * capitalised pass, the collector) reads the text through these helpers and nothing else.
 */
import { isDigit, isLetter, isUpper, skipSpaces } from '../../chars.js';
import { isWordChar } from '../../view.js';
import { AMBIGUOUS_NAMES, FIRST_NAMES } from '../lexicon/first-names.js';
import { NOT_NAMES, ORG_WORDS } from '../lexicon/not-names.js';
import { CLOSERS, COMMON_WORD_SURNAMES, PARTICLES } from '../lexicon/person-cues.js';

/** Modal verbs that may follow a lower-case first name ("jane will collect it"), not surnames. */
export const MODALS: ReadonlySet<string> = new Set([
  'will',
  'may',
  'might',
  'can',
  'could',
  'would',
  'should',
  'must',
  'shall',
]);

/** First names that are also months: not names when a day number follows. */
const MONTH_NAMES: ReadonlySet<string> = new Set(['april', 'may', 'june', 'august']);

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/**
 * End of the word starting at `i` (letters with inner apostrophes and hyphens: "O'Brien",
 * "Mary-Kate"); `i` when no word starts there. A possessive "'s" is not part of the word.
 */
export function wordEnd(text: string, i: number): number {
  if (!isLetter(text, i)) return i;
  let j = i + 1;
  while (j < text.length) {
    if (isLetter(text, j)) {
      j++;
      continue;
    }
    const c = text.charCodeAt(j);
    if ((isApostrophe(c) || c === 45) && isLetter(text, j + 1)) {
      if (isApostrophe(c) && (text[j + 1] === 's' || text[j + 1] === 'S') && !isLetter(text, j + 2)) break;
      j += 2;
      continue;
    }
    break;
  }
  return j;
}

/** Start of the word ending at `end` (exclusive), or `end` when none does. */
export function wordStartBefore(text: string, end: number): number {
  let j = end;
  while (j > 0) {
    if (isLetter(text, j - 1)) {
      j--;
      continue;
    }
    const c = text.charCodeAt(j - 1);
    if ((isApostrophe(c) || c === 45) && j - 2 >= 0 && isLetter(text, j - 2) && j < end) {
      j--;
      continue;
    }
    break;
  }
  return j;
}

/** Words that look like adjectives, verbs or abstract nouns, not names (for unknown words only). */
export function nameShaped(lw: string): boolean {
  if (lw.length < 2) return false;
  const n = lw.length;
  if (n > 4 && (lw.endsWith('ing') || lw.endsWith('ed') || lw.endsWith('ly'))) return false;
  if (n > 5 && /(?:ous|ful|able|ible|ive|ness|ment|tion|sion|ity|less|ish|ical)$/.test(lw)) return false;
  return true;
}

export function inLexicon(lw: string, capital: boolean): boolean {
  return FIRST_NAMES.has(lw) && (capital || !AMBIGUOUS_NAMES.has(lw));
}

/** Initials a name may start with ("J. R. R. Tolkien"); more is not a name, and bounds the read. */
const MAX_LEADING_INITIALS = 4;

/** A run of name words found after (or before) a cue. */
export interface Run {
  start: number;
  end: number;
  /** Lower-case words. */
  words: string[];
  /** Every word begins with a capital letter. */
  capital: boolean;
}

/**
 * Reads up to `max` name words from `pos`. In capital mode every word must start with a capital
 * letter (lower-case particles and middle initials may sit between); in lower mode any word that is
 * not a stop word counts. Words are separated by one or two spaces; anything else ends the run.
 */
export function readRun(text: string, pos: number, max: number, lower: boolean): Run | null {
  const words: string[] = [];
  let end = pos;
  let p = pos;
  let capital = true;
  let pendingEnd = -1; // end of accepted words before a trailing particle or initial
  let leading = 0; // initials before the first name word ("J. R. R. Tolkien"): `max` does not count them
  while (words.length - leading < max) {
    const wEnd = wordEnd(text, p);
    if (wEnd === p) break;
    const after = text.charCodeAt(wEnd);
    // "jane2", "jane_d", "jane@example.com", "jane.doe@": identifiers, not names.
    if (isWordChar(after) || after === 64 || (after === 46 && isLetter(text, wEnd + 1) && wEnd - p > 1))
      break;
    const w = text.slice(p, wEnd);
    const lw = w.toLowerCase();
    const cap = isUpper(text, p);
    // An initial with its dot is never the article "A" or the pronoun "I" ("A.B. Okafor").
    const dottedInitial = cap && wEnd - p === 1 && after === 46;
    // A capitalised surname may be an everyday word ("Fatima Price", "Sam King").
    if (!dottedInitial && NOT_NAMES.has(lw) && !(cap && words.length > 0 && COMMON_WORD_SURNAMES.has(lw)))
      break;
    // "April 10", "May 2nd": a month in a date, not a name.
    if (MONTH_NAMES.has(lw) && isDigit(text, skipSpaces(text, wEnd, 2))) break;
    let isFiller = false;
    // A surname that starts with a particle: "(Ms) Ó Súilleabháin", "(Mr) van Dijk".
    const leadingParticle = words.length === 0 && PARTICLES.has(lw) && capitalisedWordAfter(text, wEnd);
    if (words.length > 0 && PARTICLES.has(lw)) {
      isFiller = true; // "van der", "Ó", "ní": kept only when a surname follows
    } else if (!cap && !leadingParticle) {
      if (!lower) break;
      capital = false;
    }
    let q = wEnd;
    // A middle initial ("Jane Q. Public") or leading ones ("J. Smith", "A.B. Okafor"), kept only
    // when a name word follows.
    if (cap && wEnd - p === 1) {
      isFiller = true;
      if (text[q] === '.') q++;
    } else if (wEnd - p === 1 && !isFiller && !leadingParticle) {
      break;
    }
    if (isFiller && words.length === leading && cap && wEnd - p === 1) {
      if (leading === MAX_LEADING_INITIALS) break;
      leading++;
    }
    words.push(lw);
    if (isFiller) {
      if (pendingEnd < 0) pendingEnd = end;
    } else {
      pendingEnd = -1;
      end = q;
    }
    const s = skipSpaces(text, q, 2);
    // Initials may be written together: "A.B. Okafor".
    const joinedInitial = s === q && isFiller && text[q - 1] === '.' && isUpper(text, q);
    if ((s === q && !joinedInitial) || s >= text.length || !isLetter(text, s)) break;
    p = s;
  }
  // Drop trailing particles and initials ("Jane van", "Jane Q.").
  while (words.length > 0 && pendingEnd >= 0) {
    const last = words[words.length - 1]!;
    if (!PARTICLES.has(last) && last.length > 1) break;
    words.pop();
    if (words.length === 0) break;
  }
  if (words.length === 0 || end <= pos) return null;
  return { start: pos, end, words, capital };
}

/** A capitalised word follows after one or two spaces. */
function capitalisedWordAfter(text: string, pos: number): boolean {
  const s = skipSpaces(text, pos, 2);
  return s > pos && isUpper(text, s) && isLetter(text, s + 1);
}

/** The next word after `pos` (spaces only between), lower case, or ''. */
export function nextWord(text: string, pos: number): string {
  const s = skipSpaces(text, pos, 3);
  if (s === pos && pos < text.length) return '';
  const e = wordEnd(text, s);
  return e > s ? text.slice(s, e).toLowerCase() : '';
}

/** The run is directly followed by an organisation word ("Acme Support"): not a person. */
export function orgFollows(text: string, run: Run): boolean {
  return ORG_WORDS.has(nextWord(text, run.end));
}

/** An introduction closer ("from", "speaking", "calling", "here") follows, possibly after a comma. */
export function closerFollows(text: string, run: Run): boolean {
  let p = run.end;
  if (text[p] === ',') p++;
  const w = nextWord(text, p);
  if (w === 'on') return nextWord(text, skipSpaces(text, p, 3) + 2) === 'behalf';
  return CLOSERS.has(w);
}

/** Nothing but spaces, then the end of the line, the text, or a separator ("Jane Doe | Acme"). */
export function endsLine(text: string, pos: number): boolean {
  const s = skipSpaces(text, pos, 8);
  if (s >= text.length) return true;
  const c = text[s]!;
  if (c === '\n' || c === '\r' || c === '|' || c === '(' || c === ',' || c === '-' || c === '\u2013')
    return true;
  if ((c === '.' || c === '!') && (s + 1 >= text.length || text[s + 1] === '\n' || text[s + 1] === '\r'))
    return true;
  return false;
}

/** `pos` begins a clause: start of text or line, or after sentence punctuation. */
export function clauseStart(text: string, pos: number): boolean {
  let j = pos - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  if (j < 0) return true;
  const c = text[j]!;
  // '>': the quote marks of a quoted email line ("> Dear Jane,").
  return '\n\r.,!?;:-\u2013\u2014("“>'.includes(c);
}

/** Start of the line holding `pos` contains only spaces before it. */
export function lineStart(text: string, pos: number): boolean {
  let j = pos - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j < 0 || text[j] === '\n' || text[j] === '\r';
}

const EMAIL_CHAR_RE = /[A-Za-z0-9._%+-]/;
const SPOKEN_EMAIL_JOINERS: ReadonlySet<string> = new Set(['dot', 'at', 'underscore', 'dash', 'hyphen']);

/**
 * The name is part of an email address, typed ("jane.doe@example.com", "Orla-johnson@icloud.com")
 * or spoken ("kavanagh dot amanda at aol dot com"): the EMAIL_ADDRESS recognizer owns it.
 */
export function partOfEmail(text: string, start: number, end: number): boolean {
  for (let j = end; j < text.length && j - end < 64; j++) {
    const ch = text[j]!;
    if (ch === '@') return true;
    if (!EMAIL_CHAR_RE.test(ch)) break;
  }
  for (let j = start - 1; j >= 0 && start - j < 64; j--) {
    const ch = text[j]!;
    if (ch === '@') return true;
    if (!EMAIL_CHAR_RE.test(ch)) break;
  }
  const before = wordBeforeLower(text, start);
  if (before !== null && SPOKEN_EMAIL_JOINERS.has(before) && before !== 'at') return true;
  // Up to two more words (a surname, digits said as words), then "dot"/"at" and a "dot" later.
  let p = end;
  for (let k = 0; k < 5; k++) {
    const s = skipSpaces(text, p, 2);
    if (s === p) return false;
    const e = wordEnd(text, s);
    if (e === s) return false;
    const w = text.slice(s, e).toLowerCase();
    if (w === 'dot' || w === 'underscore') return true;
    if (w === 'at')
      return (
        text
          .slice(e, e + 40)
          .toLowerCase()
          .indexOf(' dot ') !== -1
      );
    p = e;
  }
  return false;
}

export function wordBeforeLower(text: string, pos: number): string | null {
  const b = skipBack(text, pos);
  if (b === pos) return null;
  const ws = wordStartBefore(text, b);
  return ws < b ? text.slice(ws, b).toLowerCase() : null;
}

/** Lower case with single spaces: the canonical form used for fingerprints. */
export function normalizeName(name: string): string {
  const lower = name.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 10 || c === 13 || c === 9 || c === 0xa0 || (c === 32 && lower.charCodeAt(i + 1) === 32))
      return lower.replace(/\s+/g, ' ');
  }
  return lower;
}

export function skipBack(text: string, pos: number): number {
  let j = pos;
  while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
  return j;
}

/** Email quote marks at the start of a line ("> ", "> > ", ">> "): how far quoting nests, at most. */
const MAX_QUOTE_DEPTH = 8;

/** `pos` past the quote marks of a quoted email line ("> > Jane Doe"), spaces included. */
export function skipQuoteMarks(text: string, pos: number): number {
  let p = pos;
  for (let k = 0; k < MAX_QUOTE_DEPTH && text[p] === '>'; k++) p = skipSpaces(text, p + 1, 2);
  return p;
}

/** `pos` back before the quote marks that open its line ("> > |Jane"), spaces included. */
export function skipQuoteMarksBack(text: string, pos: number): number {
  let p = skipBack(text, pos);
  for (let k = 0; k < MAX_QUOTE_DEPTH && text[p - 1] === '>'; k++) p = skipBack(text, p - 1);
  return p;
}

/** The word ending at `end` (exclusive), lower case, with its start; null when none or too long. */
export function wordBefore(text: string, end: number): { start: number; word: string } | null {
  const start = wordStartBefore(text, end);
  if (start === end || end - start > 12) return null;
  const w = text.slice(start, end).toLowerCase();
  return { start, word: w.indexOf('’') === -1 ? w : w.replace('’', "'") };
}

/** Reads the name after a cue ending at `pos`: capital mode when it starts with a capital, else lower. */
export function readAfter(text: string, pos: number, max: number, allowLower: boolean): Run | null {
  if (pos >= text.length || !isLetter(text, pos)) return null;
  if (isUpper(text, pos)) return readRun(text, pos, max, false);
  return allowLower ? readRun(text, pos, Math.min(max, 2), true) : null;
}

/**
 * Text whose first letter is lower case is written (or transcribed) without capitals, so names may
 * be lower case too: it gets the full cue scan. Capitalised text gets the fast name-first pass.
 */
export function writtenInLowerCase(text: string): boolean {
  const n = Math.min(text.length, 200);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
    if ((c >= 65 && c <= 90) || (c >= 0xc0 && isLetter(text, i))) return !isUpper(text, i);
  }
  return false;
}

/**
 * Whether `name` reads as a person's name: one to four words, each shaped like a name, the first
 * a first name of the lexicon ("Jane Doe", "Dana"; not "Chat Started" or "Guest"). For names
 * the caller only suspects, such as the speaker labels of a transcript, before passing them as
 * known names: a known name is matched everywhere, so a wrong one would redact ordinary words.
 */
export function plausiblePersonName(name: string): boolean {
  const words = name.trim().toLowerCase().split(/\s+/);
  if (words.length === 0 || words.length > 4) return false;
  if (!FIRST_NAMES.has(words[0]!) || NOT_NAMES.has(words[0]!)) return false;
  return words.every((w) => w.length > 1 && nameShaped(w.replace(/[.'\u2019-]/g, '')) && !NOT_NAMES.has(w));
}
