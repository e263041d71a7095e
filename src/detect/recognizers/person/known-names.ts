/**
 * PERSON: known names, the full names of the customer and agent that the caller passes as
 * `knownNames`. Needles are built and cached per name, searched once per conversation (or per
 * text), and a hit counts at word boundaries, joined with its neighbours into the full name.
 * Separate because it needs no cue: it is the one source that works from a list, not from the text.
 */
import { isLetter, isUpper, skipSpaces } from '../../chars.js';
import { type ConversationText, lowerBound } from '../../conversation.js';
import { isWordChar, type TextView } from '../../view.js';
import { COMMON_AMBIGUOUS_NAMES } from '../lexicon/first-names.js';
import { NOT_NAMES } from '../lexicon/not-names.js';
import {
  COMMON_WORD_SURNAMES,
  GREETING_WORDS,
  HONORIFICS,
  RELATIONS,
  THANKS_WORDS,
  TITLE_WORDS,
} from '../lexicon/person-cues.js';
import { type Collector, SCORE_KNOWN } from './collector.js';
import { nextWord, skipBack, wordBeforeLower } from './words.js';

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
export function alignedLower(view: TextView): string {
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
    return NOT_NAMES.has(f) || COMMON_AMBIGUOUS_NAMES.has(f) || COMMON_WORD_SURNAMES.has(f);
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

export function knownNames(view: TextView, col: Collector): void {
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
  // "thanks for calling mark": the agent's closing words to the caller.
  'calling',
  'contacting',
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
