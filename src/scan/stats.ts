/** Counts for the summary: per type, per file, and the errors met on the way. */
import type { TurnFinding } from '../detect/index.js';
import type { FormatError } from '../formats/index.js';

/** Errors kept per file for the JSON report; the rest are only counted. */
export const ERRORS_KEPT_PER_FILE = 1000;

export interface ErrorEntry {
  line?: number;
  code: string;
  message: string;
  field?: string;
}

export interface FileStats {
  records: number;
  recordsWithFindings: number;
  findings: number;
  byType: Record<string, number>;
  errors: number;
  errorList: ErrorEntry[];
  /** The whole file could not be read (missing, binary, ...). */
  unreadable: boolean;
}

export interface TypeStats {
  findings: number;
  records: number;
}

export class ScanStats {
  readonly files: FileStats[];
  readonly byType = new Map<string, TypeStats>();
  records = 0;
  recordsWithFindings = 0;
  findings = 0;
  errors = 0;

  constructor(fileCount: number) {
    this.files = Array.from({ length: fileCount }, () => ({
      records: 0,
      recordsWithFindings: 0,
      findings: 0,
      byType: {},
      errors: 0,
      errorList: [],
      unreadable: false,
    }));
  }

  addRecord(file: number, findings: readonly TurnFinding[]): void {
    const fs = this.files[file]!;
    fs.records++;
    this.records++;
    if (findings.length === 0) return;
    fs.recordsWithFindings++;
    this.recordsWithFindings++;
    fs.findings += findings.length;
    this.findings += findings.length;
    const seen = new Set<string>();
    for (const f of findings) {
      fs.byType[f.type] = (fs.byType[f.type] ?? 0) + 1;
      const t = this.byType.get(f.type) ?? { findings: 0, records: 0 };
      t.findings++;
      if (!seen.has(f.type)) {
        t.records++;
        seen.add(f.type);
      }
      this.byType.set(f.type, t);
    }
  }

  /** Records an error; `file` undefined means an input path that could not be expanded. */
  addError(file: number | undefined, e: FormatError, wholeFile: boolean): void {
    this.errors++;
    if (file === undefined) return;
    const fs = this.files[file]!;
    fs.errors++;
    if (wholeFile) fs.unreadable = true;
    if (fs.errorList.length < ERRORS_KEPT_PER_FILE) {
      const entry: ErrorEntry = { code: e.code, message: e.detail };
      if (e.line !== undefined) entry.line = e.line;
      if (e.field !== undefined) entry.field = e.field;
      fs.errorList.push(entry);
    }
  }
}
