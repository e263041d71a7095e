/** Runs Sealdesk's engine on a labelled record the way the product does: the whole conversation, known names passed. */
import { detectConversation } from '../../src/detect/index.js';
import type { Pred } from './score.js';
import type { LabelledRecord } from './types.js';

export function sealdeskPredictions(record: LabelledRecord): Pred[] {
  const i = record.interaction;
  const findings = detectConversation(i.turns, { knownNames: [i.customer.name, i.agent.name] });
  return findings.map((f) => ({ turn: f.turn, start: f.start, end: f.end, type: f.type }));
}
