/**
 * Speaker labels at the start of a transcript line, as call-recording and chat tools export them:
 * "Agent: ...", "[00:01:23] Customer: ...", "10:02 AM - Rep (Dana): ...", "Speaker 1: ...",
 * "spk_0: ...". A plain-text transcript is one line per turn; knowing who speaks lets the
 * conversation analysis join a number one speaker splits over turns around the other's "mhm",
 * and keeps the timestamp's digits out of the numbers (see `blankLabel`).
 */
import type { Speaker } from './interaction.js';

export interface SpeakerLabel {
  /** The role of a named label; undefined for a numbered one ("Speaker 2", "spk_1"). */
  speaker?: Speaker;
  /** The number of a numbered label ("Speaker 2" is "2"). */
  numbered?: string;
  /** Length of the label (timestamp, label, colon and one space) in UTF-16 units. */
  length: number;
}

/**
 * Optional timestamp ("[00:01:23]", "(1:23)", "10:02 AM -", "2024-05-01 10:02:03 |"), then a role
 * word or a numbered speaker, an optional "(Name)", and a colon. Anchored, every part bounded:
 * linear in the line.
 */
const LABEL_RE =
  /^[ \t]{0,8}(?:[[(]?(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?(?:[ ]?[ap]\.?m\.?)?[\])]?[ \t]{0,3}(?:[-\u2013|][ \t]{0,3})?)?(?:(agent|customer|caller|client|system|operator|rep|representative|advisor|adviser|associate|support|csr|bot|assistant|visitor|user)|(?:speaker|spk)[ _]?(\d{1,2}))(?:[ \t]{0,2}\([^()\n]{1,40}\))?[ \t]{0,4}:[ \t]?/i;

const ROLES: Record<string, Speaker> = {
  agent: 'agent',
  operator: 'agent',
  rep: 'agent',
  representative: 'agent',
  advisor: 'agent',
  adviser: 'agent',
  associate: 'agent',
  support: 'agent',
  csr: 'agent',
  bot: 'agent',
  assistant: 'agent',
  customer: 'customer',
  caller: 'customer',
  client: 'customer',
  visitor: 'customer',
  user: 'customer',
  system: 'system',
};

/** The speaker label opening `line`, or null. */
export function speakerLabel(line: string): SpeakerLabel | null {
  const m = LABEL_RE.exec(line);
  if (!m) return null;
  if (m[1] !== undefined) return { speaker: ROLES[m[1].toLowerCase()], length: m[0].length };
  return { numbered: m[2], length: m[0].length };
}

/**
 * `line` with its first `length` characters turned into spaces: the same length, so a range
 * found in it is a range of the line, and the label's timestamp is not read as a number.
 */
export function blankLabel(line: string, length: number): string {
  return length === 0 ? line : ' '.repeat(length) + line.slice(length);
}

/**
 * Speakers for the lines of one transcript: a labelled line names its speaker; a line without a
 * label continues the one before (a turn's second line); lines before any label are the
 * customer's, as in an unlabelled text. Numbered speakers take roles in order of appearance, the
 * first as the agent, as contact-centre recordings open with the agent's greeting; only "same
 * speaker or not" matters to the analysis, so a wrong guess costs nothing there.
 */
export function labelTurns(lines: readonly string[]): { speakers: Speaker[]; labels: number[] } {
  const speakers: Speaker[] = [];
  const labels: number[] = [];
  const numbered = new Map<string, Speaker>();
  let current: Speaker = 'customer';
  for (const line of lines) {
    const label = speakerLabel(line);
    if (label) {
      if (label.speaker) current = label.speaker;
      else {
        const n = label.numbered!;
        let role = numbered.get(n);
        if (!role) {
          role = numbered.size === 0 ? 'agent' : 'customer';
          numbered.set(n, role);
        }
        current = role;
      }
    }
    speakers.push(current);
    labels.push(label ? label.length : 0);
  }
  return { speakers, labels };
}
