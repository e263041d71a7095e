/** Ingestion: detect -> redact -> encrypt -> store, and the importers. See docs/STORE.md. */
export { type AnalyzeJob, type AnalyzeResult, analyzeJob, CARD_TYPES } from './analyze.js';
export { customerOf, identityProblem, interactionInput, jobOf, messageInput, parseTime } from './convert.js';
export { IngestError, type Rejection } from './errors.js';
export {
  DEFAULT_BATCH,
  type ImportInput,
  type ImportOptions,
  type ImportSummary,
  runImport,
} from './import.js';
export { createAnalyst, defaultImportWorkers } from './pool.js';
export { defaultMapping, type ImportKind, importKindOf, readSource, staffMatcher } from './sources.js';
