/**
 * EMAIL_ADDRESS: typed addresses and addresses read out in speech transcripts.
 *
 * Typed: every '@' (found with indexOf) is expanded left over local-part characters (at most 64,
 * RFC 5321) and right over domain characters, then checked: dot-atom local part (the practical
 * subset of RFC 5322), domain labels of
 * 1-63 letters, digits and inner hyphens, an alphabetic (or punycode) top-level domain. Expansions
 * stop at the next '@', so every character is visited a bounded number of times: no regex, no
 * backtracking on "aaaa...@" or "a.a.a.a...". Quoted local parts and address literals
 * ('"john..doe"@example.org', "postmaster@[192.0.2.1]") are read when the ordinary reading fails.
 *
 * Spoken: "jane dot doe at gmail dot com", "j doe at example dot co dot uk", "jane underscore doe
 * at ...". The domain after the word "at" must end in "dot <known TLD>" (or be a well-known
 * webmail provider when the text talks about email). The local part is read backwards from "at":
 * names joined by "dot"/"underscore"/"dash"/"plus", or up to three words run together (speech
 * recognition splits "janedoe" into "jane doe"), stopping at function words and at verbs that take
 * "at" ("look at", "arrive at"), so "look at the card dot" and "at the moment" are not addresses.
 * The range covers the spoken words; `normalized` is the reconstructed lower-case address.
 */
import { isAsciiAlnumCode } from '../chars.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import { containsWord, isWordChar } from '../view.js';

export const EMAIL_CONTEXT = ['email', 'e-mail', 'e mail', 'mail', 'address', 'inbox', 'send it to'] as const;

const SCORE_TYPED = 0.95;
const SCORE_SPOKEN = 0.85;
const SCORE_SPOKEN_CONTEXT = 0.95;

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

// --- typed -------------------------------------------------------------------------------------

const LOCAL_CHARS = charTable(
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-",
);
const DOMAIN_CHARS = charTable('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-');

function charTable(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

/** Internationalized addresses (RFC 6531): letters, marks and digits beyond ASCII are allowed. */
const NON_ASCII_OK = /^[\p{L}\p{M}\p{N}]$/u;

function inTable(t: Uint8Array, c: number): boolean {
  if (c < 128) return t[c] === 1;
  return c < 0xd800 && NON_ASCII_OK.test(String.fromCharCode(c));
}

/** Domain labels and TLD rules shared by the typed and spoken readers. */
export function isValidDomain(domain: string): boolean {
  if (domain.length < 4 || domain.length > MAX_DOMAIN) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const l of labels) {
    if (l.length === 0 || l.length > 63) return false;
    if (l.charCodeAt(0) === 45 || l.charCodeAt(l.length - 1) === 45) return false;
  }
  const tld = labels[labels.length - 1]!;
  return /^(?:[a-z]{2,24}|xn--[a-z0-9-]{1,59}|[\p{L}\p{M}]{2,24})$/iu.test(tld);
}

/** An address read around an '@' (see `readAround`). */
interface Around {
  /** Bounds after trimming, whether or not the parts make an address. */
  start: number;
  end: number;
  /** Where the scan of domain characters stopped, before trimming. */
  scanEnd: number;
  /** Local part and domain when they make an address, else null. */
  parts: { local: string; domain: string } | null;
}

/**
 * The address whose local part ends at `left` and whose domain starts at `right` (the '@', and
 * for a spaced one its spaces, between): local-part characters leftwards, never past `floor`;
 * domain characters rightwards. Trailing sentence punctuation and leading quotes or brackets are
 * not part of it. Typed and spaced addresses share this, so both follow one set of rules.
 */
