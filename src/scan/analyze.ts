/** One record through the engine: the same function runs inline and in worker threads. */
import type { Analyzer, DetectOptions, TurnFinding } from '../detect/index.js';
import type { WorkItem } from './types.js';

export function analyzeItem(analyzer: Analyzer, item: WorkItem, base: DetectOptions): TurnFinding[] {
  const options: DetectOptions = item.knownNames.length > 0 ? { ...base, knownNames: item.knownNames } : base;
  if (!item.independent) return analyzer.detectConversation(item.turns, options);
  const out: TurnFinding[] = [];
  item.turns.forEach((t, turn) => {
    for (const f of analyzer.detect(t.text, options)) out.push({ ...f, turn });
  });
  return out;
}
