/**
 * Errors of the crypto layer. Messages and causes name WHERE something failed (table, column, row id,
 * file path, key version, HTTP status) and never carry key bytes, plaintext or ciphertext.
 */

export type CryptoErrorCode =
  | 'E_DECRYPT_FAILED'
  | 'E_KEY_INVALID'
  | 'E_KEY_FILE_MISSING'
  | 'E_KEY_FILE_INVALID'
  | 'E_KEY_FILE_PERMISSIONS'
  | 'E_KEY_FILE_EXISTS'
  | 'E_KEY_FILE_LOCKED'
  | 'E_KEY_FILE_IO'
  | 'E_KEK_VERSION_UNKNOWN'
  | 'E_KEY_ENV_INVALID'
  | 'E_ROTATE_UNSUPPORTED'
  | 'E_KMS_UNAVAILABLE'
  | 'E_KMS_DENIED'
  | 'E_KMS_KEY_NOT_FOUND'
  | 'E_KMS_ERROR'
  | 'E_KMS_CONFIG'
  | 'E_KEYRING_INVALID'
  | 'E_KEYRING_CLOSED'
  | 'E_BLIND_INDEX_BITS';

export interface CryptoErrorOptions {
  /**
   * Only pass a cause that is known not to hold secrets (an fs error naming a path, a network error
   * naming a host). Errors from cipher operations are never attached.
   */
  cause?: unknown;
}

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;
  constructor(code: CryptoErrorCode, message: string, options?: CryptoErrorOptions) {
    super(`${message} [${code}]`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CryptoError';
    this.code = code;
  }
}

export function isCryptoError(err: unknown, code?: CryptoErrorCode): err is CryptoError {
  return err instanceof CryptoError && (code === undefined || err.code === code);
}
