/**
 * PASSWORD: secrets a customer says or types after a cue: "my password is X", "password: X",
 * "pwd: X", "pw X", "passcode is X", "PIN is 1234", "login jdoe password X", "the password was X",
 * "user: jdoe pass: X"; or before it: "X is my password", "use X as the password" (X must then
 * look like a secret). Also spelled out in a call: "capital h e l l o one two three", "PIN is one
 * two three four".
 *
 * A change names the new value too: "I changed my password to X", "set the password to X",
 * "my password was reset to X", "the password is now X", "new password X", and, in a turn that
 * names a password, "I reset it to X" (then X must look like a secret).
 *
 * The value is the next token: a run of non-space characters (at most 64), without surrounding
 * quotes and without the sentence's own punctuation (the end rule is at `tokenAt`), unless the
 * token is nothing but symbols (a symbol run can be the password). After "is"/"was" a stop list
 * of ordinary words keeps "my password is not working", "the password is incorrect", "password
 * is case sensitive" out. Directly after the cue ("password X", "pin 1234") the token must look
 * like a secret (a digit, a symbol or mixed case), so "password reset" and "pin the order" are
 * not taken. A passphrase of plain words said after a link ("the password is blue monkey seventy
 * seven") is taken whole when it runs to the end of its clause (see `passphraseEnd`).
 *
 * The finding covers the value only, never the cue. Score 0.9.
 */
import type { NumberSpan } from '../numbers.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import { isWordChar } from '../view.js';
import { letterOfWord, wordAfter } from './spoken-letters.js';

const SCORE = 0.9;
const MAX_VALUE = 64;

/**
 * Cue words, literal alternatives between word boundaries (a bounded match per position). A bare
 * "pass" is one too ("user: jdoe pass: hunter2"), but only as a label or after a user name (see
 * `passCue`): "boarding pass", "bus pass" and "pass the order on" are everyday speech.
 */
const CUE_RE =
  /\b(?:pass ?words?|passwd|pass ?codes?|pass ?phrase|pwd|pw|pins?(?: number| code| no\.?)?|pass)\b/g;

/** A bare "pass" is a label here: "pass: X", "pass=X". */
const PASS_LABEL_RE = /^\s{0,2}[:=]/;
/**
 * Login words shortly before a bare "pass" ("username jdoe pass X", "user: jdoe pass: X", "login is
 * jdoe and the pass is X"). A bare "user" only as a label: "as a user, my season pass is gold".
 */
const LOGIN_BEFORE_RE =
  /(?:^|[^a-z])(?:user\s{0,2}[:=]|user ?(?:name|id)|login|log ?in|sign ?in)(?:[^a-z]|$)/;
/** How far before a bare "pass" the login word may be. */
const LOGIN_WINDOW = 60;

/**
 * Whether a bare "pass" at [start, end) is a password cue: after a login word ("login"), or as a
 * label alone ("label"), where the value must then look like a secret ("season pass: yes" is not
 * one); null when it is neither.
 */
function passCue(lower: string, start: number, end: number): 'login' | 'label' | null {
  if (LOGIN_BEFORE_RE.test(lower.slice(Math.max(0, start - LOGIN_WINDOW), start))) return 'login';
  return PASS_LABEL_RE.test(lower.slice(end, end + 3)) ? 'label' : null;
}

/**
 * The value before the cue: "hunter2 is my password", "use Xy9#abc as the password". Tested on a
 * short slice ending at the cue, so bounded per cue.
 */
const VALUE_BEFORE_RE = /(\S{1,64})\s{1,3}(?:is|was|as)\s{1,3}(?:my|the|your|our)\s{1,3}(?:new\s{1,3})?$/i;

/** Words between the cue and the value ("my password for the portal is X"): at most this many. */
const MAX_BRIDGE_WORDS = 4;

/** Verbs that introduce the value. */
const LINKS = new Set(['is', 'was', 'were', "'s", 'be', 'as', 'reads', 'remains']);

/**
 * Ordinary words after "is"/"was": the sentence talks about the password instead of giving it.
 * Real passwords that are plain dictionary words in this list are missed; the alternative is
 * redacting half of every support conversation about logins.
 */
