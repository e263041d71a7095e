/**
 * PERSON: people's names in calls, chats and emails, from two sources.
 *
 * 1. Known names. The store knows each customer's and agent's full name; the caller passes them as
 *    `knownNames`. The full name and its first and last parts are found case-insensitively at word
 *    boundaries (accents folded, so "Sean" matches a known "Seán"), score 0.95.
 * 2. Cues of customer-service talk: introductions ("my name is X", "this is X from Acme", "X
 *    speaking"), greetings ("hi X", "thanks X"), sign-offs ("Regards,\nX"), titles ("Mr X"), a name
 *    spelled out in a call ("that's J A N E") and email display names ("Jane Doe <jane@...>").
 *    A strong cue accepts a lower-case name (speech transcripts are often all lower case); a weak cue
 *    needs a capitalised word (0.6) or a common first name from the lexicon (0.85).
 *
 * Speed: capitalised text (most chats and emails) is scanned once with a narrow fixed-width regex
 * for capitalised words and a few anchors, and only the words before a candidate are looked up:
 * the regex engine skips ahead instead of trying ~60 cue words at every position. Text written in
 * lower case (speech transcripts) gets one linear pass of cue words. Known names use indexOf.
 * Cue vocabulary lives in lexicon/person-cues.ts.
 */
import { isDigit, isLetter, isUpper, skipSpaces } from '../chars.js';
import { type ConversationText, lowerBound } from '../conversation.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import { isWordChar } from '../view.js';
import { AMBIGUOUS_NAMES, FIRST_NAMES } from './lexicon/first-names.js';
import { NOT_NAMES, ORG_WORDS } from './lexicon/not-names.js';
import {
  CLOSERS,
  COMMON_WORD_SURNAMES,
  CUE_LAST_WORDS,
  GREETING_WORDS,
  HONORIFICS,
  NAME_OWNERS,
  PARTICLES,
  POSSESSIVES,
  RELATIONS,
  SIGNOFF_WORDS,
  SPOKEN_TITLES,
  THANKS_WORDS,
  TITLE_WORDS,
} from './lexicon/person-cues.js';

const SCORE_KNOWN = 0.95;
const SCORE_STRONG = 0.9;
const SCORE_STRONG_LOWER = 0.85;
const SCORE_LEXICON = 0.85;
const SCORE_SIGNATURE = 0.7;
const SCORE_WEAK = 0.6;

/**
 * Cue words. Literal alternatives between word boundaries: each match attempt is bounded by the
 * longest alternative, so the scan is linear. `--` and the em dash introduce signatures.
 */
const CUE_RE =
  /\b(?:(?:sur)?name(?:'s|’s| is|:)|this is|is this|it(?:'s|’s| is| was)|its|was it|here|(?:my|our|your|his|her|their) (?:colleague|partner|husband|wife|son|daughter|mother|father|mum|mom|dad|brother|sister|friend|boss|manager|accountant|assistant|neighbou?r|boyfriend|girlfriend|fianc[ée]e?|client)|attention of|attn|care of|(?:are|is|ask|asked) for|(?:speak|spoke|talk) (?:to|with)|i(?:'m|’m| am)|im|you(?:'re|’re| are)(?: now)? (?:speaking|talking|through) (?:with|to)|you(?:'ve|’ve| have) reached|speaking|call me|hiya|hi|heya|hey|hello|howdy|dear|thanks|thank you|thx|cheers|good (?:morning|afternoon|evening|day)|morning|afternoon|evening|goodbye|bye|welcome back|regards|best|wishes|sincerely|faithfully|truly|take care|respectfully|cordially|mrs|mr|ms|miss|mx|dr|prof|mister|missus|spel(?:led|lt|ling|l)|that(?:'s|’s| is)|from:)(?![a-z0-9_\u00c0-\u024f])|--|\u2014/g;

type CueKind =
  | 'name'
  | 'this'
  | 'its'
  | 'im'
  | 'you'
  | 'speaking'
  | 'callme'
  | 'greet'
  | 'thanks'
  | 'signoff'
  | 'title'
  | 'spell'
  | 'thats'
  | 'from'
  | 'dash'
  | 'here'
  | 'mention'
  | 'relation';

function cueKind(cue: string): CueKind {
  const c = cue.charCodeAt(0);
  if (cue === '--' || cue === '\u2014') return 'dash';
  if (cue.endsWith(' is') || cue.endsWith("'s") || cue.endsWith('’s') || cue.endsWith(':')) {
    if (cue.startsWith('name') || cue.startsWith('surname')) return 'name';
    if (cue.startsWith('it')) return 'its';
    if (cue.startsWith('this')) return 'this';
    if (cue.startsWith('that')) return 'thats';
    if (cue === 'from:') return 'from';
  }
  if (cue.startsWith('you')) return cue.endsWith('reached') ? 'this' : 'you';
  if (cue === 'is this') return 'this';
  if (cue === 'was it' || cue.endsWith(' was')) return 'its';
  if (cue.endsWith(' for') || cue.endsWith(' to') || cue.endsWith(' with')) return 'mention';
  if (cue.indexOf(' ') > 0 && POSSESSIVES.has(cue.slice(0, cue.indexOf(' ')))) return 'relation';
  if (cue === 'attention of' || cue === 'attn' || cue === 'care of') return 'relation';
  if (cue === 'its') return 'its';
  if (cue === 'here') return 'here';
  if (c === 105 /* i */) return 'im';
  if (cue.startsWith('spel')) return 'spell';
  switch (cue) {
    case 'speaking':
      return 'speaking';
    case 'call me':
      return 'callme';
    case 'thanks':
    case 'thank you':
    case 'thx':
    case 'cheers':
      return 'thanks';
    case 'regards':
    case 'best':
    case 'wishes':
    case 'sincerely':
    case 'faithfully':
    case 'truly':
    case 'take care':
    case 'respectfully':
    case 'cordially':
      return 'signoff';
    case 'mr':
    case 'mrs':
    case 'ms':
    case 'miss':
    case 'mx':
    case 'dr':
    case 'prof':
    case 'mister':
    case 'missus':
      return 'title';
    default:
      return 'greet';
  }
}

