/** The scan pipeline: find sensitive data in files of every supported format. */
export { analyzeItem } from './analyze.js';
export { buildAnalyzer, createEngine, type Engine, InlineEngine, WorkerPoolEngine } from './engine.js';
export {
  type ContractFinding,
  contractFindings,
  findingLocation,
  maskedPreview,
  roundScore,
  sortFindings,
} from './findings.js';
export { type ExpandedInputs, expandInputs, isInside, STDIN } from './inputs.js';
export { jsonlReporter, jsonReporter, summaryObject } from './report.js';
export {
  AUTO_WORKERS_BYTES,
  BATCH_CHARS,
  BATCH_RECORDS,
  PROGRESS_BYTES,
  type ReporterFactory,
  runScan,
  ScanError,
  type ScanIo,
  type ScanReporter,
  type ScanResult,
} from './run.js';
export { ScanStats } from './stats.js';
export type { InputFile, OutputFormat, ScanOptions, ScanRecord, WorkItem } from './types.js';
