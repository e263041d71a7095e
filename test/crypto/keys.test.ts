import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../src/crypto/compare.js';
import { generateKey, hkdf, zeroize } from '../../src/crypto/keys.js';

describe('keys', () => {
  it('generates distinct 32-byte keys', () => {
    const a = generateKey();
    const b = generateKey();
    expect(a.length).toBe(32);
    expect(a.equals(b)).toBe(false);
  });

  it('derives HKDF-SHA256 per RFC 5869 (first block = HMAC(PRK, info || 0x01))', () => {
    const ikm = generateKey();
    const salt = Buffer.from('salt');
    const prk = createHmac('sha256', salt).update(ikm).digest();
    const expected = createHmac('sha256', prk)
      .update(Buffer.concat([Buffer.from('sealdesk test'), Buffer.of(1)]))
      .digest();
    expect(hkdf(ikm, 'sealdesk test', 32, salt).equals(expected)).toBe(true);
  });

  it('gives different keys for different info and the requested length', () => {
    const ikm = generateKey();
    expect(hkdf(ikm, 'a').equals(hkdf(ikm, 'b'))).toBe(false);
    expect(hkdf(ikm, 'a').equals(hkdf(ikm, 'a'))).toBe(true);
    expect(hkdf(ikm, 'a', 64).length).toBe(64);
  });

  it('zeroizes in place', () => {
    const k = generateKey();
    zeroize(k);
    expect(k.every((b) => b === 0)).toBe(true);
  });

  it('compares in constant time, including different lengths', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual(Buffer.from([1, 2]), Buffer.from([1, 2]))).toBe(true);
  });
});