const STOP = new Set(
  (
    'not no never incorrect wrong expired invalid the my your a an this that it its too still working ' +
    'reset correct case same different being been locked blocked disabled changed updated required ' +
    'needed missing empty blank weak strong long short ok okay fine right there here what which ' +
    'sensitive saved stored set forgotten forgot lost new old above below attached in on for to of and ' +
    'or but now just also very so all only either neither please because as you i we they he she ' +
    'something anything nothing somewhere supposed meant going gonna probably definitely actually ' +
    'really hidden protected encrypted unknown unchanged valid accepted rejected failing ' +
    'broken sent emailed texted given shown displayed usually normally always mine yours his hers ' +
    'their theirs one before usual default temporary previous last expected'
  ).split(' '),
);

/** Words that cannot follow the cue directly as a value ("password reset", "pin the order"). */
const DIRECT_STOP = new Set([
  'reset',
  'manager',
  'change',
  'recovery',
  'protected',
  'policy',
  'field',
  'box',
  'prompt',
  'expired',
  'expiry',
  'length',
  'requirements',
]);

/** Closing quotes and brackets around a value ("'letmein'", "(hunter2)"). */
const CLOSERS = ')]}>"\'\u201d\u2019';
/** Clause and sentence marks that end a value's sentence, never kept at a value's end. */
const CLAUSE_END = '.,;:';
const TRIM_START = '"\'(<[{\u201c\u2018';

