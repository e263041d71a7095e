/**
 * PERSON: a name given as the answer to a question for it in the turn before ("may I have your
 * full name please?" / "Jean-Luc Picard"). Calls and chats confirm identity this way all day, and
 * the answer often carries no cue of its own. Only a short turn that is little more than the name
 * is read, and only right after a question that asks for a person's name: "what's the name of
 * the product?" asks for something else.
 */
import { skipSpaces } from '../../chars.js';
import type { TextView } from '../../view.js';
import { type Collector, SCORE_LEXICON, SCORE_STRONG, SCORE_STRONG_LOWER } from './collector.js';
import { spelledAt } from './cues.js';
import { inLexicon, nameShaped, readAfter } from './words.js';

/** An answer longer than this is a sentence, not a name given on request. */
const MAX_ANSWER = 80;
/** How much of the turns before is searched for the question. */
const PRIOR_QUESTION = 120;

/**
 * A request for a person's name at the end of the turns before (lower case, as `priorContext`
 * is). Tested on a bounded slice, so constant time per turn.
 */
const NAME_QUESTION_RE =
  /(?:\b(?:your|his|her|their|the caller's|the (?:account ?|card ?)holder's)\s(?:(?:full|first|last|given|family|middle|maiden)\s)?(?:sur)?name|\b(?:full\s)?name\son\sthe\s(?:account|card|booking|order|reservation|policy)|\bwho\s(?:am\si\s)?(?:speaking|talking)\s(?:with|to)|\bwho(?:'s|’s|\sis)\s(?:calling|speaking)|\bwhom?\sdo\si\shave(?:\sthe\spleasure)?)(?:,?\s(?:please|again|for\sme|there|today|sir|madam|ma'am))*\s?[?.]?\s*$/;

/**
 * What may open the answer before the name: "yes,", "sure,", "um", "it's", "that'd be". Literal
 * alternatives on a turn of at most MAX_ANSWER characters.
 */
const LEAD_RE =
  /^\s*(?:(?:yes|yeah|yep|sure|ok|okay|of course|certainly|absolutely|um+|uh+|erm?|hi|hello)[,.!]?\s+)*(?:(?:it's|it’s|it is|that's|that’s|that is|that'd be|that would be|this is|i'm|i’m|i am)\s+)?/i;

/** Words after the name that close the answer ("Jane Doe, thanks", "Jane Doe here"). */
const AFTER_NAME = new Set(['thanks', 'thank', 'please', 'here', 'speaking', 'calling', 'cheers']);

export function nameAnswer(view: TextView, col: Collector): void {
  const text = view.text;
  if (text.length > MAX_ANSWER || view.turn === 0 || view.priorContext === '') return;
  const prior = view.priorContext.slice(-PRIOR_QUESTION);
  // Every question asks for a "name" or "who": two indexOf calls spare most turns the regex,
  // which has no fixed start and is tried at every position of the slice.
  if (prior.indexOf('name') === -1 && prior.indexOf('who') === -1) return;
  if (!NAME_QUESTION_RE.test(prior)) return;
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
