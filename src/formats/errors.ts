/**
 * Errors of the input readers. They name the file, the line and (for schema errors) the field,
 * never the content: a malformed line may well hold the card number we are looking for.
 */
export type FormatErrorCode =
  | 'E_READ'
  | 'E_BINARY'
  | 'E_INVALID_UTF8'
  | 'E_JSON_SYNTAX'
  | 'E_SCHEMA'
  | 'E_LINE_TOO_LONG'
  | 'E_RECORD_TOO_LARGE'
  | 'E_CSV'
  | 'E_CSV_COLUMN'
  | 'E_EMAIL';

export class FormatError extends Error {
  readonly code: FormatErrorCode;
  readonly file: string;
  /** 1-based line number, when the error belongs to one line. */
  readonly line: number | undefined;
  /** Field path for schema errors, e.g. `turns[2].speaker`. */
  readonly field: string | undefined;
  /** The message without file and line (they are prepended by `message`). */
  readonly detail: string;

  constructor(code: FormatErrorCode, file: string, line: number | undefined, detail: string, field?: string) {
    super(`${line === undefined ? file : `${file}:${line}`}: ${detail}`);
    this.name = 'FormatError';
    this.code = code;
    this.file = file;
    this.line = line;
    this.field = field;
    this.detail = detail;
  }
}

/** Error message of a failed read, without paths or values from the OS beyond its error code. */
export function describeIoError(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown };
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return typeof err.code === 'string' ? `cannot read (${err.code})` : 'cannot read';
  }
}
