/** Shapes shared by the scan pipeline: what is read, what is sent to workers, what comes back. */

import type { ScanConfig } from '../config/index.js';
import type { RedactionPolicy, Turn, TurnFinding } from '../detect/index.js';
import type { InputKind } from '../formats/index.js';

/** What a worker needs to analyze one record (structured-cloneable, no sensitive extras). */
export interface WorkItem {
  turns: Turn[];
  knownNames: string[];
  /** Turns are unrelated texts (CSV columns): no joining across turns. */
  independent: boolean;
}

/** Format-specific data kept with a record for its redacted copy. */
export type RecordPayload =
  | { kind: 'jsonl'; raw: Record<string, unknown> }
  /** `labels`: each line's speaker label as written, blanked in the turn's text but for a name (see speaker-label.ts). */
  | { kind: 'text'; eols: string[]; labels: string[] }
  | { kind: 'csv'; values: string[]; columns: number[] }
  | { kind: 'eml' | 'mbox'; headerBlock: string; separator?: string };

export interface ScanRecord extends WorkItem {
  /** Index of the file in the scan's input list. */
  file: number;
  id: string;
  /** Line where the record starts in its file. */
  line: number;
  /** For plain text: the line and column (0-based JS index) of each turn. */
  turnLines?: number[];
  turnCols?: number[];
  /** Display label of each turn when turns are not conversation turns (CSV column names). */
  turnLabels?: string[];
  /**
   * Findings the reader makes itself, added to the engine's: the person's names in a plain-text
   * transcript's speaker labels ("Rep (Dana):", "[10:04] Jane Doe:"), blanked for the analysis.
   */
  labelFindings?: TurnFinding[];
  payload: RecordPayload;
}

/** A finding as reported: contract fields plus what the report and the redaction need. */
export type RecordFinding = TurnFinding;

export interface InputFile {
  /** As shown to the user (the path given, or the folder given joined with the relative path). */
  display: string;
  /** Absolute path; undefined for stdin. */
  abs?: string;
  kind: InputKind;
  size: number;
  /** Path of its redacted copy under the output folder (relative). */
  outRel: string;
}

export type OutputFormat = 'text' | 'json' | 'jsonl';

export interface ScanOptions {
  paths: string[];
  format: OutputFormat;
  output?: string;
  types?: string[];
  minScore?: number;
  /** Types whose presence makes the exit code 1; `any` for every type. */
  failOn?: string[] | 'any';
  redactDir?: string;
  policy: RedactionPolicy;
  fingerprintKey?: Uint8Array;
  config: ScanConfig;
  /** CSV columns to scan (default: all but the id column). */
  columns?: string[];
  /** Worker threads; undefined chooses (all cores above AUTO_WORKERS_BYTES of input, else 1). */
  workers?: number;
  showValues: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Line shown before the report (used by `start`). */
  banner?: string;
}
