/** Errors of the import pipeline: a searchable code, and a message naming file and line, never values. */
export class IngestError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'IngestError';
    this.code = code;
  }
}

/** One record that was not imported, and why. */
export interface Rejection {
  file: string;
  /** 1-based line where the record starts (an mbox message: its "From " line). */
  line: number | null;
  /** The record's id when it could be read. */
  id: string | null;
  code: string;
  message: string;
}
