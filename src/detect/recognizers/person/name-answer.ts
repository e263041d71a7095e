/**
 * PERSON: a name given as the answer to a question for it in the turn before ("may I have your
 * full name please?" / "Jean-Luc Picard"). Calls and chats confirm identity this way all day, and
 * the answer often carries no cue of its own. Only a short turn that is little more than the name
 * is read, and only right after a question that asks for a person's name: "what's the name of
 * the product?" asks for something else.
 */
import { skipSpaces } from '../../chars.js';
import { lowerBound } from '../../conversation.js';
import type { TextView } from '../../view.js';
import { type Collector, SCORE_LEXICON, SCORE_STRONG, SCORE_STRONG_LOWER } from './collector.js';
import { spelledAt } from './cues.js';
import { inLexicon, nameShaped, readAfter } from './words.js';

/** An answer longer than this is a sentence, not a name given on request. */
const MAX_ANSWER = 80;
/** How far before its "name" a question for a name may start ("the card holder's full name"). */
const QUESTION_LEAD = 40;
/** How much of the turns before is searched for the question. */
const PRIOR_QUESTION = 120;

/**
 * A request for a person's name at the end of the turns before (lower case, as `priorContext`
 * is). Tested on a bounded slice, so constant time per turn.
 */
const NAME_QUESTION_RE =
  /(?:\b(?:your|his|her|their|the caller's|the (?:account ?|card ?)holder's)\s(?:(?:full|first|last|given|family|middle|maiden)\s)?(?:sur)?name|\b(?:full\s)?name\son\sthe\s(?:account|card|booking|order|reservation|policy)|\bwho\s(?:am\si\s)?(?:speaking|talking)\s(?:with|to)|\bwho(?:'s|’s|\sis)\s(?:calling|speaking)|\bwhom?\sdo\si\shave(?:\sthe\spleasure(?:\sof\s(?:speaking|talking)\s(?:with|to))?)?)(?:,?\s(?:please|again|for\sme|there|today|sir|madam|ma'am))*\s?[?.]?\s*$/;

/**
 * What may open the answer before the name: "yes,", "sure,", "um", "it's", "that'd be". Literal
 * alternatives on a turn of at most MAX_ANSWER characters.
 */
const LEAD_RE =
  /^\s*(?:(?:yes|yeah|yep|sure|ok|okay|of course|certainly|absolutely|um+|uh+|erm?|hi|hello)[,.!]?\s+)*(?:(?:it's|it’s|it is|that's|that’s|that is|that'd be|that would be|this is|i'm|i’m|i am)\s+)?/i;

/** Words after the name that close the answer ("Jane Doe, thanks", "Jane Doe here"). */
const AFTER_NAME = new Set(['thanks', 'thank', 'please', 'here', 'speaking', 'calling', 'cheers']);

/** Per conversation: where "name" and "who" stand in its lower-cased text, ascending. */
const QUESTION_WORDS = Symbol('person-name-question-words');

/**
 * Whether "name" or "who" stands in the PRIOR_QUESTION characters before this turn: every
 * question for a name has one. Found once per conversation (two indexOf scans) and looked up by
 * binary search, so a short turn costs no slice of the prior context and no regex unless one is
 * there: the regex has no fixed start and is tried at every position of its slice.
 */
function questionWordBefore(view: TextView): boolean {
  const c = view.conversation;
  if (!c?.aligned) {
    const prior = view.priorContext.slice(-PRIOR_QUESTION);
    return prior.indexOf('name') !== -1 || prior.indexOf('who') !== -1;
  }
  const positions = c.memo(QUESTION_WORDS, (conv) => {
    const at: number[] = [];
    for (const w of ['name', 'who'])
      for (let i = conv.lower.indexOf(w); i !== -1; i = conv.lower.indexOf(w, i + 1)) at.push(i);
    return at.sort((a, b) => a - b);
  });
  const start = c.starts[view.turn]!;
  const k = lowerBound(positions, start - PRIOR_QUESTION);
  return k < positions.length && positions[k]! < start;
}

export function nameAnswer(view: TextView, col: Collector): void {
  const text = view.text;
  if (text.length > MAX_ANSWER || view.turn === 0 || !questionWordBefore(view)) return;
  const prior = view.priorContext.slice(-PRIOR_QUESTION);
  // The question starts at most QUESTION_LEAD characters before its last "name" or "who"
  // ("the card holder's full name", "who am I speaking with"): the regex, which has no fixed
  // start, is tried from there only.
  const last = Math.max(prior.lastIndexOf('name'), prior.lastIndexOf('who'));
  if (last < 0 || !NAME_QUESTION_RE.test(prior.slice(Math.max(0, last - QUESTION_LEAD)))) return;
  const lead = LEAD_RE.exec(text);
  const p = lead ? lead[0].length : 0;
  // "could you spell your surname?" / "sure, it's K O W A L S K I"
  if (spelledAt(text, p, 3, 1, col)) return;
  const run = readAfter(text, p, 4, true);
  if (!run || !closesAnswer(text, run.end)) return;
  if (run.capital) {
    if (run.words.every((w) => w.length === 1 || nameShaped(w))) col.run(run, SCORE_STRONG);
    return;
  }
  // Speech transcripts are lower case: a known first name, or two name-shaped words.
  if (inLexicon(run.words[0]!, false)) col.run(run, SCORE_LEXICON);
  else if (run.words.length > 1 && run.words.every((w) => nameShaped(w))) col.run(run, SCORE_STRONG_LOWER);
}

/** The name ends the answer: the end of the turn, a mark, or a closing word. */
function closesAnswer(text: string, end: number): boolean {
  const s = skipSpaces(text, end, 3);
  if (s >= text.length) return true;
  const c = text[s]!;
  if (c === '.' || c === ',' || c === '!' || c === '\n' || c === '\r' || c === ';') return true;
  if (s === end) return false;
  let e = s;
  while (e < text.length && /[a-z]/i.test(text[e]!)) e++;
  return AFTER_NAME.has(text.slice(s, e).toLowerCase());
}
