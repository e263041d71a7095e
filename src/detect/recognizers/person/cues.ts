/**
 * PERSON: the cue words of customer-service talk and what each one accepts as a name after (or
 * before) it: introductions, greetings, thanks, sign-offs, titles, spelled-out names and signature
 * dashes. Holds the lower-case cue pass (CUE_RE over the whole text) and `handleCue`, which the
 * capitalised pass also calls once it has found a cue before a capitalised word.
 */
import { isLetter, isUpper, skipSpaces } from '../../chars.js';
import { isWordChar } from '../../view.js';
import { FIRST_NAMES } from '../lexicon/first-names.js';
import { NOT_NAMES } from '../lexicon/not-names.js';
import { NAME_OWNERS, POSSESSIVES } from '../lexicon/person-cues.js';
import {
  type Collector,
  SCORE_LEXICON,
  SCORE_SIGNATURE,
  SCORE_STRONG,
  SCORE_STRONG_LOWER,
  SCORE_WEAK,
} from './collector.js';
import { emitDisplayName } from './display-names.js';
import {
  clauseStart,
  closerFollows,
  endsLine,
  inLexicon,
  lineStart,
  MODALS,
  nameShaped,
  nextWord,
  orgFollows,
  type Run,
  readAfter,
  skipBack,
  skipQuoteMarks,
  wordBefore,
  wordBeforeLower,
  wordEnd,
  wordStartBefore,
  writtenInLowerCase,
} from './words.js';

/**
 * Cue words. Literal alternatives between word boundaries: each match attempt is bounded by the
 * longest alternative, so the scan is linear. `--` and the em dash introduce signatures.
 */
