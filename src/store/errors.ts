/**
 * Errors of the store. Messages name WHERE (table, row id, file, line, setting) and never carry a
 * personal value, a key or a database password.
 */
export type StoreErrorCode =
  | 'E_STORE_CONFIG'
  | 'E_STORE_CONNECT'
  | 'E_STORE_NOT_INITIALISED'
  | 'E_STORE_OUTDATED'
  | 'E_STORE_TOO_NEW'
  | 'E_STORE_KEY_MISMATCH'
  | 'E_STORE_CORRUPT'
  | 'E_STORE_BUSY'
  | 'E_NOT_FOUND'
  | 'E_USAGE'
  | 'E_RECORD_INVALID'
  | 'E_DECRYPT_FAILED'
  | 'E_ROTATE';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
  }
}

export function isStoreError(err: unknown, code?: StoreErrorCode): err is StoreError {
  return err instanceof StoreError && (code === undefined || err.code === code);
}

/**
 * A database URL with its password (and any query string, which may hold one) removed, for messages:
 * `postgres://app@db.example:5432/sealdesk`.
 */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return '(unparseable database URL)';
  }
}

/** A driver error reduced to its code: driver messages may quote values of the failing statement. */
export function driverCode(err: unknown): string {
  const e = err as { code?: unknown };
  return typeof e?.code === 'string' ? e.code : 'unknown';
}
