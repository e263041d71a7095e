/**
 * Runs Sealdesk's engine on a labelled record the way the product does: the whole conversation,
 * with the customer's and agent's names passed as known names (as the store and the scan of
 * interaction JSON Lines do). `knownNames: false` leaves them out, as a scan of plain text has
 * none: PERSON then rests on cues alone.
 */
import { detectConversation } from '../../src/detect/index.js';
import type { Pred } from './score.js';
import type { LabelledRecord } from './types.js';

export function sealdeskPredictions(record: LabelledRecord, options: { knownNames?: boolean } = {}): Pred[] {
  const i = record.interaction;
  const knownNames = options.knownNames === false ? [] : [i.customer.name, i.agent.name];
  const findings = detectConversation(i.turns, { knownNames });
  return findings.map((f) => ({ turn: f.turn, start: f.start, end: f.end, type: f.type }));
}
