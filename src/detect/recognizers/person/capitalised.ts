/**
 * PERSON: capitalised text: start from the names, not the cues. One CAPITAL_RE pass finds
 * candidate capitalised words (and a few anchors), then only the words before a candidate are
 * looked up for a cue, which `handleCue` then judges. Separate from the cue pass, which scans for
 * every cue word in text written in lower case.
 */
import { isLetter, isUpper, skipSpaces } from '../../chars.js';
import { AMBIGUOUS_NAMES, FIRST_NAMES } from '../lexicon/first-names.js';
import {
  CUE_LAST_WORDS,
  GREETING_WORDS,
  POSSESSIVES,
  RELATIONS,
  SIGNOFF_WORDS,
  SPOKEN_TITLES,
  THANKS_WORDS,
  TITLE_WORDS,
} from '../lexicon/person-cues.js';
import { type Collector, SCORE_LEXICON } from './collector.js';
import { CALLED, type CueKind, handleCue, spelledAt } from './cues.js';
import {
  clauseStart,
  lineStart,
  nextWord,
  orgFollows,
  readRun,
  skipBack,
  skipQuoteMarksBack,
  wordBefore,
  wordEnd,
} from './words.js';

/**
 * Candidates in capitalised text, in one pass:
 * - a capitalised word after a lower-case letter or comma and a space ("hi Jane", "is Jane",
 *   ", Jane"), or at the start of a line after a line that does not end a sentence ("Regards,\nJane");
 *   sentence starts after ". " and the pronoun "I" are deliberately not candidates;
 * - "O'Brien", "D'Arcy";
 * - "(n)ame is", "(n)ame's", "(n)ame:" (a lower-case name may follow even in capitalised text);
 * - "(s)peaking" ("Jane speaking", "speaking with Jane");
 * - capital letters spelled out (" J A N E");
 * - an initial at the start of a line ("Regards,\nJ. Smith");
 * - a capitalised word opening a sentence (". Mike said"): only a `mention` can take it, since a
 *   capital there says nothing.
 * The alternatives are short and of nearly fixed width with narrow character sets, so the engine
 * skips ahead instead of trying a list of cue words at every position, and a text costs one call.
 */
const CAPITAL_RE =
  /[a-z,:;\-> \r\n][ \n][A-Z\u00c0-\u00de][a-z\u00df-\u00ff]| [OD]['’][A-Z]|ame(?:'s|’s| is|:)|peaking| [A-Z][ .-]{1,2}[A-Z]|\n[A-Z][. ]|[.!?] [A-Z][a-z]/g;

/** What stands before "the name (of)" when it names a person: "under", "in". */
const UNDER_THE_RE = /(?:^|[^a-z])(?:under|in)\s{1,2}$/;