interface Value {
  start: number;
  end: number;
  value: string;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

/** The non-space token starting at or after `pos` (only spaces skipped), trimmed. */
function tokenAt(text: string, pos: number): Value | null {
  let i = pos;
  const stop = Math.min(text.length, pos + 4);
  while (i < stop && isSpace(text.charCodeAt(i))) i++;
  if (i >= text.length || isSpace(text.charCodeAt(i))) return null;
  let j = i;
  const limit = Math.min(text.length, i + MAX_VALUE + 1);
  while (j < limit && !isSpace(text.charCodeAt(j))) j++;
  if (j - i > MAX_VALUE) return null;
  const raw = text.slice(i, j);
  if (!/[\p{L}\p{N}]/u.test(raw)) return { start: i, end: j, value: raw };
  let s = i;
  let e = j;
  // Where a value ends. The token already ends at a space or the end of the text, so whatever
  // punctuation closes it sits where a sentence mark would. From the end:
  // - closing quotes and brackets go, and so do '.', ',', ';' and ':': they end the clause far
  //   more often than a password ("my password is hunter2.", "password X, can you check");
  // - '?' and '!' stay and stop the trimming: a symbol at the end is the most common human
  //   password shape ("Summer24!", "Hunter12?"), so "Hunter12?." keeps "Hunter12?" and
  //   "password Hunter12? but it fails" keeps the '?'. A question that ends on the value ("was
  //   it hunter2?") then covers one character too many, which only over-redacts.
  // Punctuation inside the token ("Tr0ub4dor&3", "a.b-c") is never touched.
  while (e > s) {
    const ch = text[e - 1]!;
    if (ch === '?' || ch === '!') break;
    if (!CLOSERS.includes(ch) && !CLAUSE_END.includes(ch)) break;
    e--;
  }
  while (s < e && TRIM_START.includes(text[s]!)) s++;
  if (e <= s) return null;
  return { start: s, end: e, value: text.slice(s, e) };
}

/** `v` without the '?' and '!' that `tokenAt` keeps at its end (the token itself if nothing is left). */
function withoutFinalMark(v: Value): Value {
  let e = v.end;
  while (e > v.start && (v.value[e - v.start - 1] === '?' || v.value[e - v.start - 1] === '!')) e--;
  if (e === v.end || e === v.start) return v;
  return { start: v.start, end: e, value: v.value.slice(0, e - v.start) };
}

function emit(out: Finding[], value: Value, spoken: boolean): void {
  out.push({
    type: 'PASSWORD',
    start: value.start,
    end: value.end,
    score: SCORE,
    recognizer: 'password',
    spoken: spoken || undefined,
    normalized: value.value,
  });
}

/**
 * Looks like a secret rather than a word: a digit, a symbol (apostrophes and hyphens of ordinary
 * words aside), or upper case after the first letter.
 */
function secretShaped(v: string): boolean {
  return /[\d_!"#$%&()*+,./:;<=>?@[\\\]^`{|}~]/.test(v) || /^.+[A-Z]/.test(v);
}

const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

const SYMBOL_WORDS: Record<string, string> = {
  underscore: '_',
  dash: '-',
  hyphen: '-',
  dot: '.',
  hash: '#',
  hashtag: '#',
  pound: '#',
  star: '*',
  asterisk: '*',
  exclamation: '!',
  dollar: '$',
  percent: '%',
  ampersand: '&',
  at: '@',
};

/**
 * A password spelled out in a call: single letters, digit words, "capital"/"upper case" before a
 * letter, symbol names ("exclamation mark", "at sign"). At least four characters, and at least one
 * letter or digit word must be a single character (so plain words are not read as spelling).
 */
function spelled(lower: string, pos: number): Value | null {
  let value = '';
  let start = -1;
  let end = pos;
  let upper = false;
  for (let n = 0; n < MAX_VALUE; n++) {
    const w = wordAfter(lower, end, 3);
    if (!w) break;
    let ch: string | null = null;
    if (w.word === 'capital' || w.word === 'uppercase' || w.word === 'upper') {
      if (w.word === 'upper') {
        const c = wordAfter(lower, w.end, 2);
        if (c?.word !== 'case') break;
        w.end = c.end;
      }
      if (start < 0) start = w.start;
      end = w.end;
      upper = true;
      continue;
    }
    if (w.word === 'lowercase' || w.word === 'small') {
      if (start < 0) start = w.start;
      end = w.end;
      continue;
    }
    const digit = DIGIT_WORDS[w.word];
    const symbol = SYMBOL_WORDS[w.word];
    if (digit !== undefined) ch = digit;
    else if (symbol !== undefined) {
      ch = symbol;
      const tail = wordAfter(lower, w.end, 2);
      if (
        tail &&
        (tail.word === 'mark' || tail.word === 'point' || tail.word === 'sign' || tail.word === 'symbol')
      )
        w.end = tail.end;
    } else if (w.word.length === 1 && /\d/.test(w.word)) ch = w.word;
    else {
      const letter = w.word.length === 1 ? letterOfWord(w.word) : null;
      if (letter) ch = upper ? letter.toUpperCase() : letter;
    }
    if (ch === null) break;
    if (start < 0) start = w.start;
    value += ch;
    end = w.end;
    upper = false;
  }
  if (value.length < 4 || start < 0) return null;
  return { start, end, value };
}

function nextWordLower(lower: string, pos: number): { word: string; start: number; end: number } | null {
  let i = pos;
  const stop = Math.min(lower.length, pos + 4);
  while (i < stop && (isSpace(lower.charCodeAt(i)) || lower[i] === ',')) i++;
  if (i >= lower.length || !isWordChar(lower.charCodeAt(i))) return null;
  let j = i;
  const limit = Math.min(lower.length, i + 24);
  while (j < limit && (isWordChar(lower.charCodeAt(j)) || lower[j] === "'")) j++;
  return { word: lower.slice(i, j), start: i, end: j };
}

/**
 * Words that may open a phrase between the cue and "is": "the password for the portal is X",
 * "the password I use is X", "the PIN to my account is X".
 */
const BRIDGE_START = new Set([
  'for',
  'to',
  'on',
  'of',
  'at',
  'i',
  'we',
  'you',
  'that',
  'which',
  'used',
  "i'm",
  "we're",
]);

/** Participles of a change: "was changed to X", "has been reset to X", "changed it to X". */
const CHANGED = new Set(['changed', 'reset', 'set', 'updated', 'switched', 'made']);

/**
 * A change verb right before the cue: "changed my password", "set the new password", "reset your
 * PIN". Tested on a short slice, so bounded per cue.
 */
const CHANGE_BEFORE_RE =
  /(?:^|[^a-z])(?:chang(?:e|ed|ing)|re-?set(?:ting)?|set(?:ting)?|updat(?:e|ed|ing)|switch(?:ed|ing)?)\s{1,3}(?:(?:my|the|your|our|his|her|their|a)\s{1,3})?(?:new\s{1,3})?$/;

/**
 * After a link word ("is", "was"): "now", or "(been) changed/reset/set to", which lead to the new
 * value ("my password is now X", "the password was reset to X"). Returns where the value starts,
 * or `pos` when none of that follows.
 */
function skipChange(lower: string, pos: number): number {
  // Most values follow the link directly: look at one character before reading a word.
  let i = pos;
  while (i < lower.length && i < pos + 3 && lower.charCodeAt(i) === 32) i++;
  const c = lower.charCodeAt(i);
  // n(ow) b(een) c(hanged) r(eset) s(et, switched) u(pdated) m(ade)
  if (c !== 110 && c !== 98 && c !== 99 && c !== 114 && c !== 115 && c !== 117 && c !== 109) return pos;
  let w = nextWordLower(lower, pos);
  if (!w) return pos;
  if (w.word === 'now') return w.end;
  if (w.word === 'been') w = nextWordLower(lower, w.end);
  if (!w || !CHANGED.has(w.word)) return pos;
  const to = nextWordLower(lower, w.end);
  return to && (to.word === 'to' || to.word === 'as') ? to.end : pos;
}

/**
 * Where the value starts after the cue. `linked`: a link ("is", ":") introduced it, so any word
 * not in STOP is taken. `strict`: the link was "to" or "as" ("changed my password to X", "set
 * as X"), which as often start a purpose or a manner ("to get back in", "to be safe", "as
 * instructed"), so the value must look like a secret, as directly after a cue, or be spelled.
 */
interface Link {
  pos: number;
  linked: boolean;
  strict: boolean;
}

/** Where the value starts after the cue, and whether a link ("is", ":", "changed ... to") introduced it. */
function afterCue(text: string, lower: string, cueStart: number, cueEnd: number): Link {
  let k = cueEnd;
  while (k < text.length && k < cueEnd + 3 && isSpace(text.charCodeAt(k))) k++;
  const punct = text[k];
  // "password: X", "pwd=X", "password - X"
  if (punct === ':' || punct === '=' || punct === '-' || punct === '\u2013')
    return { pos: k + 1, linked: true, strict: false };
  // "password's X"
  if (lower.startsWith("'s ", cueEnd) || lower.startsWith('\u2019s ', cueEnd)) {
    return { pos: cueEnd + 2, linked: true, strict: false };
  }
  let p = cueEnd;
  for (let n = 0; n <= MAX_BRIDGE_WORDS; n++) {
    const w = nextWordLower(lower, p);
    if (!w) break;
    if (LINKS.has(w.word)) {
      // "is:" after the link
      if (text[w.end] === ':') return { pos: w.end + 1, linked: true, strict: false };
      // "as" names a manner as often as a value ("set it as instructed"); see `Link`.
      const at = skipChange(lower, w.end);
      return { pos: at, linked: true, strict: w.word === 'as' || (at !== w.end && endsWithTo(lower, at)) };
    }
    if (n === 0) {
      // "changed my password to X", "set the password as X"
      if (
        (w.word === 'to' || w.word === 'as') &&
        CHANGE_BEFORE_RE.test(lower.slice(Math.max(0, cueStart - 32), cueStart))
      )
        return { pos: w.end, linked: true, strict: true };
      // "password changed to X", "PIN has been reset to X"
      if (CHANGED.has(w.word) || w.word === 'has' || w.word === 'had') {
        const after = skipChange(lower, w.word === 'has' || w.word === 'had' ? w.end : w.start);
        if (after !== w.end && after !== w.start) return { pos: after, linked: true, strict: true };
      }
      if (!BRIDGE_START.has(w.word)) break;
    }
    p = w.end;
  }
  return { pos: cueEnd, linked: false, strict: false };
}

/** `pos` follows "to" or "as" (a change: "reset to X", "set as X"). */
function endsWithTo(lower: string, pos: number): boolean {
  return pos >= 2 && (lower.endsWith('to', pos) || lower.endsWith('as', pos));
}

function analyzeCue(view: TextView, out: Finding[], cue: string, cueEnd: number): number {
  const text = view.text;
  const lower = view.lower;
  const cueStart = cueEnd - cue.length;
  const bare = cue === 'pass' ? passCue(lower, cueStart, cueEnd) : null;
  if (cue === 'pass' && bare === null) return cueEnd;
  const link = afterCue(text, lower, cueStart, cueEnd);
  const { pos, linked } = link;
  const strict = link.strict || bare === 'label';
  if (!linked && valueBefore(view, out, cueStart)) return cueEnd;
  const pin = cue.startsWith('pin');
  const spell = spelled(lower, pos);
  const token = tokenAt(text, pos);
  let value: Value | null = null;
  if (spell && (!token || spell.end > token.end)) {
    if (!pin || /^\d+$/.test(spell.value)) value = spell;
  } else if (token) {
    // The words are judged without a final '?'/'!' ("is it correct?", "password recently?").
    const core = withoutFinalMark(token);
    const word = core.value.toLowerCase();
    if (pin) {
      // A PIN is digits; "pin the order" and "PIN is wrong" are not values.
      if (/^\d{3,12}$/.test(core.value)) value = core;
    } else if (strict) {
      // After "to"/"as": a secret's shape, or a word with spoken digits ("sunshine one two three").
      const shaped =
        secretShaped(core.value) ||
        (/^\p{L}+$/u.test(core.value) && spokenDigitsAt(view, token.end) !== null);
      if (shaped && !STOP.has(word) && !DIRECT_STOP.has(word)) value = token;
    } else if (linked) {
      if (!STOP.has(word)) value = token;
    } else if (token.start > cueEnd && /[\p{L}\p{N}]/u.test(core.value) && secretShaped(core.value)) {
      if (!DIRECT_STOP.has(word)) value = token;
    }
  }
  if (!value) return cueEnd;
  let spoken = value === spell;
  if (!spoken && !pin && /^[\p{L}]+$/u.test(value.value)) {
    // "my password is sunshine one two three": a word followed by spoken digits is one value.
    const digits = spokenDigitsAt(view, value.end);
    if (digits) {
      value = { start: value.start, end: digits.end, value: value.value + digits.digits };
      spoken = true;
    }
  }
  if (!spoken && linked && !strict && !pin && /^\p{L}+$/u.test(value.value)) {
    // "my password is blue monkey seventy seven": a passphrase of plain words, said in a call.
    const end = passphraseEnd(text, lower, value.end);
    if (end > value.end) value = { start: value.start, end, value: text.slice(value.start, end) };
  }
  emit(out, value, spoken);
  return value.end;
}

/** A passphrase may run this many words past its first. */
const MAX_PHRASE_WORDS = 4;
/** Words that end the clause a passphrase stands in ("... blue monkey, thanks", "... and my user name"). */
const PHRASE_CLOSERS = new Set([
  'thanks',
  'thank',
  'please',
  'ok',
  'okay',
  'right',
  'yeah',
  'yes',
  'and',
  'but',
  'so',
  'cheers',
  'sorry',
]);

/**
 * Where a passphrase that starts with a plain word ends: the words after it up to the end of its
 * clause (the end of the text, a sentence or clause mark, or a closer such as "thanks" or
 * "and"), when there are at most MAX_PHRASE_WORDS of them, each letters only and none an ordinary
 * word of STOP. Anything else ("my password is fluffy the cat's name", "hunter is the one I use")
 * keeps the first word alone: a clause that goes on is talk, not the secret. Returns `pos` when
 * there is no passphrase. Bounded: at most MAX_PHRASE_WORDS words of 24 letters are read.
 */
function passphraseEnd(text: string, lower: string, pos: number): number {
  let end = pos;
  for (let words = 0; ; words++) {
    if (end >= text.length || text.charCodeAt(end) !== 32) return words === 0 ? pos : end;
    let j = end + 1;
    const limit = Math.min(text.length, j + 24);
    while (j < limit && /\p{L}/u.test(text[j]!)) j++;
    if (j === end + 1) return pos;
    const word = lower.slice(end + 1, j);
    if (PHRASE_CLOSERS.has(word)) return words === 0 ? pos : end;
    if (words === MAX_PHRASE_WORDS) return pos;
    // Digit words may stand in a passphrase ("blue monkey one two"), though "one" is a stop word.
    if (STOP.has(word) && DIGIT_WORDS[word] === undefined) return pos;
    const after = text[j];
    if (after !== undefined && after !== ' ' && !'.,;!?\n'.includes(after)) return pos;
    end = j;
    if (after !== ' ') return end;
  }
}

/**
 * "hunter2 is my password": the token before "is my"/"as the" right before the cue, when it looks
 * like a secret (so "that is my password" and "what was the password" are not taken).
 */
function valueBefore(view: TextView, out: Finding[], cueStart: number): boolean {
  const from = Math.max(0, cueStart - 96);
  const m = VALUE_BEFORE_RE.exec(view.text.slice(from, cueStart));
  if (!m) return false;
  const token = tokenAt(view.text, from + m.index);
  if (!token || token.end > from + m.index + m[1]!.length) return false;
  const core = withoutFinalMark(token);
  const word = core.value.toLowerCase();
  if (!secretShaped(core.value) || !/[\p{L}\p{N}]/u.test(core.value) || STOP.has(word)) return false;
  emit(out, token, false);
  return true;
}

/** A spoken number span starting right after `pos` (one space at most), or null. */
function spokenDigitsAt(view: TextView, pos: number): NumberSpan | null {
  const text = view.text;
  if (pos >= text.length || (text[pos] !== ' ' && text[pos] !== '-')) return null;
  const spans = view.numberSpans;
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start <= pos) lo = mid + 1;
    else hi = mid;
  }
  const span = spans[lo];
  if (!span || span.start !== pos + 1 || !span.tokens.every((t) => t.spoken)) return null;
  return span.digits.length <= MAX_VALUE ? span : null;
}

