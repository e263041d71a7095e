/**
 * Local key wrapping for the file and env providers: AES-256-GCM under the KEK with associated data
 * "sealdesk:kek:v<version>", so a wrapped key cannot be relabelled with another KEK version.
 * Blob layout is the field layout: 0x01 || 12-byte IV || wrapped key || 16-byte tag.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { FIELD_FORMAT_V1, FIELD_OVERHEAD, IV_BYTES, TAG_BYTES } from './aead.js';
import { CryptoError } from './errors.js';
import { nextIv } from './iv.js';
import { assertKey } from './keys.js';
import type { WrappedKey } from './provider.js';

/** Data keys and system keys are 32 bytes; the bound only rejects obvious misuse. */
const MAX_WRAPPED_KEY_BYTES = 1024;

export function kekAad(version: number): Buffer {
  return Buffer.from(`sealdesk:kek:v${version}`, 'utf8');
}

export function assertVersion(version: unknown): asserts version is number {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new CryptoError(
      'E_KEK_VERSION_UNKNOWN',
      `KEK version must be a positive integer (got ${String(version)})`,
    );
  }
}

export function wrapWithKek(kek: Uint8Array, version: number, dataKey: Uint8Array): WrappedKey {
  assertKey(kek, `KEK version ${version}`);
  if (!(dataKey instanceof Uint8Array) || dataKey.length === 0 || dataKey.length > MAX_WRAPPED_KEY_BYTES) {
    throw new CryptoError('E_KEY_INVALID', `a key to wrap must be 1 to ${MAX_WRAPPED_KEY_BYTES} bytes`);
  }
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(kekAad(version));
  const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    kekVersion: version,
    blob: Buffer.concat([Buffer.of(FIELD_FORMAT_V1), iv, body, cipher.getAuthTag()]),
  };
}

export function unwrapWithKek(kek: Uint8Array, wrapped: WrappedKey, where: string): Buffer {
  assertKey(kek, `KEK version ${wrapped.kekVersion}`);
  const blob = wrapped.blob;
  if (!(blob instanceof Uint8Array) || blob.length <= FIELD_OVERHEAD || blob[0] !== FIELD_FORMAT_V1) {
    throw new CryptoError(
      'E_DECRYPT_FAILED',
      `cannot unwrap a data key with KEK version ${wrapped.kekVersion} (${where}): malformed wrapped key`,
    );
  }
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, buf.subarray(1, 1 + IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(kekAad(wrapped.kekVersion));
    decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(buf.subarray(1 + IV_BYTES, buf.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new CryptoError(
      'E_DECRYPT_FAILED',
      `cannot unwrap a data key with KEK version ${wrapped.kekVersion} (${where}): authentication failed ` +
        '(wrong key file, altered wrapped key, or wrong version recorded)',
    );
  }
}
