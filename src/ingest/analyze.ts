/**
 * detect -> redact for one record: the same pure function runs inline and in worker threads.
 * Returns redacted texts and items (type, ranges, fingerprint, last four of a card), never a raw
 * value. The keep_original copy still has card numbers masked and CVVs removed; subjects and tags
 * (metadata, encrypted as they are) lose card numbers and CVVs too, so no full card number or CVV
 * reaches the store in any field.
 */
import {
  type Analyzer,
  DEFAULT_POLICY,
  type RedactedItem,
  type RedactionPolicy,
  redact,
  redactConversation,
  type Speaker,
  type TurnFinding,
} from '../detect/index.js';

export interface AnalyzeJob {
  turns: { speaker: Speaker; text: string }[];
  knownNames: string[];
  /** Metadata texts that only lose card data (subject, tags), redacted independently. */
  meta: string[];
  keepOriginal: boolean;
}

export type AnalyzedItem = RedactedItem & { split?: boolean };

export interface AnalyzeResult {
  texts: string[];
  items: AnalyzedItem[];
  originals: string[] | null;
  meta: string[];
}

export interface AnalyzeSettings {
  policy: RedactionPolicy;
  fingerprintKey: Uint8Array;
}

/** Whatever else the policy says, these never reach the store in clear, not even in originals. */
export const CARD_TYPES: ReadonlySet<string> = new Set(['CREDIT_CARD', 'CARD_CVV']);
const CARD_POLICY: RedactionPolicy = { CREDIT_CARD: 'mask', CARD_CVV: 'remove', default: 'replace' };

export function analyzeJob(analyzer: Analyzer, job: AnalyzeJob, settings: AnalyzeSettings): AnalyzeResult {
  const texts = job.turns.map((t) => t.text);
  const findings: TurnFinding[] =
    job.turns.length === 0
      ? []
      : analyzer.detectConversation(
          job.turns,
          job.knownNames.length > 0 ? { knownNames: job.knownNames } : {},
        );
  const policy = { ...DEFAULT_POLICY, ...settings.policy };
  const red = redactConversation(texts, findings, { policy, fingerprintKey: settings.fingerprintKey });
  let originals: string[] | null = null;
  if (job.keepOriginal) {
    const cards = findings.filter((f) => CARD_TYPES.has(f.type));
    originals = redactConversation(texts, cards, {
      policy: CARD_POLICY,
      fingerprintKey: settings.fingerprintKey,
    }).texts;
  }
  const meta = job.meta.map((m) => {
    if (m === '') return m;
    const cards = analyzer.detect(m).filter((f) => CARD_TYPES.has(f.type));
    return cards.length === 0 ? m : redact(m, cards, { policy: CARD_POLICY }).text;
  });
  const split = new Set(findings.filter((f) => f.split).map((f) => `${f.turn}:${f.start}:${f.end}`));
  const items: AnalyzedItem[] =
    split.size === 0
      ? red.items
      : red.items.map((i) => (split.has(`${i.turn}:${i.start}:${i.end}`) ? { ...i, split: true } : i));
  return { texts: red.texts, items, originals, meta };
}