const CUE_RE =
  /\b(?:(?:sur)?name(?:'s|’s| is|:)|this is|is this|it(?:'s|’s| is| was)|its|was it|here|(?:my|our|your|his|her|their) (?:colleague|partner|husband|wife|son|daughter|mother|father|mum|mom|dad|brother|sister|friend|boss|manager|accountant|assistant|neighbou?r|boyfriend|girlfriend|fianc[ée]e?|client)|attention of|attn|care of|(?:under|in) the name(?: of)?|called|named|under|goes by|go by|known as|(?:are|is|ask|asked) for|(?:speak|spoke|talk) (?:to|with)|i(?:'m|’m| am)|im|you(?:'re|’re| are)(?: now)? (?:speaking|talking|chatting|through) (?:with|to)|you(?:'ve|’ve| have) reached|speaking|call me|hiya|hi|heya|hey|hello|howdy|dear|(?:thanks|thank you) for (?:calling|contacting us|holding|waiting|your patience)|you(?:'re|’re| are)(?: very| so| most)? welcome|(?:very|so|really|super) helpful|okay|ok|alright|all right|no problem|no worries|of course|lovely|perfect|thanks|thank you|thx|cheers|good (?:morning|afternoon|evening|day)|morning|afternoon|evening|goodbye|bye|welcome back|regards|best|wishes|sincerely|faithfully|truly|take care|respectfully|cordially|mrs|mr|ms|miss|mx|dr|prof|mister|missus|spel(?:led|lt|ling|l)|that(?:'s|’s| is)|from:)(?![a-z0-9_\u00c0-\u024f])|--|\u2014/g;

export type CueKind =
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
  | 'called'
  | 'relation'
  | 'courtesy';

function cueKind(cue: string): CueKind {
  const c = cue.charCodeAt(0);
  if (cue === '--' || cue === '\u2014') return 'dash';
  if (
    INTERJECTIONS.has(cue) ||
    (cue.indexOf(' ') > 0 && COURTESY_TAILS.has(cue.slice(cue.lastIndexOf(' ') + 1)))
  )
    return 'courtesy';
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
  if (CALLED.has(cue)) return 'called';
  if (cue.indexOf(' ') > 0 && POSSESSIVES.has(cue.slice(0, cue.indexOf(' ')))) return 'relation';
  if (
    cue === 'attention of' ||
    cue === 'attn' ||
    cue === 'care of' ||
    cue.endsWith('the name') ||
    cue.endsWith('name of')
  )
    return 'relation';
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

/**
 * Last words of the courtesy phrases a name is addressed after ("thanks for calling, Jane", "you're
 * welcome Jane", "you've been very helpful Jane"). With a capitalised word that ends its clause,
 * these take a name outside the lexicon, weakly ("calling" and "contacting us" only before a
 * farewell: see COMPANY_CUES).
 */
export const COURTESY_TAILS: ReadonlySet<string> = new Set([
  'calling',
  'us',
  'holding',
  'waiting',
  'patience',
  'welcome',
  'helpful',
]);
/** A farewell right after a name: "..., have a lovely day", "... take care", "..., bye". */
const FAREWELL_RE =
  /^[,.!]?\s{0,2}(?:and\s{1,2})?(?:have\s{1,2}a|take\s{1,2}care|bye|goodbye|enjoy|see\s{1,2}you|talk\s{1,2}soon|speak\s{1,2}soon)\b/i;

/** Last words of courtesy phrases a company's name follows as often as a person's ("thank you for calling Acme"). */
const COMPANY_CUES: ReadonlySet<string> = new Set(['calling', 'us']);

/**
 * One-word (or two) interjections a name is addressed after ("Okay Jane, one moment", "no problem
 * Jane."): so common before anything that only a lexicon first name counts after them.
 */
export const INTERJECTIONS: ReadonlySet<string> = new Set([
  'okay',
  'ok',
  'alright',
  'all right',
  'no problem',
  'no worries',
  'of course',
  'lovely',
  'perfect',
]);

/** The clause ends at `pos`: a mark (",", ".", "!", "?", ";"), a line break or the end of the text. */
function clauseEndsAt(text: string, pos: number): boolean {
  if (pos >= text.length) return true;
  const c = text.charCodeAt(pos);
  return c === 44 || c === 46 || c === 33 || c === 63 || c === 59 || c === 10 || c === 13;
}

/** Score of a name after a weak cue (greeting, "I'm", "X speaking"), or 0 for none. */
function weakScore(run: Run, text: string): number {
  const first = run.words[0]!;
  if (inLexicon(first, run.capital)) return SCORE_LEXICON;
  if (run.capital && run.words.every((w) => nameShaped(w)) && !BRAND_RE.test(text.slice(run.start, run.end)))
    return SCORE_WEAK;
  return 0;
}

/**
 * A capital inside a word after a lower-case run, as brands write themselves ("PrintCo",
 * "PayPal", "FedEx"): not a name after a weak cue ("Good morning, PrintCo."). Surname prefixes
 * that take a capital ("McDonald", "MacLeod", "DeShawn", "LaToya", "VanDyke") are names.
 */
const BRAND_RE = /(?<![A-Za-z])(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|St)[A-Z])[A-Z][a-z]+[A-Z]/;

export function handleCue(
  text: string,
  kind: CueKind,
  cueStart: number,
  cueEnd: number,
  col: Collector,
): void {
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
      // "This is Jane, how can I help?": only a known first name counts without a closer, or in
      // speech an agent's opening formula after the name ("this is kwame how can i help").
      if (!inLexicon(run.words[0]!, run.capital)) {
        const end = firstEnd(text, run);
        if (!run.capital && nameShaped(run.words[0]!) && HOW_CAN_RE.test(text.slice(end, end + 12)))
          col.push(run.start, end, SCORE_WEAK);
        return;
      }
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
      const score = weakScore(run, text);
      if (score > 0) col.run(run, score);
      return;
    }
    case 'here': {
      // "Jane here", "hi everyone, Jane Doe here": a known first name at the start of a clause.
      const before = speakerBefore(text, cueStart);
      if (!before) return;
      if (inLexicon(before.words[0]!, before.capital)) col.run(before, SCORE_LEXICON);
      // "Hi there, Zorblax here from the support team": written, "here from/at/with" introduces.
      else if (
        before.capital &&
        before.words.every((w) => nameShaped(w)) &&
        HERE_INTRO.has(nextWord(text, cueEnd))
      )
        col.run(before, SCORE_WEAK);
      return;
    }
    case 'called': {
      // "someone called Brenda", "he goes by Bob", "the account's under Sinead O'Connor": a
      // lexicon first name only, since "a company called Blue Sky Printing" and "under Section
      // Five" have the same shape; and not when a thing is named ("a shop called Harvey").
      if (namesAThing(text, cueStart)) return;
      const p = skipSpaces(text, cueEnd, 2);
      const run = readAfter(text, p, 3, true);
      if (!run || orgFollows(text, run) || !inLexicon(run.words[0]!, run.capital)) return;
      if (run.capital) col.run(run, SCORE_LEXICON);
      else introEmit(text, run, col);
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
    case 'courtesy': {
      // "Thanks for calling, Jane, have a lovely day", "you're welcome Jane", "okay jane one moment"
      let p = cueEnd;
      if (text[p] === ',') p++;
      const s = skipSpaces(text, p, 2);
      if (s === p && p === cueEnd) return;
      // Speech transcripts have no commas to mark a name off: one known first name only
      // ("you're welcome jane take care": "take care" is not part of it).
      const run = readAfter(text, s, isUpper(text, s) ? 2 : 1, true);
      if (!run || orgFollows(text, run)) return;
      const first = run.words[0]!;
      const cue = text.slice(cueStart, cueEnd).toLowerCase();
      // After an interjection, or "thank you for calling" (which as often names the company:
      // "Thank you for calling Acme, my name is Dana"), only a lexicon first name counts.
      // A farewell after the name makes it the caller's, not the company's ("Thanks for calling,
      // Zorblax, have a great day").
      const lexiconOnly =
        INTERJECTIONS.has(cue) ||
        (COMPANY_CUES.has(cue.slice(cue.lastIndexOf(' ') + 1)) &&
          !FAREWELL_RE.test(text.slice(run.end, run.end + 24)));
      if (!run.capital) {
        if (inLexicon(first, false)) col.run(run, SCORE_LEXICON);
        else if (!lexiconOnly) lowerVocative(text, run, col);
        return;
      }
      // Written, the name is marked off: the clause ends after it.
      if (!clauseEndsAt(text, run.end)) return;
      if (inLexicon(first, true)) col.run(run, SCORE_LEXICON);
      else if (
        !lexiconOnly &&
        run.words.every((w) => nameShaped(w)) &&
        !BRAND_RE.test(text.slice(run.start, run.end))
      )
        col.run(run, SCORE_WEAK);
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
      else {
        // "good morning inkwell print jane speaking": a known first name right before it, where
        // the greeting runs on without a comma.
        const w = wordBefore(text, skipBack(text, cueStart));
        if (w && inLexicon(w.word, isUpper(text, w.start)))
          col.push(w.start, w.start + w.word.length, SCORE_LEXICON);
      }
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

function firstEnd(text: string, run: Run): number {
  return wordEnd(text, run.start);
}

function weakEmit(text: string, run: Run, col: Collector): void {
  if (!run.capital) {
    if (inLexicon(run.words[0]!, false)) col.push(run.start, firstEnd(text, run), SCORE_LEXICON);
    else lowerVocative(text, run, col);
    return;
  }
  const score = weakScore(run, text);
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

/** The agent's opening formula after a name: "... how can i help", "... how may i help". */
const HOW_CAN_RE = /^,? how (?:can|may) i\b/;

/** Things that are called or named something, not people: "a shop called Harvey". */
const THINGS: ReadonlySet<string> = new Set(
  (
    'place town city village shop store app application website site product brand firm company business ' +
    'street road restaurant hotel pub bar cafe program programme show film movie book song band game ' +
    'card account plan package tool service platform bank device phone model range file folder'
  ).split(' '),
);

/** The word before a "called"/"named" cue (past "is"/"was") is a thing ("the app is called Chase"). */
function namesAThing(text: string, cueStart: number): boolean {
  let w = wordBefore(text, skipBack(text, cueStart));
  // "it's called Tiffany": "it" is the thing.
  if (w?.word === "it's") return true;
  if (w && (w.word === 'is' || w.word === 'was' || w.word === 'are'))
    w = wordBefore(text, skipBack(text, w.start));
  return w !== null && THINGS.has(w.word);
}

/** Cues after which only a lexicon first name is a name ("someone called Brenda", "goes by Bob"). */
export const CALLED: ReadonlySet<string> = new Set([
  'called',
  'named',
  'under',
  'goes by',
  'go by',
  'known as',
]);

/** Words after "X here" that make it an introduction of someone outside the lexicon. */
const HERE_INTRO: ReadonlySet<string> = new Set(['from', 'at', 'with']);

/** Words that open the next clause after a name addressed in speech ("thanks jane have a good day"). */
const CLAUSE_OPENERS: ReadonlySet<string> = new Set(
  'have take bye goodbye see talk speak how what my i it this you we and so can could would let for'.split(
    ' ',
  ),
);
/** Words after "thanks"/"hi" in speech that are not names, beyond the non-names of the lexicon. */
const NOT_VOCATIVE: ReadonlySet<string> = new Set(
  (
    'caller heaps loads once indeed kindly anyways anytime brilliant awesome cool amazing excellent ' +
    'fantastic wonderful lovely perfect ever champ superb splendid'
  ).split(' '),
);

/**
 * A lower-case word addressed after a greeting, thanks or courtesy phrase in a speech transcript,
 * outside the lexicon: taken weakly when it is shaped like a name and the turn ends after it, or
 * the next clause starts ("thanks tomasz have a great day", "hi kwame my name is", "no that's
 * everything thanks ingrid"). Transcripts have no commas or capitals to mark a name off; what
 * follows it is the evidence.
 */
function lowerVocative(text: string, run: Run, col: Collector): void {
  const first = run.words[0]!;
  if (first.length < 3 || !nameShaped(first) || NOT_VOCATIVE.has(first)) return;
  const end = firstEnd(text, run);
  const next = nextWord(text, end);
  const endsTurn = skipSpaces(text, end, 3) >= text.length || '.,!?'.includes(text[end] ?? '');
  if (endsTurn || CLAUSE_OPENERS.has(next)) col.push(run.start, end, SCORE_WEAK);
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
    // A quoted reply ("> Kind regards,\n> Tom Baker") signs off the same way.
    p = skipQuoteMarks(text, skipSpaces(text, p + 1, 4));
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
export function spelledAt(
  text: string,
  pos: number,
  minLetters: number,
  window: number,
  col: Collector,
): boolean {
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

/** Lower-case text (speech transcripts, casual chat): every cue word, lower-case names allowed. */
export function cuePass(text: string, lower: string, col: Collector): void {
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
