/** Key material helpers. Keys are 32-byte Buffers; nothing here logs or formats key bytes. */
import { hkdfSync, randomBytes } from 'node:crypto';
import { CryptoError } from './errors.js';

export const KEY_BYTES = 32;

/** 32 random bytes from the OS CSPRNG (a fresh, unpooled Buffer, so zeroize() reaches all of it). */
export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** HKDF-SHA256. `info` separates purposes; the default empty salt is fine for uniformly random IKM. */
export function hkdf(
  ikm: Uint8Array,
  info: string,
  length = KEY_BYTES,
  salt: Uint8Array = new Uint8Array(0),
): Buffer {
  if (ikm.length === 0) throw new CryptoError('E_KEY_INVALID', 'HKDF input key is empty');
  return Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from(info, 'utf8'), length));
}

/** Overwrite key material in place. JavaScript cannot promise no other copy exists; this shrinks the window. */
export function zeroize(buf: Uint8Array): void {
  buf.fill(0);
}

/** Throws E_KEY_INVALID unless `key` is exactly 32 bytes; `what` names the key, never its bytes. */
export function assertKey(key: Uint8Array, what: string): void {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
    const got = key instanceof Uint8Array ? `${key.length} bytes` : typeof key;
    throw new CryptoError('E_KEY_INVALID', `${what} must be ${KEY_BYTES} bytes (got ${got})`);
  }
}
