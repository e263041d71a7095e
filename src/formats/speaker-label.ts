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
  /** The number of a numbered label ("Speaker 2" is "2"), or the name of a named one. */
  numbered?: string;
  /** Length of the label (timestamp, label, colon and one space) in UTF-16 units. */
  length: number;
  /**
   * The person's name the label holds, where it stands in the line: "Rep (Dana Lee):" and
   * "[10:04] Jane Doe:". Letters only; the caller decides whether it is a person's name.
   */
  name?: { text: string; start: number };
}

/** A timestamp before a label: "[00:01:23]", "(1:23)", "10:02 AM -", "2024-05-01 10:02:03 |". */
const TIMESTAMP =
  '[[(]?(?:\\d{4}-\\d{2}-\\d{2}[ T])?\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,3})?(?:[ ]?[apAP]\\.?[mM]\\.?)?[\\])]?[ \\t]{0,3}(?:[-\\u2013|][ \\t]{0,3})?';

/**
 * Optional timestamp, then a role word or a numbered speaker, an optional "(Name)", and a colon.
 * Anchored, every part bounded: linear in the line.
 */
const LABEL_RE = new RegExp(
  `^[ \\t]{0,8}(?:${TIMESTAMP})?(?:(agent|customer|caller|client|system|operator|rep|representative|advisor|adviser|associate|support|csr|bot|assistant|visitor|user)|(?:speaker|spk)[ _]?(\\d{1,2}))(?:[ \\t]{0,2}\\(([^()\\n]{1,40})\\))?[ \\t]{0,4}:[ \\t]?`,
  'i',
);

/**
 * A timestamp (required: without one "Note:" and "Subject:" look the same), then one to three
 * capitalised words, and a colon: "[10:04] Jane Doe:", "10:02 AM - Priya:".
 */
const NAMED_LABEL_RE = new RegExp(
  `^[ \\t]{0,8}${TIMESTAMP}(\\p{Lu}[\\p{L}'\u2019-]{0,30}(?: \\p{Lu}[\\p{L}'\u2019-]{0,30}){0,2})[ \\t]{0,2}:[ \\t]?`,
  'u',
);

/** What a name in a label may be made of: letters, spaces, hyphens, apostrophes and dots. */
const NAME_CHARS_RE = /^[\p{L}][\p{L} .'\u2019-]*$/u;

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
  if (m) {
    const label: SpeakerLabel =
      m[1] !== undefined
        ? { speaker: ROLES[m[1].toLowerCase()], length: m[0].length }
        : { numbered: m[2], length: m[0].length };
    const inner = m[3]?.trim();
    if (inner && NAME_CHARS_RE.test(inner))
      label.name = { text: inner, start: line.indexOf(inner, m[0].indexOf('(')) };
    return label;
  }
  const n = NAMED_LABEL_RE.exec(line);
  if (!n) return null;
  const name = n[1]!;
  return { numbered: name, length: n[0].length, name: { text: name, start: n[0].lastIndexOf(name) } };
}

/**
 * `line` with its label turned into spaces: the same length, so a range found in it is a range of
 * the line, and the label's timestamp and name do not run into the turn's analysis (a name would
 * make "Rep (Dana): mhm" more than a backchannel). The caller reports a label's name itself.
 */
export function blankLabel(line: string, label: SpeakerLabel | null): string {
  if (!label || label.length === 0) return line;
  return ' '.repeat(label.length) + line.slice(label.length);
}

/**
 * Speakers for the lines of one transcript: a labelled line names its speaker; a line without a
 * label continues the one before (a turn's second line); lines before any label are the
 * customer's, as in an unlabelled text. Numbered and named speakers take roles in order of
 * appearance, the first as the agent (contact-centre recordings open with the agent's greeting)
 * unless a labelled agent was seen already; only "same speaker or not" matters to the analysis,
 * so a wrong guess costs nothing there. Also returns each line's label (or null) and the names
 * the labels hold.
 */
export function labelTurns(lines: readonly string[]): {
  speakers: Speaker[];
  labels: (SpeakerLabel | null)[];
  names: string[];
} {
  const speakers: Speaker[] = [];
  const labels: (SpeakerLabel | null)[] = [];
  const names = new Set<string>();
  const numbered = new Map<string, Speaker>();
  let current: Speaker = 'customer';
  let agentSeen = false;
  for (const line of lines) {
    const label = speakerLabel(line);
    if (label) {
      if (label.speaker) {
        current = label.speaker;
        if (current === 'agent') agentSeen = true;
      } else {
        const n = label.numbered!;
        let role = numbered.get(n);
        if (!role) {
          // Beside a labelled agent ("Rep (Dana):"), a named speaker is the other party.
          role = numbered.size === 0 && !agentSeen ? 'agent' : 'customer';
          numbered.set(n, role);
        }
        current = role;
        if (current === 'agent') agentSeen = true;
      }
      if (label.name) names.add(label.name.text);
    }
    speakers.push(current);
    labels.push(label);
  }
  return { speakers, labels, names: [...names] };
}
