import { describe, expect, it } from 'vitest';
import {
  decryptField,
  decryptFieldText,
  encryptField,
  FIELD_OVERHEAD,
  type FieldAad,
  IV_BYTES,
  TAG_BYTES,
} from '../../src/crypto/aead.js';
import { CryptoError } from '../../src/crypto/errors.js';
import { generateKey } from '../../src/crypto/keys.js';

const at: FieldAad = { table: 'customers', column: 'email', rowId: 'c-42' };

function decryptError(fn: () => unknown): CryptoError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CryptoError);
    return err as CryptoError;
  }
  throw new Error('expected a CryptoError');
}

describe('encryptField / decryptField', () => {
  it('round-trips text and bytes, including empty and multi-byte input', () => {
    const key = generateKey();
    for (const text of ['jane@example.com', '', 'Zoë Ñúñez — 日本語 🙂', 'x'.repeat(100_000)]) {
      const blob = encryptField(key, text, at);
      expect(blob.length).toBe(Buffer.byteLength(text) + FIELD_OVERHEAD);
      expect(decryptFieldText(key, blob, at)).toBe(text);
    }
    const bytes = Buffer.from([0, 1, 2, 255, 254]);
    expect(decryptField(key, encryptField(key, bytes, at), at).equals(bytes)).toBe(true);
  });

  it('uses the documented layout: version byte, 12-byte IV, ciphertext, 16-byte tag', () => {
    const key = generateKey();
    const blob = encryptField(key, 'hello', at);
    expect(blob[0]).toBe(0x01);
    expect(blob.length).toBe(1 + IV_BYTES + 5 + TAG_BYTES);
    expect(blob.includes(Buffer.from('hello'))).toBe(false);
  });

  it('uses a fresh IV every time, so equal plaintexts give different blobs', () => {
    const key = generateKey();
    const a = encryptField(key, 'same', at);
    const b = encryptField(key, 'same', at);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
  });

  it('detects a flipped bit in the version, IV, ciphertext and tag', () => {
    const key = generateKey();
    const blob = encryptField(key, 'a body worth protecting', at);
    const positions = {
      version: 0,
      iv: 1 + 5,
      ciphertext: 1 + IV_BYTES + 3,
      tag: blob.length - 1,
    };
    for (const [part, pos] of Object.entries(positions)) {
      for (const bit of [0, 7]) {
        const bad = Buffer.from(blob);
        bad[pos] = bad[pos]! ^ (1 << bit);
        const err = decryptError(() => decryptField(key, bad, at));
        expect(err.code, part).toBe('E_DECRYPT_FAILED');
        expect(err.message).toContain('customers.email row c-42');
      }
    }
  });

  it('rejects truncated and empty blobs with E_DECRYPT_FAILED', () => {
    const key = generateKey();
    const blob = encryptField(key, 'abc', at);
    for (const len of [0, 1, FIELD_OVERHEAD - 1, blob.length - 1]) {
      expect(decryptError(() => decryptField(key, blob.subarray(0, len), at)).code).toBe('E_DECRYPT_FAILED');
    }
  });

  it('fails when the ciphertext is moved to another row, column or table, naming the place', () => {
    const key = generateKey();
    const blob = encryptField(key, 'jane@example.com', at);
    const elsewhere: FieldAad[] = [
      { ...at, rowId: 'c-43' },
      { ...at, column: 'phone' },
      { ...at, table: 'staff' },
    ];
    for (const aad of elsewhere) {
      const err = decryptError(() => decryptField(key, blob, aad));
      expect(err.code).toBe('E_DECRYPT_FAILED');
      expect(err.message).toContain(`${aad.table}.${aad.column} row ${aad.rowId}`);
      expect(err.message).not.toContain('jane');
    }
  });

  it('keeps the associated data unambiguous when separators move between parts', () => {
    const key = generateKey();
    const blob = encryptField(key, 'v', { table: 't', column: 'a.b', rowId: '1' });
    expect(() => decryptField(key, blob, { table: 't.a', column: 'b', rowId: '1' })).toThrow(CryptoError);
    expect(() => decryptField(key, blob, { table: 't', column: 'a', rowId: 'b.1' })).toThrow(CryptoError);
  });

  it('fails with another key', () => {
    const blob = encryptField(generateKey(), 'secret', at);
    expect(decryptError(() => decryptField(generateKey(), blob, at)).code).toBe('E_DECRYPT_FAILED');
  });

  it('refuses keys that are not 32 bytes and empty associated data', () => {
    expect(decryptError(() => encryptField(Buffer.alloc(16), 'x', at)).code).toBe('E_KEY_INVALID');
    expect(decryptError(() => encryptField(generateKey(), 'x', { ...at, rowId: '' })).code).toBe(
      'E_KEY_INVALID',
    );
  });
});