/**
 * "I reset it to X", "changed that to X": the change of a password named before. Tested on a
 * short slice ending at an "it to" / "that as" found by indexOf, so a turn pays a few indexOf
 * calls and nothing more unless it says "it to".
 */
const CHANGED_IT_RE = /(?:^|[^a-z])(?:chang(?:e|ed)|re-?set|set|updated?|switched|made)\s{1,3}it\sto$/;

/**
 * What CHANGED_IT_RE is tried after, in a turn that names a password. Only there: a probe in
 * every turn would be one more scan of every turn, a fifth more time for this recognizer, for
 * the rarer "Did you change your password?" / "yes, I changed it to X" (not taken).
 */
const CHANGED_IT_PROBE = 'it to ';

/** A password cue in a short slice of text (the turn or the question before it). */
const NAMED_RE = /pass ?(?:words?|codes?|phrase)|passwd|\bpwd\b|\bpins?\b/;

/** How much of the prior turns may name the password that "it" refers to. */
const PRIOR_NAMED = 200;

function changedIt(view: TextView, out: Finding[]): void {
  const lower = view.lower;
  // Where this turn first names a password (-2: not looked yet), and whether the prior turns do.
  let cue = -2;
  let prior: boolean | undefined;
  for (let p = lower.indexOf(CHANGED_IT_PROBE); p !== -1; p = lower.indexOf(CHANGED_IT_PROBE, p + 1)) {
    const pos = p + CHANGED_IT_PROBE.length - 1;
    if (!CHANGED_IT_RE.test(lower.slice(Math.max(0, pos - 24), pos))) continue;
    // "it" must be a password: named in this turn before the change, or in the turns just before.
    if (cue === -2) cue = lower.search(NAMED_RE);
    if (cue === -1 || cue > p) {
      prior ??= NAMED_RE.test(view.priorContext.slice(-PRIOR_NAMED));
      if (!prior) continue;
    }
    const spell = spelled(lower, pos);
    const token = tokenAt(view.text, pos);
    let value: Value | null = null;
    if (spell && (!token || spell.end > token.end)) value = spell;
    else if (token && secretShaped(withoutFinalMark(token).value) && /[\p{L}\p{N}]/u.test(token.value))
      value = token;
    if (!value) continue;
    emit(out, value, value === spell);
  }
}

export const passwordRecognizer: Recognizer = {
  name: 'password',
  types: ['PASSWORD'],
  analyze(view: TextView, out: Finding[]): void {
    const lower = view.lower;
    // Every cue contains one of these: most turns stop after three indexOf scans.
    if (lower.indexOf('pass') === -1 && lower.indexOf('pw') === -1 && lower.indexOf('pin') === -1) return;
    const before = out.length;
    CUE_RE.lastIndex = 0;
    let m = CUE_RE.exec(lower);
    while (m !== null) {
      const next = analyzeCue(view, out, m[0], m.index + m[0].length);
      if (next > CUE_RE.lastIndex) CUE_RE.lastIndex = next;
      m = CUE_RE.exec(lower);
    }
    // "I forgot my password so I reset it to X": only when no cue gave the value already.
    if (out.length === before) changedIt(view, out);
  },
};