function readAround(text: string, left: number, right: number, floor: number): Around {
  let s = left;
  while (s > floor && left - s <= MAX_LOCAL && inTable(LOCAL_CHARS, text.charCodeAt(s - 1))) s--;
  const localTooLong = left - s > MAX_LOCAL;
  let e = right;
  while (e < text.length && e - right <= MAX_DOMAIN && inTable(DOMAIN_CHARS, text.charCodeAt(e))) e++;
  const scanEnd = e;
  while (e > right && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
  while (
    s < left &&
    !isAsciiAlnumCode(text.charCodeAt(s)) &&
    text.charCodeAt(s) < 128 &&
    text.charCodeAt(s) !== 95
  )
    s++;
  let parts: Around['parts'] = null;
  if (!localTooLong && s < left && e > right) {
    const local = text.slice(s, left);
    const domain = text.slice(right, e);
    if (local.charCodeAt(local.length - 1) !== 46 && local.indexOf('..') === -1 && isValidDomain(domain))
      parts = { local, domain };
  }
  return { start: s, end: e, scanEnd, parts };
}

function emitAddress(out: Finding[], a: Around, parts: NonNullable<Around['parts']>, score: number): void {
  out.push({
    type: 'EMAIL_ADDRESS',
    start: a.start,
    end: a.end,
    score,
    recognizer: 'email',
    normalized: `${parts.local}@${parts.domain}`.toLowerCase(),
  });
}

function typed(view: TextView, out: Finding[]): void {
  const text = view.text;
  let scanned = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    // Never past the previous address's domain, nor next to another '@'.
    const a = readAround(text, at, at + 1, scanned);
    scanned = a.scanEnd;
    const before = a.start > 0 ? text.charCodeAt(a.start - 1) : 32;
    if (a.parts && before !== 64 && text.charCodeAt(a.end) !== 64) emitAddress(out, a, a.parts, SCORE_TYPED);
    else if (!a.parts) {
      const q = text.charCodeAt(at - 1);
      const b = text.charCodeAt(at + 1);
      if (q === 34 || b === 91) literalAt(text, at, a, out);
    }
    if (a.start === at || a.end === at + 1) spacedAt(view, at, out);
    at = text.indexOf('@', Math.max(at + 1, scanned));
  }
}

/** Longest address literal read: "[IPv6:" and a full IPv6 address with an embedded IPv4 one. */
const MAX_LITERAL = 60;
const LITERAL_RE = /^\[(?:\d{1,3}(?:\.\d{1,3}){3}|IPv6:[0-9A-Fa-f:.]{2,45})\]$/;

/**
 * The rarer RFC 5321/5322 forms: a quoted local part ('"john..doe"@example.org', '" "@example.org')
 * and an address literal for a domain ("postmaster@[192.0.2.1]", "x@[IPv6:2001:db8::1]"). Rare
 * in customer service, but an address all the same; `a` is the ordinary reading, which failed.
 * Bounded: a quote is looked for at most MAX_LOCAL characters back, a ']' MAX_LITERAL ahead.
 */
function literalAt(text: string, at: number, a: Around, out: Finding[]): void {
  let start = a.start;
  let local = text.slice(a.start, at);
  if (text.charCodeAt(at - 1) === 34) {
    const open = findBounded(text, 34, at - 2, Math.max(0, at - MAX_LOCAL - 2), -1);
    if (open < 0) return;
    local = text.slice(open, at);
    if (local.indexOf('\n') !== -1) return;
    start = open;
  }
  let end = a.end;
  let domain = text.slice(at + 1, a.end);
  if (text.charCodeAt(at + 1) === 91) {
    const close = findBounded(text, 93, at + 2, Math.min(text.length - 1, at + MAX_LITERAL), 1);
    if (close < 0) return;
    domain = text.slice(at + 1, close + 1);
    if (!LITERAL_RE.test(domain)) return;
    end = close + 1;
  } else if (!isValidDomain(domain)) return;
  if (local.length === 0 || local === '"') return;
  out.push({
    type: 'EMAIL_ADDRESS',
    start,
    end,
    score: SCORE_TYPED,
    recognizer: 'email',
    normalized: `${local}@${domain}`.toLowerCase(),
  });
}

/**
 * Index of character `code` from `from` to `to` (both included) stepping by `step`, or -1. A
 * bounded indexOf/lastIndexOf: unbounded ones would rescan the rest of a text of "x@[x@[..." for
 * every '@', which is quadratic.
 */
