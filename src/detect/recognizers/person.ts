/**
 * PERSON: people's names in calls, chats and emails, from two sources.
 *
 * 1. Known names. The store knows each customer's and agent's full name; the caller passes them as
 *    `knownNames`. The full name and its first and last parts are found case-insensitively at word
 *    boundaries (accents folded, so "Sean" matches a known "Seán"), score 0.95.
 * 2. Cues of customer-service talk: introductions ("my name is X", "this is X from Acme", "X
 *    speaking"), greetings ("hi X", "thanks X"), sign-offs ("Regards,\nX"), titles ("Mr X"), a name
 *    spelled out in a call ("that's J A N E") and email display names ("Jane Doe <jane@...>").
 *    A name given alone right after a question for it ("may I have your full name?") counts too.
 *    A strong cue accepts a lower-case name (speech transcripts are often all lower case); a weak cue
 *    needs a capitalised word (0.6) or a common first name from the lexicon (0.85).
 *
 * Speed: capitalised text (most chats and emails) is scanned once with a narrow fixed-width regex
 * for capitalised words and a few anchors, and only the words before a candidate are looked up:
 * the regex engine skips ahead instead of trying ~60 cue words at every position. Text written in
 * lower case (speech transcripts) gets one linear pass of cue words. Known names use indexOf.
 * Cue vocabulary lives in lexicon/person-cues.ts.
 *
 * The parts live in ./person/: word reading (words.ts), scores and the collector (collector.ts),
 * cue words (cues.ts), email display names (display-names.ts), known names (known-names.ts) and
 * the capitalised-text pass (capitalised.ts). This entry runs them in order over one text.
 */
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import { capitalPass } from './person/capitalised.js';
import { Collector } from './person/collector.js';
import { cuePass } from './person/cues.js';
import { displayNames } from './person/display-names.js';
import { alignedLower, knownNames } from './person/known-names.js';
import { nameAnswer } from './person/name-answer.js';
import { writtenInLowerCase } from './person/words.js';

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
    nameAnswer(view, col);
    col.flush(from);
  },
};