interface Cue {
  kind: CueKind;
  start: number;
  end: number;
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
  const courtesy = courtesyStart(text, w1.start, w);
  if (courtesy >= 0) return { kind: 'courtesy', start: courtesy, end: p };
  if (comma && SIGNOFF_WORDS.has(w))
    return { kind: THANKS_WORDS.has(w) ? 'thanks' : 'signoff', start: w1.start, end: p };
  if (GREETING_WORDS.has(w)) return { kind: 'greet', start: w1.start, end: p };
  if (THANKS_WORDS.has(w)) return { kind: 'thanks', start: w1.start, end: p };
  if (TITLE_WORDS.has(w) || SPOKEN_TITLES.has(w)) return { kind: 'title', start: w1.start, end: p };
  if (w === "name's" || w === "surname's") return { kind: 'name', start: w1.start, end: p };
  if (w === 'attn') return { kind: 'relation', start: w1.start, end: p };
  if (CALLED.has(w)) return { kind: 'called', start: w1.start, end: p };
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
    case 'goes by':
    case 'go by':
    case 'known as':
      return { kind: 'called', start: w2.start, end: p };
    case 'attention of':
    case 'care of':
      return { kind: 'relation', start: w2.start, end: p };
    case 'name of':
    case 'the name': {
      // "booked under the name of Wei Chen", "in the name Jane Doe"; not "the name of Acme's CEO".
      const at = w2.word === 'the' ? w2.start : wordBefore(text, skipBack(text, w2.start))?.start;
      return at !== undefined && UNDER_THE_RE.test(text.slice(Math.max(0, at - 8), at).toLowerCase())
        ? { kind: 'relation', start: w2.start, end: p }
        : null;
    }
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
    case 'chatting with':
    case 'chatting to':
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

/** Words a courtesy phrase's last word follows: "thanks for calling", "you're very welcome". */
const THANKS_FOR = new Set(['thanks', 'you']);

/**
 * Where the courtesy phrase ending with `w` (which starts at `ws`) starts, or -1: "thanks for
 * calling", "thank you for contacting us", "thanks for your patience", "you're (very) welcome",
 * "very helpful", and interjections opening a clause ("Okay", "No problem", "Of course").
 */
function courtesyStart(text: string, ws: number, w: string): number {
  const back = (at: number) => wordBefore(text, skipBack(text, at));
  switch (w) {
    case 'calling':
    case 'holding':
    case 'waiting':
    case 'us':
    case 'patience': {
      let at = ws;
      if (w === 'us' || w === 'patience') {
        const w2 = back(at);
        if (!w2 || w2.word !== (w === 'us' ? 'contacting' : 'your')) return -1;
        at = w2.start;
      }
      const f = back(at);
      const t = f && f.word === 'for' ? back(f.start) : null;
      return t && THANKS_FOR.has(t.word) ? t.start : -1;
    }
    case 'welcome': {
      let w2 = back(ws);
      if (w2 && (w2.word === 'very' || w2.word === 'so' || w2.word === 'most')) w2 = back(w2.start);
      return w2 && (w2.word === "you're" || w2.word === 'are') ? w2.start : -1;
    }
    case 'helpful': {
      const w2 = back(ws);
      return w2 && ['very', 'so', 'really', 'super'].includes(w2.word) ? w2.start : -1;
    }
    case 'okay':
    case 'ok':
    case 'alright':
    case 'lovely':
    case 'perfect':
      return clauseStart(text, ws) ? ws : -1;
    case 'right':
    case 'problem':
    case 'worries':
    case 'course': {
      const w2 = back(ws);
      const want = w === 'right' ? 'all' : w === 'course' ? 'of' : 'no';
      return w2 && w2.word === want && clauseStart(text, w2.start) ? w2.start : -1;
    }
    default:
      return -1;
  }
}

/** A name alone at the start of a line after a sign-off line ("Regards,") or a "--" line. */
function signoffLineBefore(text: string, s: number, col: Collector): void {
  let p = s;
  for (let k = 0; k < 2; k++) {
    // Quote marks open the lines of a quoted reply ("> Kind regards,\n> Tom Baker").
    p = skipQuoteMarksBack(text, p);
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
  // A line of a quoted reply starts after its quote marks ("> Tom Baker").
  const quoted = before === 32 && text.charCodeAt(s - 2) === 62 ? skipQuoteMarksBack(text, s) : -1;
  if (
    before === 10 ||
    (before === 32 && text.charCodeAt(s - 2) === 10) ||
    (quoted >= 0 && (quoted === 0 || text.charCodeAt(quoted - 1) === 10))
  ) {
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
  } else {
    mention(text, s, e, s === 0, col);
  }
}

/** Words before a first name that make it someone talked about: "tell Fiona", "talking to Priya". */
const MENTION_BEFORE: ReadonlySet<string> = new Set(
  'tell told ask asked with to by from and thank thanked met email emailed call called text texted message messaged'.split(
    ' ',
  ),
);
/** Words after a first name that make it a person doing something: "Mike said", "Jordan will call". */
const MENTION_AFTER: ReadonlySet<string> = new Set(
  (
    'said says told asked will would can could should is was has had called rang emailed texted helped ' +
    'sorted fixed mentioned promised explained confirmed from in at on sent set dealt took gave'
  ).split(' '),
);
/**
 * First names that are as often places or things ("shipping to Georgia", "the Charlotte branch",
 * "flying to Jordan"): a mention without a cue never takes them alone.
 */
const PLACE_NAMES: ReadonlySet<string> = new Set(
  'georgia virginia victoria florence charlotte austin madison jordan tyler sydney chelsea savannah dallas jose louis lincoln jackson mason logan harper'.split(
    ' ',
  ),
);

/**
 * A capitalised common first name that the sentence talks about, with no cue before it: "I was
 * talking to Priya earlier", "Mike said it would be refunded", "Can you tell Fiona I called?".
 * The lexicon name must be one that is not also an everyday word or a place, and a word before or
 * after must make it a person (a sentence's first word has no word before it that counts). A
 * capitalised surname after it makes it a full name on its own: "Priya Raman called".
 */
function mention(text: string, s: number, e: number, sentenceStart: boolean, col: Collector): void {
  const lw = text.slice(s, e).toLowerCase();
  if (
    !FIRST_NAMES.has(lw) ||
    AMBIGUOUS_NAMES.has(lw) ||
    text.charCodeAt(e) === 39 ||
    text.charCodeAt(e) === 0x2019
  )
    return;
  const next = skipSpaces(text, e, 1);
  if (next > e && isUpper(text, next) && isLetter(text, next + 1)) {
    const run = readRun(text, s, 3, false);
    if (run && run.words.length > 1 && !orgFollows(text, run) && !PLACE_NAMES.has(lw)) {
      col.run(run, SCORE_LEXICON);
      return;
    }
  }
  if (PLACE_NAMES.has(lw)) return;
  const before = sentenceStart ? null : wordBefore(text, skipBack(text, s));
  const afterWord = next > e ? nextWord(text, e) : '';
  if ((before && MENTION_BEFORE.has(before.word)) || MENTION_AFTER.has(afterWord))
    col.push(s, e, SCORE_LEXICON);
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

export function capitalPass(text: string, col: Collector): void {
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
    } else if (first === 46 || first === 33 || first === 63) {
      // ". Mike said it would be refunded"
      mention(text, i + 2, wordEnd(text, i + 2), true, col);
    } else if (first === 10 && second >= 65 && second <= 90) {
      // An initial opening a line: a name under a sign-off ("Regards,\nJ. Smith").
      signoffLineBefore(text, i + 1, col);
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