/** Modal verbs that may follow a lower-case first name ("jane will collect it"), not surnames. */
const MODALS: ReadonlySet<string> = new Set([
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
function wordEnd(text: string, i: number): number {
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
function wordStartBefore(text: string, end: number): number {
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
function nameShaped(lw: string): boolean {
  if (lw.length < 2) return false;
  const n = lw.length;
  if (n > 4 && (lw.endsWith('ing') || lw.endsWith('ed') || lw.endsWith('ly'))) return false;
  if (n > 5 && /(?:ous|ful|able|ible|ive|ness|ment|tion|sion|ity|less|ish|ical)$/.test(lw)) return false;
  return true;
}

function inLexicon(lw: string, capital: boolean): boolean {
  return FIRST_NAMES.has(lw) && (capital || !AMBIGUOUS_NAMES.has(lw));
}

/** A run of name words found after (or before) a cue. */
interface Run {
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
function readRun(text: string, pos: number, max: number, lower: boolean): Run | null {
  const words: string[] = [];
  let end = pos;
  let p = pos;
  let capital = true;
  let pendingEnd = -1; // end of accepted words before a trailing particle or initial
  while (words.length < max) {
    const wEnd = wordEnd(text, p);
    if (wEnd === p) break;
    const after = text.charCodeAt(wEnd);
    // "jane2", "jane_d", "jane@example.com", "jane.doe@": identifiers, not names.
    if (isWordChar(after) || after === 64 || (after === 46 && isLetter(text, wEnd + 1) && wEnd - p > 1))
      break;
    const w = text.slice(p, wEnd);
    const lw = w.toLowerCase();
    const cap = isUpper(text, p);
    // A capitalised surname may be an everyday word ("Fatima Price", "Sam King").
    if (NOT_NAMES.has(lw) && !(cap && words.length > 0 && COMMON_WORD_SURNAMES.has(lw))) break;
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
    // A middle initial: "Jane Q. Public".
    if (cap && wEnd - p === 1 && words.length > 0) {
      isFiller = true;
      if (text[q] === '.') q++;
    } else if (wEnd - p === 1 && !isFiller && !leadingParticle) {
      break;
    }
    words.push(lw);
    if (isFiller) {
      if (pendingEnd < 0) pendingEnd = end;
    } else {
      pendingEnd = -1;
      end = q;
    }
    const s = skipSpaces(text, q, 2);
    if (s === q || s >= text.length || !isLetter(text, s)) break;
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
function nextWord(text: string, pos: number): string {
  const s = skipSpaces(text, pos, 3);
  if (s === pos && pos < text.length) return '';
  const e = wordEnd(text, s);
  return e > s ? text.slice(s, e).toLowerCase() : '';
}

/** The run is directly followed by an organisation word ("Acme Support"): not a person. */
function orgFollows(text: string, run: Run): boolean {
  return ORG_WORDS.has(nextWord(text, run.end));
}

/** An introduction closer ("from", "speaking", "calling", "here") follows, possibly after a comma. */
function closerFollows(text: string, run: Run): boolean {
  let p = run.end;
  if (text[p] === ',') p++;
  const w = nextWord(text, p);
  if (w === 'on') return nextWord(text, skipSpaces(text, p, 3) + 2) === 'behalf';
  return CLOSERS.has(w);
}

/** Nothing but spaces, then the end of the line, the text, or a separator ("Jane Doe | Acme"). */
function endsLine(text: string, pos: number): boolean {
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
function clauseStart(text: string, pos: number): boolean {
  let j = pos - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  if (j < 0) return true;
  const c = text[j]!;
  return '\n\r.,!?;:-\u2013\u2014("“'.includes(c);
}

/** Start of the line holding `pos` contains only spaces before it. */
function lineStart(text: string, pos: number): boolean {
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
function partOfEmail(text: string, start: number, end: number): boolean {
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

function wordBeforeLower(text: string, pos: number): string | null {
  const b = skipBack(text, pos);
  if (b === pos) return null;
  const ws = wordStartBefore(text, b);
  return ws < b ? text.slice(ws, b).toLowerCase() : null;
}

/** Lower case with single spaces: the canonical form used for fingerprints. */
function normalizeName(name: string): string {
  const lower = name.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 10 || c === 13 || c === 9 || c === 0xa0 || (c === 32 && lower.charCodeAt(i + 1) === 32))
      return lower.replace(/\s+/g, ' ');
  }
  return lower;
}

class Collector {
  /** Findings of known names, kept apart until `flush` (see there). */
  readonly known: Finding[] = [];
  constructor(
    private readonly text: string,
    private readonly out: Finding[],
  ) {}

  push(start: number, end: number, score: number, normalized?: string, known = false): void {
    if (end <= start || partOfEmail(this.text, start, end)) return;
    (known ? this.known : this.out).push({
      type: 'PERSON',
      start,
      end,
      score,
      recognizer: 'person',
      normalized: normalized ?? normalizeName(this.text.slice(start, end)),
    });
  }

  run(run: Run, score: number): void {
    this.push(run.start, run.end, score);
  }

  /**
   * A cue finding that contains a known name ("Hi Jane Smith" when "Jane Doe" is known) takes the
   * known name's score: otherwise overlap resolution would keep the shorter, higher-scored "Jane"
   * and leave "Smith" in the clear. Both lists are sorted, so this is one merge pass.
   */
  flush(from: number): void {
    const known = this.known;
    if (known.length > 0 && this.out.length > from) {
      const cues = this.out.slice(from).sort((a, b) => a.start - b.start);
      let k = 0;
      for (const f of cues) {
        while (k < known.length && known[k]!.start < f.start) k++;
        for (let j = k; j < known.length && known[j]!.start < f.end; j++) {
          if (known[j]!.end <= f.end && f.end - f.start > known[j]!.end - known[j]!.start) {
            f.score = Math.max(f.score, SCORE_KNOWN);
            break;
          }
        }
      }
    }
    for (const f of known) this.out.push(f);
  }
}

/** Score of a name after a weak cue (greeting, "I'm", "X speaking"), or 0 for none. */
function weakScore(run: Run): number {
  const first = run.words[0]!;
  if (inLexicon(first, run.capital)) return SCORE_LEXICON;
  if (run.capital && run.words.every((w) => nameShaped(w))) return SCORE_WEAK;
  return 0;
}

/** Reads the name after a cue ending at `pos`: capital mode when it starts with a capital, else lower. */
function readAfter(text: string, pos: number, max: number, allowLower: boolean): Run | null {
  if (pos >= text.length || !isLetter(text, pos)) return null;
  if (isUpper(text, pos)) return readRun(text, pos, max, false);
  return allowLower ? readRun(text, pos, Math.min(max, 2), true) : null;
}

function handleCue(text: string, kind: CueKind, cueStart: number, cueEnd: number, col: Collector): void {
  switch (kind) {
    case 'name': {
      const isLabel = text[cueEnd - 1] === ':';
      const surname = (text.charCodeAt(cueStart) | 32) === 115; // "surname is" needs no owner
      if (!surname) {
        // "my name is", "first name:", not "file name is" or "company name:".
        const b = skipBack(text, cueStart);
        const ws = wordStartBefore(text, b);
        if (ws === b) {
          if (!isLabel && !clauseStart(text, cueStart)) return;
        } else if (!NAME_OWNERS.has(text.slice(ws, b).toLowerCase().replace('’', "'"))) return;
      }
      let p = skipSpaces(text, cueEnd, 4);
      if (text[p] === '"' || text[p] === '“') p++;
      if (spelledAt(text, p, 2, 1, col)) return;
      const run = readAfter(text, p, 3, true);
      if (!run || orgFollows(text, run)) return;
      if (run.capital) {
        col.run(run, SCORE_STRONG);
        return;
      }
      if (!run.words.every((w) => FIRST_NAMES.has(w) || nameShaped(w))) return;
      col.run(run, FIRST_NAMES.has(run.words[0]!) ? SCORE_STRONG : SCORE_STRONG_LOWER);
      return;
    }
    case 'this':
    case 'its': {
      const p = skipSpaces(text, cueEnd, 2);
      const run = readAfter(text, p, 3, true);
      if (!run || orgFollows(text, run)) return;
      // "its" without an apostrophe is a possessive in writing; in a transcript it needs a known name.
      const bareIts = cueEnd - cueStart === 3 && (text.charCodeAt(cueStart + 2) | 32) === 115;
      if (bareIts && !inLexicon(run.words[0]!, run.capital)) return;
      if (closerFollows(text, run)) {
        if (run.capital) {
          col.run(run, SCORE_STRONG);
          return;
        }
        if (run.words.every((w) => FIRST_NAMES.has(w) || nameShaped(w))) col.run(run, SCORE_STRONG_LOWER);
        return;
      }
      // "This is Jane, how can I help?": only a known first name counts without a closer.
      if (!inLexicon(run.words[0]!, run.capital)) return;
      if (run.capital) col.run(run, SCORE_LEXICON);
      else introEmit(text, run, col);
      return;
    }
    case 'you': {
      const p = skipSpaces(text, cueEnd, 2);
      const run = readAfter(text, p, 3, true);
      if (!run || orgFollows(text, run)) return;
      if (run.capital) {
        col.run(run, SCORE_STRONG);
        return;
      }
      if (run.words.every((w) => FIRST_NAMES.has(w) || nameShaped(w))) col.run(run, SCORE_STRONG_LOWER);
      return;
    }
    case 'im':
    case 'callme': {
      const p = skipSpaces(text, cueEnd, 2);
      const run = readAfter(text, p, 3, true);
      if (!run || orgFollows(text, run)) return;
      if (run.capital && closerFollows(text, run)) {
        col.run(run, SCORE_STRONG);
        return;
      }
      if (!run.capital) {
        if (inLexicon(run.words[0]!, false)) introEmit(text, run, col);
        return;
      }
      const score = weakScore(run);
      if (score > 0) col.run(run, score);
      return;
    }
    case 'here': {
      // "Jane here", "hi everyone, Jane Doe here": a known first name at the start of a clause.
      const before = speakerBefore(text, cueStart);
      if (before && inLexicon(before.words[0]!, before.capital)) col.run(before, SCORE_LEXICON);
      return;
    }
    case 'mention': {
      // "ask for Jane", "speak to Mark", "the cards are for Aisha Singh": a known first name.
      const p = skipSpaces(text, cueEnd, 2);
      const run = readAfter(text, p, 3, true);
      if (!run || orgFollows(text, run)) return;
      if (run.capital) {
        const fullName = run.words.length > 1 && run.words.every((w) => w.length > 1 && nameShaped(w));
        if (fullName || inLexicon(run.words[0]!, true)) col.run(run, SCORE_LEXICON);
      } else lowerMentionEmit(text, run, col);
      return;
    }
    case 'relation': {
      // "my colleague Fatima Price", "to the attention of Kwame Byrne", "my partner olivia".
      let p = skipSpaces(text, cueEnd, 2);
      if (text[p] === ':' || text[p] === ',') p = skipSpaces(text, p + 1, 2);
      const run = readAfter(text, p, 3, true);
      if (!run || orgFollows(text, run)) return;
      if (run.capital) col.run(run, SCORE_LEXICON);
      // "my partner agnieszka placed the order": one unknown word, weakly.
      else lowerMentionEmit(text, run, col, true);
      return;
    }
    case 'speaking': {
      const next = nextWord(text, cueEnd);
      if (next === 'with' || next === 'to') {
        const p = skipSpaces(text, skipSpaces(text, cueEnd, 2) + next.length, 2);
        const run = readAfter(text, p, 3, true);
        if (!run || orgFollows(text, run)) return;
        weakEmit(text, run, col);
        return;
      }
      // "Jane speaking" / "Hello, Jane Doe speaking": up to two name words before the cue.
      const before = speakerBefore(text, cueStart);
      if (before) weakEmit(text, before, col);
      return;
    }
    case 'greet':
    case 'thanks': {
      let p = cueEnd;
      if (kind === 'thanks' && signoffAt(text, p, col)) return;
      const cue = text.slice(cueStart, cueEnd).toLowerCase();
      if ((cue === 'morning' || cue === 'afternoon' || cue === 'evening') && !clauseStart(text, cueStart)) {
        if (wordBefore(text, skipBack(text, cueStart))?.word !== 'good') return;
      }
      if (cue === 'dear' && !clauseStart(text, cueStart)) return;
      if (text[p] === ',') p++;
      p = skipSpaces(text, p, 3);
      const run = readAfter(text, p, 3, true);
      if (!run || orgFollows(text, run)) return;
      weakEmit(text, run, col);
      return;
    }
    case 'signoff': {
      signoffAt(text, cueEnd, col);
      return;
    }
    case 'title': {
      const cue = text.slice(cueStart, cueEnd);
      const spoken = cue.length > 4; // mister, missus
      const lowerCue = !isUpper(text, cueStart);
      // Written titles are capitalised ("Mr", "Dr"), except in text written all in lower case;
      // "MS Teams" is a product.
      if (!spoken && lowerCue && !writtenInLowerCase(text)) return;
      if (!spoken && cue.length > 1 && isUpper(text, cueStart + 1)) return;
      // "12 Oak Dr": a word before "Dr" that is not a greeting or a function word makes it a street.
      if (cue.toLowerCase() === 'dr') {
        const before = wordBeforeLower(text, cueStart);
        if (before !== null && !NOT_NAMES.has(before)) return;
      }
      let p = cueEnd;
      if (text[p] === '.') p++;
      const s = skipSpaces(text, p, 2);
      if (s === p) return;
      const run = readAfter(text, s, 3, spoken || lowerCue);
      if (!run || orgFollows(text, run)) return;
      if (!run.capital && !run.words.every((w) => FIRST_NAMES.has(w) || nameShaped(w))) return;
      col.run(run, run.capital ? SCORE_LEXICON : SCORE_STRONG_LOWER);
      return;
    }
    case 'spell':
      // "can you spell that? S M I T H", "spelled J-A-N-E"
      spelledAt(text, cueEnd, 2, 40, col);
      return;
    case 'thats':
      spelledAt(text, cueEnd, 3, 4, col);
      return;
    case 'from': {
      if (!lineStart(text, cueStart)) return;
      let p = skipSpaces(text, cueEnd, 4);
      if (text[p] === '"') p++;
      const run = readAfter(text, p, 4, false);
      if (!run || orgFollows(text, run)) return;
      const tail = skipSpaces(text, run.end, 2);
      if (!(endsLine(text, run.end) || text[tail] === '<' || text[tail] === '"')) return;
      emitDisplayName(run, col);
      return;
    }
    case 'dash': {
      if (text[cueStart] === '-' && !lineStart(text, cueStart)) return;
      if (text[cueStart] === '\u2014' && !(cueStart === 0 || /\s/.test(text[cueStart - 1]!))) return;
      let p = skipSpaces(text, cueEnd, 3);
      if (text[p] === '\r') p++;
      if (text[p] === '\n') p = skipSpaces(text, p + 1, 3);
      const run = readAfter(text, p, 3, true);
      if (!run || !endsLine(text, run.end) || orgFollows(text, run)) return;
      signatureEmit(run, col);
      return;
    }
  }
}

function skipBack(text: string, pos: number): number {
  let j = pos;
  while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
  return j;
}

function firstEnd(text: string, run: Run): number {
  return wordEnd(text, run.start);
}

function weakEmit(text: string, run: Run, col: Collector): void {
  if (!run.capital) {
    if (inLexicon(run.words[0]!, false)) col.push(run.start, firstEnd(text, run), SCORE_LEXICON);
    return;
  }
  const score = weakScore(run);
  if (score > 0) col.run(run, score);
}

/**
 * A lower-case self-introduction with a known first name ("i'm jane doe", "this is jane"): the
 * first name, and a surname after it when it looks like one.
 */
function introEmit(text: string, run: Run, col: Collector): void {
  const second = run.words[1];
  if (second !== undefined && nameShaped(second) && second.length > 2 && !MODALS.has(second))
    col.run(run, SCORE_LEXICON);
  else col.push(run.start, firstEnd(text, run), SCORE_LEXICON);
}

/**
 * A lower-case name after "my colleague" / "the cards are for": a known first name, or two words
 * shaped like a first name and a surname ("tomasz king"); one unknown word is too weak ("my
 * manager said").
 */
function lowerMentionEmit(text: string, run: Run, col: Collector, single = false): void {
  if (inLexicon(run.words[0]!, false)) introEmit(text, run, col);
  else if (run.words.length === 2 && run.words.every((w) => w.length > 1 && nameShaped(w)))
    col.run(run, SCORE_LEXICON);
  else if (single && run.words.length === 1 && nameShaped(run.words[0]!)) col.run(run, SCORE_WEAK);
}

/** A name alone on a signature line: "Jane Doe", "Jane", "jane". */
function signatureEmit(run: Run, col: Collector): void {
  const first = run.words[0]!;
  if (run.capital) {
    if (FIRST_NAMES.has(first) || run.words.length > 1) col.run(run, SCORE_STRONG);
    else if (nameShaped(first)) col.run(run, SCORE_SIGNATURE);
    return;
  }
  if (run.words.length === 1 && inLexicon(first, false)) col.run(run, SCORE_LEXICON);
}

/**
 * A sign-off after a closing word ending at `pos`: "Regards,\nJane Doe" (name on the next line) or
 * "Sincerely, Jane Doe" (name ending the line). Returns true when it was a sign-off shape.
 */
function signoffAt(text: string, pos: number, col: Collector): boolean {
  let p = pos;
  const c = text[p];
  const comma = c === ',' || c === '.' || c === '!';
  if (comma) p++;
  p = skipSpaces(text, p, 4);
  let newlines = 0;
  while (newlines < 2 && (text[p] === '\n' || text[p] === '\r')) {
    if (text[p] === '\r' && text[p + 1] === '\n') p++;
    p = skipSpaces(text, p + 1, 4);
    newlines++;
  }
  if (newlines === 0) {
    // Inline: "Sincerely, Jane Doe" with the name ending the text or line.
    if (!comma || p >= text.length) return false;
    const run = readAfter(text, p, 3, true);
    if (!run || !endsLine(text, run.end) || orgFollows(text, run)) return false;
    if (!run.capital) {
      // "sincerely, siobhán" in lower-case text: a known first name only.
      if (!inLexicon(run.words[0]!, false)) return false;
      col.push(run.start, firstEnd(text, run), SCORE_LEXICON);
      return true;
    }
    const score = inLexicon(run.words[0]!, true) || run.words.length > 1 ? SCORE_LEXICON : SCORE_WEAK;
    if (run.words.every((w) => FIRST_NAMES.has(w) || nameShaped(w))) col.run(run, score);
    return true;
  }
  const run = readAfter(text, p, 3, true);
  if (run && endsLine(text, run.end) && !orgFollows(text, run)) signatureEmit(run, col);
  return true;
}

/** One or two name words right before `cueStart` ("Jane speaking"), at the start of a clause. */
function speakerBefore(text: string, cueStart: number): Run | null {
  let end = skipBack(text, cueStart);
  if (end === cueStart) return null;
  const words: string[] = [];
  let start = end;
  let capital = true;
  const runEnd = end;
  while (words.length < 2) {
    const ws = wordStartBefore(text, end);
    if (ws === end) break;
    const lw = text.slice(ws, end).toLowerCase();
    if (NOT_NAMES.has(lw) || end - ws < 2) break;
    if (!isUpper(text, ws)) {
      if (words.length > 0) break;
      capital = false;
    }
    words.unshift(lw);
    start = ws;
    const s = skipBack(text, ws);
    if (s === ws || !isLetter(text, s - 1) || ws - s > 2 || !capital) break;
    end = s;
  }
  if (words.length === 0 || !clauseStart(text, start)) return null;
  return { start, end: runEnd, words, capital };
}

/** Single letters spelled out after a cue: "J A N E", "j-a-n-e", "D. O. E". */
const SPELLED_RE = /[A-Za-z](?![A-Za-z])(?:[ .,-]{1,3}[A-Za-z](?![A-Za-z])){1,30}/y;

/** Skips to the first spelled letter within `window` characters (same line) and reports it. */
function spelledAt(text: string, pos: number, minLetters: number, window: number, col: Collector): boolean {
  const limit = Math.min(text.length, pos + window);
  for (let p = pos; p < limit; p++) {
    const c = text.charCodeAt(p);
    if (c === 10 || c === 13) return false;
    if (!isLetter(text, p) || (p > 0 && isLetter(text, p - 1)) || isLetter(text, p + 1)) continue;
    SPELLED_RE.lastIndex = p;
    const m = SPELLED_RE.exec(text);
    if (!m) {
      if (window <= 8) return false;
      continue;
    }
    let letters = '';
    for (const ch of m[0]) if (/[A-Za-z]/.test(ch)) letters += ch.toLowerCase();
    if (letters.length < minLetters) return false;
    const end = p + m[0].length;
    // More characters of a code follow ("S W 1 A"): a reference or a postcode, not a name.
    let q = end;
    while (q < text.length && q - end < 3 && ' .-'.includes(text[q]!)) q++;
    if (q < text.length && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) return false;
    col.push(p, end, minLetters === 2 ? SCORE_STRONG : SCORE_LEXICON, letters);
    return true;
  }
  return false;
}

/** A display name from an email header: several capitalised words, or a known first name. */
function emitDisplayName(run: Run, col: Collector, normalized?: string): void {
  const first = run.words[0]!;
  let score = 0;
  if (run.capital && run.words.length > 1) score = SCORE_STRONG;
  else if (inLexicon(first, run.capital)) score = SCORE_LEXICON;
  else if (run.capital && nameShaped(first)) score = SCORE_WEAK;
  if (score > 0) col.push(run.start, run.end, score, normalized);
}

/**
 * Display names before an address in angle brackets: `Jane Doe <jane@example.com>`,
 * `"Doe, Jane" <jane@example.com>`, and quoting lines ("On Monday, Jane Doe <...> wrote:").
 */
function displayNames(text: string, col: Collector): void {
  let i = text.indexOf('<');
  while (i !== -1) {
    if (i > 0 && looksLikeAddress(text, i)) displayNameBefore(text, i, col);
    i = text.indexOf('<', i + 1);
  }
}

function looksLikeAddress(text: string, lt: number): boolean {
  let at = false;
  const limit = Math.min(text.length, lt + 256);
  for (let j = lt + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 62) return at && j > lt + 3;
    if (c === 64) at = true;
    else if (c <= 32 || c === 60) return false;
  }
  return false;
}

function displayNameBefore(text: string, lt: number, col: Collector): void {
  const end = skipBack(text, lt);
  if (text[end - 1] === '"') {
    const open = text.lastIndexOf('"', end - 2);
    if (open < 0 || end - 1 - open > 80 || text.slice(open, end).includes('\n')) return;
    const inner = open + 1;
    const innerEnd = end - 1;
    const comma = text.indexOf(',', inner);
    if (comma > inner && comma < innerEnd) {
      // "Doe, Jane": both parts must be name runs; normalized in reading order.
      const last = readRun(text, inner, 2, false);
      const firstStart = skipSpaces(text, comma + 1, 2);
      const first = readRun(text, firstStart, 2, false);
      if (!last || !first || last.end !== comma || first.end !== innerEnd) return;
      const normalized = `${first.words.join(' ')} ${last.words.join(' ')}`;
      col.push(inner, innerEnd, SCORE_STRONG, normalized);
      return;
    }
    const run = readAfter(text, inner, 4, true);
    if (!run || run.end !== innerEnd || orgFollows(text, run)) return;
    emitDisplayName(run, col);
    return;
  }
  // Unquoted: up to four name words ending right before the bracket, all capitalised or all not.
  let start = -1;
  let p = end;
  let count = 0;
  let capital = true;
  while (count < 4) {
    const ws = wordStartBefore(text, p);
    if (ws === p) break;
    const lw = text.slice(ws, p).toLowerCase();
    if (NOT_NAMES.has(lw)) break;
    const cap = isUpper(text, ws);
    if (count === 0) capital = cap;
    else if (cap !== capital) break;
    start = ws;
    count++;
    const s = skipBack(text, ws);
    if (s === ws || ws - s > 2 || !isLetter(text, s - 1)) break;
    p = s;
  }
  if (start < 0) return;
  const run = readRun(text, start, 4, !capital);
  if (!run || run.end !== end) return;
  emitDisplayName(run, col);
}

// ---------------------------------------------------------------------------------------------
// Known names

/** Folds Latin accents to their base letter: the needle "seán" also searched as "sean". */
function foldChar(ch: string): string {
  const d = ch.normalize('NFD');
  const base = d.charAt(0);
  return d.length > 1 && base.charCodeAt(0) < 128 ? base : ch;
}

function fold(s: string): string {
  // Only Latin-1 Supplement and Latin Extended-A letters carry accents that fold to ASCII.
  return s.replace(/[\u00c0-\u017f]/g, foldChar);
}

/** `lower` with one character per character of `text` (toLowerCase can change lengths). */
function alignedLower(view: TextView): string {
  const lower = view.lower;
  if (lower.length === view.text.length) return lower;
  let out = '';
  for (const ch of view.text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

interface Needle {
  text: string;
  /** A single part that is also an everyday word ("Will", "Brown"): needs a capital letter. */
  ambiguous: boolean;
}

/** The needles of one full name: its first and last parts, and the whole name where needed. */
function needlesOfName(name: string): Needle[] {
  const needles: Needle[] = [];
  const all = name
    .toLowerCase()
    .replace(/[,.]/g, ' ')
    .split(/\s+/)
    .filter((p) => p.length > 0 && !HONORIFICS.has(p));
  const parts = all.filter((p) => {
    let letters = 0;
    for (let k = 0; k < p.length; k++) if (isLetter(p, k)) letters++;
    return letters >= 2;
  });
  if (parts.length === 0) return needles;
  const isAmbiguous = (t: string): boolean => {
    const f = fold(t);
    return NOT_NAMES.has(f) || AMBIGUOUS_NAMES.has(f) || COMMON_WORD_SURNAMES.has(f);
  };
  // Each needle as written and without accents ("seán" and "sean"): transcripts and keyboards
  // drop the fada, so the text is searched as it is, with no folding pass over it.
  const add = (t: string, full: boolean): void => {
    const ambiguous = !full && isAmbiguous(t);
    for (const v of [t, fold(t)]) {
      if (needles.some((n) => n.text === v)) continue;
      needles.push({ text: v, ambiguous });
    }
  };
  // First and last parts; adjacent hits are joined below, so "Jane Doe" needs no needle of its
  // own unless a part only counts capitalised ("noah white") or sits in the middle.
  if (all.length > 2 || (all.length > 1 && parts.some(isAmbiguous))) add(all.join(' '), true);
  add(parts[0]!, parts.length === 1);
  if (parts.length > 1) add(parts[parts.length - 1]!, false);
  return needles;
}

/**
 * Needles per name, in a bounded map: customers' and agents' names repeat from one conversation
 * to the next (an agent takes many calls), while the pair of names rarely does.
 */
const needlesByName = new Map<string, Needle[]>();
const NEEDLE_NAMES_MAX = 4096;

function needlesFor(names: readonly string[]): Needle[] {
  const needles: Needle[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    let own = needlesByName.get(name);
    if (!own) {
      own = needlesOfName(name);
      if (needlesByName.size >= NEEDLE_NAMES_MAX) needlesByName.clear();
      needlesByName.set(name, own);
    }
    for (const n of own) {
      if (seen.has(n.text)) continue;
      seen.add(n.text);
      needles.push(n);
    }
  }
  return needles;
}

/**
 * Needles per `knownNames`: by array identity (a conversation passes one array for every turn),
 * then by content in a small bounded map (callers that build a new array per call).
 */
const needleCache = new WeakMap<readonly string[], Needle[]>();
const needleByKey = new Map<string, Needle[]>();
const NEEDLE_KEYS_MAX = 512;

function cachedNeedles(names: readonly string[]): Needle[] {
  let needles = needleCache.get(names);
  if (needles) return needles;
  const key = names.join('\u0000');
  needles = needleByKey.get(key);
  if (!needles) {
    needles = needlesFor(names);
    if (needleByKey.size >= NEEDLE_KEYS_MAX) needleByKey.clear();
    needleByKey.set(key, needles);
  }
  needleCache.set(names, needles);
  return needles;
}

interface NeedleHit {
  needle: Needle;
  /** Position in the turn's own text. */
  start: number;
}

/** Per conversation: the known-name needles found in each turn, from one search per needle. */
const KNOWN_HITS = Symbol('person-known-name-hits');

function conversationHits(conversation: ConversationText, needles: readonly Needle[]): NeedleHit[][] {
  const byTurn: NeedleHit[][] = Array.from({ length: conversation.starts.length }, () => []);
  const hay = conversation.lower;
  const starts = conversation.starts;
  for (const n of needles) {
    for (let i = hay.indexOf(n.text); i !== -1; i = hay.indexOf(n.text, i + 1)) {
      const turn = lowerBound(starts, i + 1) - 1;
      const start = i - starts[turn]!;
      // A needle with a space may run from one turn into the next: not a name in either.
      if (start + n.text.length <= conversation.lengths[turn]!) byTurn[turn]!.push({ needle: n, start });
    }
  }
  return byTurn;
}

/** The needles found in this view's text: from the conversation's search, or searched here. */
function needleHits(view: TextView, needles: readonly Needle[]): NeedleHit[] {
  const conversation = view.conversation;
  if (conversation?.aligned) {
    const byTurn = conversation.memo(KNOWN_HITS, (c) => ({ needles, hits: conversationHits(c, needles) }));
    // One conversation, one list of names: a view with other names searches on its own.
    if (byTurn.needles === needles) return byTurn.hits[view.turn]!;
  }
  const hay = alignedLower(view);
  const hits: NeedleHit[] = [];
  for (const n of needles) {
    for (let i = hay.indexOf(n.text); i !== -1; i = hay.indexOf(n.text, i + 1))
      hits.push({ needle: n, start: i });
  }
  return hits;
}

const JOIN_RE = /^(?:\s{1,3}|,\s{1,2}|\s[^\s,.]{1,3}\.?\s)$/;

function knownNames(view: TextView, col: Collector): void {
  const names = view.options.knownNames;
  if (names.length === 0) return;
  const needles = cachedNeedles(names);
  if (needles.length === 0) return;
  const found = needleHits(view, needles);
  if (found.length === 0) return;
  const text = view.text;
  const hits: { start: number; end: number }[] = [];
  for (const { needle: n, start: i } of found) {
    const end = i + n.text.length;
    if (
      boundaryOk(text, i, end) &&
      (!n.ambiguous || capitalisedMidSentence(text, i) || addressed(text, i, end))
    ) {
      hits.push({ start: i, end });
    }
  }
  if (hits.length === 0) return;
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // Join "Jane" + "Doe" written with other spacing ("Jane  Doe", "Jane\nDoe", "Doe, Jane").
  let cur = hits[0]!;
  for (let k = 1; k <= hits.length; k++) {
    const h = hits[k];
    if (h && h.start < cur.end) {
      if (h.end > cur.end) cur = { ...cur, end: h.end };
      continue;
    }
    // Between parts: spaces, "Doe, Jane", or a particle or initial ("Fionn Ó Súilleabháin").
    if (h && JOIN_RE.test(text.slice(cur.end, h.start))) {
      cur = { ...cur, end: h.end };
      continue;
    }
    col.push(cur.start, cur.end, SCORE_KNOWN, undefined, true);
    if (h) cur = h;
  }
}

/** Word boundaries on both sides, and not inside an email address or handle. */
function boundaryOk(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(end);
  if (start > 0 && (isWordChar(before) || before === 64)) return false;
  if (end < text.length && (isWordChar(after) || after === 64)) return false;
  // "Smith-Jones" does not contain the name "Jones"; "Mary-Jane" not "Jane".
  if (after === 45 && isLetter(text, end + 1)) return false;
  if (before === 45 && start > 1 && isLetter(text, start - 2)) return false;
  // jane.doe@example.com, @jane.doe
  if (after === 46 && isWordChar(text.charCodeAt(end + 1))) return false;
  if (before === 46 && start > 1 && isWordChar(text.charCodeAt(start - 2))) return false;
  return true;
}

/** Words right before a name that make an everyday word a name: "thanks poppy", "my partner will". */
const ADDRESSING: ReadonlySet<string> = new Set([
  ...GREETING_WORDS,
  ...THANKS_WORDS,
  ...TITLE_WORDS,
  ...RELATIONS,
  'you',
  'welcome',
  'is',
  'im',
  "i'm",
  'i’m',
]);

/** Words before an everyday word that make it one (a pronoun or modal: "it will", "can mark"). */
const NOT_ADDRESSING: ReadonlySet<string> = new Set(
  'i you we they he she it that this which who what can could would should must may might to the a an'.split(
    ' ',
  ),
);

/**
 * A known name that is also an everyday word, written in lower case, counts where it is clearly
 * said to or about someone: after a greeting, thanks, a title or a relation ("thanks poppy", "my
 * partner will"), before "speaking"/"here" ("poppy speaking"), or closing the turn after anything
 * but a pronoun or modal ("you've been very helpful mark", not "yes it will").
 */
function addressed(text: string, start: number, end: number): boolean {
  const w = wordBeforeLower(text, start);
  if (w !== null && ADDRESSING.has(w)) return true;
  if (w === null) {
    // "thanks, poppy"
    const b = skipBack(text, start);
    if (b > 0 && text[b - 1] === ',' && ADDRESSING.has(wordBeforeLower(text, b - 1) ?? '')) return true;
  }
  const next = nextWord(text, end);
  if (next === 'speaking' || next === 'here') return true;
  const s = skipSpaces(text, end, 2);
  const closes = s >= text.length || '.!?\n\r'.includes(text[s]!);
  return closes && w !== null && !NOT_ADDRESSING.has(w);
}

function capitalisedMidSentence(text: string, start: number): boolean {
  if (!isUpper(text, start)) return false;
  if (start + 1 < text.length && isUpper(text, start + 1)) return false; // "WILL", shouting
  let j = start - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j >= 0 && !'.!?\n\r"“'.includes(text[j]!);
}

// ---------------------------------------------------------------------------------------------
// Capitalised text: start from the names, not the cues

/**
 * Candidates in capitalised text, in one pass:
 * - a capitalised word after a lower-case letter or comma and a space ("hi Jane", "is Jane",
 *   ", Jane"), or at the start of a line after a line that does not end a sentence ("Regards,\nJane");
 *   sentence starts after ". " and the pronoun "I" are deliberately not candidates;
 * - "O'Brien", "D'Arcy";
 * - "(n)ame is", "(n)ame's", "(n)ame:" (a lower-case name may follow even in capitalised text);
 * - "(s)peaking" ("Jane speaking", "speaking with Jane");
 * - capital letters spelled out (" J A N E").
 * The alternatives are short and of nearly fixed width with narrow character sets, so the engine
 * skips ahead instead of trying a list of cue words at every position, and a text costs one call.
 */
const CAPITAL_RE =
  /[a-z,:;\- \r\n][ \n][A-Z\u00c0-\u00de][a-z\u00df-\u00ff]| [OD]['’][A-Z]|ame(?:'s|’s| is|:)|peaking| [A-Z][ .-]{1,2}[A-Z]/g;

interface Cue {
  kind: CueKind;
  start: number;
  end: number;
}

/** The word ending at `end` (exclusive), lower case, with its start; null when none or too long. */
function wordBefore(text: string, end: number): { start: number; word: string } | null {
  const start = wordStartBefore(text, end);
  if (start === end || end - start > 12) return null;
  const w = text.slice(start, end).toLowerCase();
  return { start, word: w.indexOf('’') === -1 ? w : w.replace('’', "'") };
}

/** The cue right before a capitalised word at `s` ("hi", "this is", "my name is", "Regards,"). */
function cueBefore(text: string, s: number): Cue | null {
  let p = s - 1; // the space before the name (CAPITAL_RE guarantees one)
  const punct = text[p - 1];
  const comma = punct === ',';
  if (comma || punct === ':') p = skipBack(text, p - 1);
  const w1 = wordBefore(text, p);
  if (!w1 || !CUE_LAST_WORDS.has(w1.word)) return null;
  const w = w1.word;
  if (punct === ':') {
    if (w === 'name' || w === 'surname') return { kind: 'name', start: w1.start, end: p + 1 };
    if (w === 'from') return { kind: 'from', start: w1.start, end: p + 1 };
    return null;
  }
  if (comma && SIGNOFF_WORDS.has(w))
    return { kind: THANKS_WORDS.has(w) ? 'thanks' : 'signoff', start: w1.start, end: p };
  if (GREETING_WORDS.has(w)) return { kind: 'greet', start: w1.start, end: p };
  if (THANKS_WORDS.has(w)) return { kind: 'thanks', start: w1.start, end: p };
  if (TITLE_WORDS.has(w) || SPOKEN_TITLES.has(w)) return { kind: 'title', start: w1.start, end: p };
  if (w === "name's" || w === "surname's") return { kind: 'name', start: w1.start, end: p };
  if (w === 'attn') return { kind: 'relation', start: w1.start, end: p };
  if (w === "it's") return { kind: 'its', start: w1.start, end: p };
  if (w === "i'm" || w === 'im') return { kind: 'im', start: w1.start, end: p };
  const b = skipBack(text, w1.start);
  if (b === w1.start) return null;
  const w2 = wordBefore(text, b);
  if (!w2) return null;
  switch (`${w2.word} ${w}`) {
    case 'name is':
    case 'surname is':
      return { kind: 'name', start: w2.start, end: p };
    case 'this is':
    case 'is this':
      return { kind: 'this', start: w2.start, end: p };
    case 'it was':
    case 'was it':
      return { kind: 'its', start: w2.start, end: p };
    case 'attention of':
    case 'care of':
      return { kind: 'relation', start: w2.start, end: p };
    case 'are for':
    case 'is for':
    case 'made out to':
    case 'addressed to':
    case 'speak to':
    case 'speak with':
    case 'spoke to':
    case 'spoke with':
    case 'talk to':
    case 'ask for':
    case 'asked for':
    case 'transfer you to':
      return { kind: 'mention', start: w2.start, end: p };
    case 'it is':
      return { kind: 'its', start: w2.start, end: p };
    case 'i am':
      return { kind: 'im', start: w2.start, end: p };
    case 'call me':
      return { kind: 'callme', start: w2.start, end: p };
    case 'thank you':
      return { kind: 'thanks', start: w2.start, end: p };
    case 'welcome back':
      return { kind: 'greet', start: w2.start, end: p };
    case "you've reached":
    case 'have reached':
      return { kind: 'this', start: w2.start, end: p };
    case 'speaking with':
    case 'speaking to':
    case 'talking to':
    case 'talking with':
    case 'through to': {
      // "you're speaking with Jane" is strong; a bare "speaking with" is left to the speaking pass.
      const w3 = wordBefore(text, skipBack(text, w2.start));
      const you = w3 && (w3.word === "you're" || w3.word === 'are' || w3.word === 'now');
      return you ? { kind: 'you', start: w3.start, end: p } : null;
    }
    default:
      // "my colleague Fatima", "our accountant Kwame"
      if (RELATIONS.has(w) && POSSESSIVES.has(w2.word)) return { kind: 'relation', start: w2.start, end: p };
      return null;
  }
}

/** A name alone at the start of a line after a sign-off line ("Regards,") or a "--" line. */
function signoffLineBefore(text: string, s: number, col: Collector): void {
  let p = s;
  for (let k = 0; k < 2; k++) {
    p = skipBack(text, p);
    if (text[p - 1] !== '\n') break;
    p--;
    if (text[p - 1] === '\r') p--;
    p = skipBack(text, p);
    if (p > 0 && text[p - 1] !== '\n') break;
  }
  let e = skipBack(text, p);
  if (text[e - 1] === '-' && text[e - 2] === '-') {
    if (lineStart(text, e - 2)) handleCue(text, 'dash', e - 2, e, col);
    return;
  }
  if (',.!'.includes(text[e - 1] ?? 'x')) e--;
  const w = wordBefore(text, e);
  if (!w) return;
  if (w.word === 'you') {
    const w2 = wordBefore(text, skipBack(text, w.start));
    if (w2?.word === 'thank') handleCue(text, 'thanks', w2.start, e, col);
    return;
  }
  if (SIGNOFF_WORDS.has(w.word))
    handleCue(text, THANKS_WORDS.has(w.word) ? 'thanks' : 'signoff', w.start, e, col);
}

function capitalCandidate(text: string, s: number, col: Collector): void {
  const c = text.charCodeAt(s);
  // Titles are capitalised words themselves: "Dear Mr Smith", "with Dr. Patel".
  if (c === 77 || c === 68 || c === 80) {
    const e = wordEnd(text, s);
    if (e - s <= 4 && TITLE_WORDS.has(text.slice(s, e).toLowerCase())) {
      handleCue(text, 'title', s, e, col);
      return;
    }
  }
  const before = text.charCodeAt(s - 1);
  if (before === 10 || (before === 32 && text.charCodeAt(s - 2) === 10)) {
    signoffLineBefore(text, s, col);
    return;
  }
  const cue = cueBefore(text, s);
  if (cue) {
    handleCue(text, cue.kind, cue.start, cue.end, col);
    return;
  }
  const e = wordEnd(text, s);
  const after = skipSpaces(text, e, 2);
  if (after > e && text.startsWith('here', after) && !isLetter(text, after + 4)) {
    handleCue(text, 'here', after, after + 4, col);
  } else if (text.charCodeAt(s - 2) === 44) {
    vocative(text, s, e, col);
  }
}

/**
 * A known first name addressed at the end of a sentence: "Thanks for your help, Siobhán." or
 * "Of course, Jane!" (a comma before, the end of the sentence after).
 */
function vocative(text: string, s: number, e: number, col: Collector): void {
  const lw = text.slice(s, e).toLowerCase();
  if (!FIRST_NAMES.has(lw)) return;
  let q = e;
  const next = skipSpaces(text, e, 2);
  if (next > e && isUpper(text, next)) q = wordEnd(text, next); // "Jane Doe."
  const c = text[q];
  if (q >= text.length || c === '.' || c === '!' || c === '?' || c === '\n' || c === '\r') {
    col.push(s, q, SCORE_LEXICON);
  }
}

function capitalPass(text: string, col: Collector): void {
  if (isUpper(text, 0)) capitalCandidate(text, 0, col);
  CAPITAL_RE.lastIndex = 0;
  let m = CAPITAL_RE.exec(text);
  while (m !== null) {
    const i = m.index;
    const first = m[0].charCodeAt(0);
    const second = m[0].charCodeAt(1);
    if (first === 97 /* a */ && m[0].startsWith('ame')) {
      nameCandidate(text, i - 1, i + m[0].length, col);
    } else if (first === 112 /* p */ && m[0] === 'peaking') {
      const st = i - 1;
      if (
        (text[st] === 's' || text[st] === 'S') &&
        (st === 0 || !isLetter(text, st - 1)) &&
        !isLetter(text, i + 7)
      )
        handleCue(text, 'speaking', st, i + 7, col);
    } else if (second === 32 || second === 10) {
      capitalCandidate(text, i + 2, col);
      // The name's own letters may precede the next candidate ("Jane Doe", "Mr Smith").
      CAPITAL_RE.lastIndex = i + 3;
    } else if (m[0].charCodeAt(2) === 39 || m[0].charCodeAt(2) === 0x2019) {
      capitalCandidate(text, i + 1, col);
    } else {
      spelledCandidate(text, i + 1, col);
    }
    m = CAPITAL_RE.exec(text);
  }
}

/** "name is" / "name's" / "name:" ending at `end`, with its "n" at `n` ("surname" too). */
function nameCandidate(text: string, n: number, end: number, col: Collector): void {
  if (n < 0 || (text[n] !== 'n' && text[n] !== 'N') || isLetter(text, end)) return;
  let st = n;
  if (n >= 3 && text.slice(n - 3, n).toLowerCase() === 'sur') st = n - 3;
  if (st > 0 && isLetter(text, st - 1)) return;
  handleCue(text, 'name', st, end, col);
}

/** Spelled capitals at `at`: count when a spelling cue comes shortly before. */
function spelledCandidate(text: string, at: number, col: Collector): void {
  const before = text.slice(Math.max(0, at - 40), at).toLowerCase();
  if (before.includes('spel')) spelledAt(text, at, 2, 1, col);
  else if (before.includes('name') || /(?:that['’]s|that is|it['’]s)[\s,:"-]*$/.test(before))
    spelledAt(text, at, 3, 1, col);
}

/** Lower-case text (speech transcripts, casual chat): every cue word, lower-case names allowed. */
function cuePass(text: string, lower: string, col: Collector): void {
  CUE_RE.lastIndex = 0;
  let m = CUE_RE.exec(lower);
  while (m !== null) {
    const start = m.index;
    const end = start + m[0].length;
    // \b is ASCII-only: "éhi" must not count as "hi".
    if (start === 0 || !isWordChar(lower.charCodeAt(start - 1)) || m[0] === '--') {
      handleCue(text, cueKind(m[0]), start, end, col);
    }
    m = CUE_RE.exec(lower);
  }
}

/**
 * Text whose first letter is lower case is written (or transcribed) without capitals, so names may
 * be lower case too: it gets the full cue scan. Capitalised text gets the fast name-first pass.
 */
function writtenInLowerCase(text: string): boolean {
  const n = Math.min(text.length, 200);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
    if ((c >= 65 && c <= 90) || (c >= 0xc0 && isLetter(text, i))) return !isUpper(text, i);
  }
  return false;
}

export const personRecognizer: Recognizer = {
  name: 'person',
  types: ['PERSON'],
  analyze(view: TextView, out: Finding[]): void {
    const text = view.text;
    const from = out.length;
    const col = new Collector(text, out);
    knownNames(view, col);
    if (writtenInLowerCase(text)) {
      cuePass(text, alignedLower(view), col);
    } else {
      capitalPass(text, col);
    }
    if (text.indexOf('<') !== -1) displayNames(text, col);
    col.flush(from);
  },
};
