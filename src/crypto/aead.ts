/**
 * Field encryption: AES-256-GCM with associated data binding table, column and row id, so a ciphertext
 * copied to another row, column or table fails to decrypt instead of showing someone else's value.
 *
 * Blob layout (format version 1):
 *   0x01 || 12-byte random IV || ciphertext (same length as plaintext) || 16-byte GCM tag
 *
 * The associated data is not stored; it is rebuilt from where the blob is read:
 *   "sealdesk-field" || 0x01 (the blob's version byte) || u32be len || table || u32be len || column
 *   || u32be len || rowId   (lengths in UTF-8 bytes)
 * Length prefixes make the encoding injective: ("a:b","c") and ("a","b:c") give different AAD.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { CryptoError } from './errors.js';
import { nextIv } from './iv.js';
import { assertKey } from './keys.js';

export interface FieldAad {
  table: string;
  column: string;
  rowId: string;
}

export const FIELD_FORMAT_V1 = 0x01;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
/** Bytes a blob adds to its plaintext: version + IV + tag. */
export const FIELD_OVERHEAD = 1 + IV_BYTES + TAG_BYTES;

const AAD_LABEL = Buffer.from('sealdesk-field', 'utf8');

function where(aad: FieldAad): string {
  return `${aad.table}.${aad.column} row ${aad.rowId}`;
}

export function fieldAad(version: number, aad: FieldAad): Buffer {
  const t = Buffer.byteLength(aad.table, 'utf8');
  const c = Buffer.byteLength(aad.column, 'utf8');
  const r = Buffer.byteLength(aad.rowId, 'utf8');
  const out = Buffer.allocUnsafe(AAD_LABEL.length + 1 + 12 + t + c + r);
  let at = AAD_LABEL.copy(out, 0);
  out[at++] = version;
  at = out.writeUInt32BE(t, at);
  at += out.write(aad.table, at, 'utf8');
  at = out.writeUInt32BE(c, at);
  at += out.write(aad.column, at, 'utf8');
  at = out.writeUInt32BE(r, at);
  out.write(aad.rowId, at, 'utf8');
  return out;
}

function checkAad(aad: FieldAad): void {
  if (typeof aad?.table !== 'string' || typeof aad.column !== 'string' || typeof aad.rowId !== 'string') {
    throw new CryptoError('E_KEY_INVALID', 'field associated data needs string table, column and rowId');
  }
  if (aad.table === '' || aad.column === '' || aad.rowId === '') {
    throw new CryptoError('E_KEY_INVALID', `field associated data has an empty part (${where(aad)})`);
  }
}

export function encryptField(key: Uint8Array, plaintext: Uint8Array | string, aad: FieldAad): Buffer {
  assertKey(key, 'field key');
  checkAad(aad);
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(fieldAad(FIELD_FORMAT_V1, aad));
  const body = cipher.update(data);
  const tail = cipher.final(); // empty for GCM, kept for correctness
  const out = Buffer.allocUnsafe(FIELD_OVERHEAD + body.length + tail.length);
  out[0] = FIELD_FORMAT_V1;
  iv.copy(out, 1);
  body.copy(out, 1 + IV_BYTES);
  tail.copy(out, 1 + IV_BYTES + body.length);
  cipher.getAuthTag().copy(out, out.length - TAG_BYTES);
  return out;
}

export function decryptField(key: Uint8Array, blob: Uint8Array, aad: FieldAad): Buffer {
  assertKey(key, 'field key');
  checkAad(aad);
  if (!(blob instanceof Uint8Array) || blob.length < FIELD_OVERHEAD) {
    throw new CryptoError('E_DECRYPT_FAILED', `cannot decrypt ${where(aad)}: ciphertext is truncated`);
  }
  const version = blob[0]!;
  if (version !== FIELD_FORMAT_V1) {
    throw new CryptoError(
      'E_DECRYPT_FAILED',
      `cannot decrypt ${where(aad)}: unknown ciphertext format version ${version}`,
    );
  }
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  const iv = buf.subarray(1, 1 + IV_BYTES);
  const tag = buf.subarray(buf.length - TAG_BYTES);
  const body = buf.subarray(1 + IV_BYTES, buf.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(fieldAad(version, aad));
    decipher.setAuthTag(tag);
    const out = decipher.update(body);
    return Buffer.concat([out, decipher.final()]);
  } catch {
    // The cipher's own error is dropped on purpose: the message says where, never what.
    throw new CryptoError(
      'E_DECRYPT_FAILED',
      `cannot decrypt ${where(aad)}: authentication failed (wrong key, altered bytes, or a ciphertext ` +
        'moved from another row, column or table)',
    );
  }
}

export function decryptFieldText(key: Uint8Array, blob: Uint8Array, aad: FieldAad): string {
  return decryptField(key, blob, aad).toString('utf8');
}
