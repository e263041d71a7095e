/**
 * Sealdesk's sensitive-data detection engine. Pure: no I/O, no global mutable state. Create an
 * analyzer with `createAnalyzer()` (optionally with your own recognizers) or use the
 * module-level `detect` / `detectConversation`, which share one immutable default registry.
 */
import { Analyzer } from './analyzer.js';
import { type PatternRecognizerConfig, patternRecognizer } from './pattern-recognizer.js';
import { type Recognizer, RecognizerRegistry } from './recognizer.js';
import { builtinRecognizers } from './recognizers/index.js';
import type { DetectOptions, Finding, Turn, TurnFinding } from './types.js';

export { Analyzer, resolveOverlaps, splitChains } from './analyzer.js';
export { abaChecksumValid, luhnValid, mod97 } from './checksums.js';
export { findNumberSpans, type NumberSpan, type NumberToken } from './numbers.js';
export {
  assertLinearPattern,
  type NamedValidator,
  type PatternRecognizerConfig,
  patternRecognizer,
} from './pattern-recognizer.js';
export { type Recognizer, RecognizerRegistry } from './recognizer.js';
export { builtinRecognizers } from './recognizers/index.js';
export { plausiblePersonName } from './recognizers/person/words.js';
export {
  DEFAULT_POLICY,
  fingerprint,
  OPERATORS,
  type Operator,
  type RedactConversationResult,
  type RedactedItem,
  type RedactionPolicy,
  type RedactOptions,
  type RedactResult,
  redact,
  redactConversation,
} from './redact.js';
export * from './types.js';
export { containsWord, TextView } from './view.js';

export interface AnalyzerOptions {
  /** Extra recognizers: instances, or pattern configurations (see PatternRecognizerConfig). */
  recognizers?: ReadonlyArray<Recognizer | PatternRecognizerConfig>;
  /** Names of built-in recognizers to leave out. */
  disable?: readonly string[];
}

export function createRegistry(options: AnalyzerOptions = {}): RecognizerRegistry {
  const registry = new RecognizerRegistry(builtinRecognizers());
  for (const name of options.disable ?? []) registry.remove(name);
  for (const r of options.recognizers ?? []) {
    registry.add('analyze' in r ? r : patternRecognizer(r));
  }
  return registry;
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  return new Analyzer(createRegistry(options));
}

let defaultAnalyzer: Analyzer | undefined;
function getDefault(): Analyzer {
  // Built once; the registry is never mutated afterwards, so sharing it is safe.
  if (!defaultAnalyzer) defaultAnalyzer = createAnalyzer();
  return defaultAnalyzer;
}

/** Findings in one text with the built-in recognizers. */
export function detect(text: string, options?: DetectOptions): Finding[] {
  return getDefault().detect(text, options);
}

/** Findings in a conversation, including numbers split across turns. */
export function detectConversation(turns: readonly Turn[], options?: DetectOptions): TurnFinding[] {
  return getDefault().detectConversation(turns, options);
}