function findBounded(text: string, code: number, from: number, to: number, step: 1 | -1): number {
  for (let i = from; step > 0 ? i <= to : i >= to; i += step) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** A score below a typed address: the spaces make it a guess, the email words near it make it a good one. */
const SCORE_SPACED = 0.85;

/**
 * An address typed with a space on either side of its '@' ("jane.doe @ gmail.com"), as people do
 * in chats: taken when email words stand near it ("my email is ..."), since "prices @ amazon.com"
 * is not one.
 */
function spacedAt(view: TextView, at: number, out: Finding[]): void {
  const text = view.text;
  const left = text.charCodeAt(at - 1) === 32 ? at - 1 : at;
  const right = text.charCodeAt(at + 1) === 32 ? at + 2 : at + 1;
  if (left === at && right === at + 1) return;
  const a = readAround(text, left, right, 0);
  if (a.parts && view.hasContext(a.start, a.end, EMAIL_CONTEXT, 80, 30))
    emitAddress(out, a, a.parts, SCORE_SPACED);
}

// --- spoken ------------------------------------------------------------------------------------

/** Top-level domains common in the product's markets, plus generic ones people read out. */
const TLDS = new Set([
  'com',
  'net',
  'org',
  'edu',
  'gov',
  'mil',
  'int',
  'info',
  'biz',
  'io',
  'co',
  'us',
  'uk',
  'ie',
  'eu',
  'me',
  'ca',
  'au',
  'nz',
  'de',
  'fr',
  'es',
  'it',
  'nl',
  'be',
  'ch',
  'at',
  'se',
  'no',
  'dk',
  'fi',
  'pl',
  'pt',
  'in',
  'app',
  'dev',
  'ai',
  'tv',
  'online',
  'email',
  'xyz',
  'example',
]);

/** Webmail providers whose ".com" people drop when talking about email ("jane at gmail"). */
const PROVIDERS: Record<string, string> = {
  gmail: 'gmail.com',
  googlemail: 'googlemail.com',
  hotmail: 'hotmail.com',
  outlook: 'outlook.com',
  yahoo: 'yahoo.com',
  icloud: 'icloud.com',
  aol: 'aol.com',
  protonmail: 'protonmail.com',
  proton: 'proton.me',
  eircom: 'eircom.net',
  btinternet: 'btinternet.com',
  comcast: 'comcast.net',
};

/** Words that join parts of a spoken address, and what they stand for. */
const JOINERS: Record<string, string> = {
  dot: '.',
  period: '.',
  point: '.',
  underscore: '_',
  'under-score': '_',
  dash: '-',
  hyphen: '-',
  minus: '-',
  plus: '+',
};

/**
 * Words that cannot be part of a spoken local part: function words, and verbs and nouns that
 * take "at" in ordinary speech ("look at", "arrive at", "sign up at", "staying at").
 */
const STOP = new Set(
  (
    "a an the is was are were be been am it its it's thats that's this that my your our his her their " +
    'me us him them you i we they he she to of in on for from with by and or but so if as at ' +
    'email e-mail mail address id username user name called its: yes yeah yep sure ok okay ' +
    'right well um uh er erm ah oh hmm like just also then please thanks thank use using try send sent ' +
    'write wrote reply contact reach reached message look looking looked arrive arrived arriving ' +
    'stay staying stayed work works working worked shop shopping buy bought order ordered log logged ' +
    'login sign signed up in online website site page web go going went find found visit visited ' +
    'available check checked here there home back now still good great best fine sorry hello hi ' +
    'hey dear account registered register set change changed update updated new old same correct'
  ).split(' '),
);

const NUMBER_WORDS: Record<string, string> = {
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
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
  fourteen: '14',
  fifteen: '15',
  sixteen: '16',
  seventeen: '17',
  eighteen: '18',
  nineteen: '19',
  twenty: '20',
  thirty: '30',
  forty: '40',
  fifty: '50',
  sixty: '60',
  seventy: '70',
  eighty: '80',
  ninety: '90',
};

interface Word {
  w: string;
  start: number;
  end: number;
}

const MAX_WORD = 40;

function isSpokenWordChar(c: number): boolean {
  return isWordChar(c) || c === 39 || c === 45; // apostrophe, hyphen inside a word
}

/**
 * Brackets around the joiners of an address written to fool harvesters: "john (at) example (dot)
 * com", "john[at]example[dot]com".
 */
function isBracket(c: number): boolean {
  return c === 40 || c === 41 || c === 91 || c === 93 || c === 123 || c === 125;
}

/** The word after `pos` (skipping spaces, commas and brackets only), or null. */
function nextWord(lower: string, pos: number): Word | null {
  let i = pos;
  const stop = Math.min(lower.length, pos + 4);
  while (
    i < stop &&
    (lower.charCodeAt(i) === 32 || lower.charCodeAt(i) === 44 || isBracket(lower.charCodeAt(i)))
  )
    i++;
  if (i === pos || i >= lower.length || !isWordChar(lower.charCodeAt(i))) return null;
  let j = i;
  const limit = Math.min(lower.length, i + MAX_WORD);
  while (j < limit && (isSpokenWordChar(lower.charCodeAt(j)) || isInnerDot(lower, j))) j++;
  return { w: lower.slice(i, j), start: i, end: j };
}

/** The word before `pos` (skipping spaces and brackets only), or null. */
function prevWord(lower: string, pos: number): Word | null {
  let j = pos;
  const stop = Math.max(0, pos - 3);
  while (j > stop && (lower.charCodeAt(j - 1) === 32 || isBracket(lower.charCodeAt(j - 1)))) j--;
  if (j === pos || j === 0 || !isWordChar(lower.charCodeAt(j - 1))) return null;
  let i = j;
  const limit = Math.max(0, j - MAX_WORD);
  while (i > limit && (isSpokenWordChar(lower.charCodeAt(i - 1)) || isInnerDot(lower, i - 1))) i--;
  return { w: lower.slice(i, j), start: i, end: j };
}

/** A '.' or '_' between two word characters ("jane.doe" typed inside a transcript). */
function isInnerDot(lower: string, i: number): boolean {
  const c = lower.charCodeAt(i);
  return (c === 46 || c === 95) && isWordChar(lower.charCodeAt(i - 1)) && isWordChar(lower.charCodeAt(i + 1));
}

const PART_RE = /^[a-z0-9](?:[a-z0-9._-]{0,38}[a-z0-9])?$/;

interface Domain {
  value: string;
  end: number;
}

/** Words that never stand inside a domain read out in two ("at the office dot ..."). */
const DOMAIN_STOP = new Set(
  'the a an my your our his her their this that and or to of in on at for is it with from by'.split(' '),
);

/**
 * A domain's first label read out as two or three words, which speech recognition splits
 * ("info at acme print dot co dot uk", "jane at doe family dot net"): the words joined, when
 * email words stand near ("send it to", "my email is") and "dot" follows the last of them. Null when `first` is a label alone.
 */
function splitLabel(lower: string, first: Word, emailTalk: () => boolean): Word | null {
  let w: Word | null = first;
  let label = '';
  for (let n = 0; w && n < 3; n++) {
    if (!PART_RE.test(w.w) || w.w.indexOf('.') !== -1 || w.w.indexOf('_') !== -1 || DOMAIN_STOP.has(w.w))
      return null;
    label += w.w;
    const next = nextWord(lower, w.end);
    if (next && (next.w === 'dot' || next.w === 'period' || next.w === 'point'))
      return n > 0 && emailTalk() ? { w: label, start: first.start, end: w.end } : null;
    w = next;
  }
  return null;
}

/** Reads "gmail dot com", "example dot co dot uk", "example.com" after "at". */
function readDomain(
  lower: string,
  pos: number,
  emailTalk: () => boolean,
  splitOk: () => boolean = emailTalk,
): Domain | null {
  const labels: string[] = [];
  let end = pos;
  let w = nextWord(lower, pos);
  for (let n = 0; w && n < 6; n++) {
    if (!PART_RE.test(w.w) || w.w.indexOf('_') !== -1) break;
    const split = n === 0 ? splitLabel(lower, w, splitOk) : null;
    if (split) w = split;
    labels.push(w.w);
    end = w.end;
    const sep = nextWord(lower, w.end);
    if (!sep || (sep.w !== 'dot' && sep.w !== 'period' && sep.w !== 'point')) break;
    const after = nextWord(lower, sep.end);
    if (!after || !PART_RE.test(after.w)) break;
    w = after;
  }
  if (labels.length === 0) return null;
  const joined = labels.join('.');
  const parts = joined.split('.');
  if (parts.length >= 2) {
    if (!TLDS.has(parts[parts.length - 1]!) || !isValidDomain(joined)) return null;
    return { value: joined, end };
  }
  const provider = PROVIDERS[joined];
  return provider && emailTalk() ? { value: provider, end } : null;
}

function numberWord(w: string): string | null {
  if (/^\d{1,6}$/.test(w)) return w;
  return NUMBER_WORDS[w] ?? null;
}

interface Local {
  value: string;
  start: number;
}

/** Words of a spoken local part at most: a name spelled letter by letter with a joiner or two. */
const MAX_LOCAL_WORDS = 40;

/** Reads the local part backwards from the word "at" starting at `atStart`. */
function readLocal(lower: string, atStart: number): Local | null {
  let value = '';
  let start = -1;
  let pos = atStart;
  let expectWord = true;
  let joined = false;
  let run = 0;
  // The word read just before (to the right of this one) was a single letter: "m a r k dot ...".
  let prevLetter = false;
  for (let n = 0; n < MAX_LOCAL_WORDS; n++) {
    const w = prevWord(lower, pos);
    if (!w) break;
    const joiner = JOINERS[w.w];
    if (joiner !== undefined) {
      if (expectWord) break; // "dot at", or two joiners in a row
      value = joiner + value;
      pos = w.start;
      expectWord = true;
      joined = true;
      prevLetter = false;
      continue;
    }
    // "oh" is a stop word ("oh, it's jane at ...") unless it reads a zero after another digit
    // ("fletcher five oh at hotmail").
    const zero = w.w === 'oh' && numberWord(prevWord(lower, w.start)?.w ?? '') !== null;
    // A name spelled letter by letter: single letters go on whatever they are ("a", "i").
    const letter = w.w.length === 1 && w.w >= 'a' && w.w <= 'z';
    const spelling = letter && prevLetter && !expectWord;
    if ((STOP.has(w.w) && !zero && !spelling) || !PART_RE.test(w.w)) break;
    const digits = spelling ? null : numberWord(w.w);
    if (!expectWord && !spelling) {
      // Words run together only without joiners ("jane doe"); with joiners each part is one word.
      if (joined && digits === null) break;
      if (digits === null && run >= 3) break;
    }
    // "eighty five" is 85: a tens word before a single digit loses its zero.
    const tens = digits !== null && digits.length === 2 && digits.endsWith('0') && /^[1-9]/.test(value);
    value = (tens ? digits.slice(0, 1) : (digits ?? w.w)) + value;
    if (digits === null && !spelling) run++;
    prevLetter = letter;
    start = w.start;
    pos = w.start;
    expectWord = false;
  }
  // A joiner with no word before it ("dot jane at"): not part of the address.
  value = value.replace(/^[._+-]+/, '');
  if (start < 0 || value === '' || value.indexOf('..') !== -1) return null;
  return { value, start };
}

/** Words that say the talk is about email ("gmail" and "hotmail" are not among them). */
const EMAIL_TALK = ['email', 'e-mail', 'e mail', 'mail'] as const;

function talksOfEmail(lower: string): boolean {
  if (lower.indexOf('mail') === -1) return false;
  return EMAIL_TALK.some((w) => containsWord(lower, w));
}

const SPOKEN_AT_RE = /\bat(?: sign| symbol)?\b/g;

function spoken(view: TextView, out: Finding[]): void {
  const lower = view.lower;
  // Gates: a spoken or bracketed domain has "dot" ("dot com", "(dot) com", "[dot]com"); a bare
  // provider ("jane at gmail") needs talk of email, here or in the turns before. "period" and
  // "point" are read as dots only past this gate.
  const hasDot = lower.indexOf('dot') !== -1;
  const hasMail = lower.indexOf('mail') !== -1;
  let talk: boolean | undefined;
  const emailTalk = (): boolean => {
    talk ??= (hasMail && talksOfEmail(lower)) || talksOfEmail(view.priorContext);
    return talk;
  };
  if (!hasDot && !hasMail && (lower.indexOf(' at ') === -1 || !emailTalk())) return;
  SPOKEN_AT_RE.lastIndex = 0;
  let m = SPOKEN_AT_RE.exec(lower);
  while (m !== null) {
    const atStart = m.index;
    const atEnd = atStart + m[0].length;
    const domain = readDomain(
      lower,
      atEnd,
      emailTalk,
      () => emailTalk() || view.hasContext(atStart, atEnd, EMAIL_CONTEXT, 80, 60),
    );
    if (domain) {
      const local = readLocal(lower, atStart);
      if (local) {
        const context = view.hasContext(local.start, domain.end, EMAIL_CONTEXT, 80, 30);
        out.push({
          type: 'EMAIL_ADDRESS',
          start: local.start,
          end: domain.end,
          score: context ? SCORE_SPOKEN_CONTEXT : SCORE_SPOKEN,
          recognizer: 'email',
          spoken: true,
          normalized: `${local.value}@${domain.value}`,
        });
        SPOKEN_AT_RE.lastIndex = Math.max(SPOKEN_AT_RE.lastIndex, domain.end);
      }
    }
    m = SPOKEN_AT_RE.exec(lower);
  }
}

export const emailRecognizer: Recognizer = {
  name: 'email',
  types: ['EMAIL_ADDRESS'],
  analyze(view: TextView, out: Finding[]): void {
    if (view.text.indexOf('@') !== -1) typed(view, out);
    if (view.text.length >= 12) spoken(view, out);
  },
};
