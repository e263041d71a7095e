import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  blindIndexBits,
  blindIndexBitsRange,
  blindIndexValue,
  DEFAULT_BLIND_INDEX_BITS,
  normalizeEmail,
  normalizePhone,
  truncateBits,
} from '../../src/crypto/blind-index.js';
import { generateKey } from '../../src/crypto/keys.js';

/** CipherSweet's rule, checked directly rather than through the implementation. */
function satisfiesRule(rows: number, bits: number): boolean {
  const perValue = rows / 2 ** bits;
  return perValue >= 2 && perValue < Math.sqrt(rows);
}

describe('blindIndexBits', () => {
  it('gives the bounds of 2 <= R/2^L < sqrt(R) exactly, for many R', () => {
    for (const rows of [16, 100, 1000, 4096, 65_536, 1_000_000, 2 ** 20, 17_000_000, 1e9]) {
      const { min, max } = blindIndexBitsRange(rows);
      expect(satisfiesRule(rows, min)).toBe(true);
      expect(satisfiesRule(rows, max)).toBe(true);
      expect(satisfiesRule(rows, min - 1)).toBe(false);
      expect(satisfiesRule(rows, max + 1)).toBe(false);
      expect(blindIndexBits(rows)).toBe(max);
    }
  });

  it('picks 18 bits for one million rows (allowed range 10..18)', () => {
    expect(blindIndexBitsRange(1_000_000)).toEqual({ min: 10, max: 18 });
    expect(DEFAULT_BLIND_INDEX_BITS).toBe(18);
  });

  it('honours minBits as a floor and stays >= 1 for tiny tables', () => {
    expect(blindIndexBits(1_000_000, 24)).toBe(24);
    expect(blindIndexBits(1)).toBe(1);
    expect(blindIndexBits(4)).toBe(1);
    expect(() => blindIndexBits(0)).toThrow(/E_BLIND_INDEX_BITS/);
  });
});

describe('blindIndexValue', () => {
  it('is deterministic and truncated to exactly `bits` bits', () => {
    const key = generateKey();
    const full = createHmac('sha256', key).update('jane@example.com').digest();
    for (const bits of [1, 7, 8, 9, 11, 16, 18, 19, 32, 255, 256]) {
      const v = blindIndexValue(key, 'jane@example.com', bits);
      expect(v.equals(blindIndexValue(key, 'jane@example.com', bits))).toBe(true);
      expect(v.length).toBe(Math.ceil(bits / 8));
      // The kept bits are the HMAC's leading bits; the spare low bits of the last byte are zero.
      const asBits = (b: Buffer, n: number) =>
        [...b]
          .map((x) => x.toString(2).padStart(8, '0'))
          .join('')
          .slice(0, n);
      expect(asBits(v, bits)).toBe(asBits(full, bits));
      expect(asBits(v, v.length * 8).slice(bits)).toMatch(/^0*$/);
    }
  });

  it('spreads 4,096 distinct inputs over 2^8 values roughly evenly', () => {
    const key = generateKey();
    const counts = new Map<string, number>();
    for (let i = 0; i < 4096; i++) {
      const v = blindIndexValue(key, `user${i}@example.com`, 8).toString('hex');
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect(counts.size).toBeGreaterThan(240);
    expect(Math.max(...counts.values())).toBeLessThan(48);
  });

  it('rejects bad bit lengths', () => {
    expect(() => truncateBits(Buffer.alloc(32), 0)).toThrow(/E_BLIND_INDEX_BITS/);
    expect(() => truncateBits(Buffer.alloc(32), 257)).toThrow(/E_BLIND_INDEX_BITS/);
    expect(() => truncateBits(Buffer.alloc(32), 1.5)).toThrow(/E_BLIND_INDEX_BITS/);
  });
});

describe('normalizeEmail', () => {
  it('trims, lower-cases and composes Unicode', () => {
    expect(normalizeEmail('  Jane.Doe@Example.COM \n')).toBe('jane.doe@example.com');
    expect(normalizeEmail('zoe\u0308@example.com')).toBe(normalizeEmail('zo\u00eb@EXAMPLE.com'));
    expect(normalizeEmail('jane+print@example.com')).toBe('jane+print@example.com');
  });
});

describe('normalizePhone', () => {
  it('gives E.164 for GB, US and IE national numbers with a default region', () => {
    expect(normalizePhone('07700 900123', 'GB')).toBe('+447700900123');
    expect(normalizePhone('07700 900999', 'gb')).toBe('+447700900999');
    expect(normalizePhone('(201) 555-0123', 'US')).toBe('+12015550123');
    expect(normalizePhone('201.555.0199', 'US')).toBe('+12015550199');
    expect(normalizePhone('087 123 4567', 'IE')).toBe('+353871234567');
    expect(normalizePhone('01 234 5678', 'IE')).toBe('+35312345678');
  });

  it('accepts E.164 and international input without a region, and agrees across forms', () => {
    expect(normalizePhone('+44 7700 900123')).toBe('+447700900123');
    expect(normalizePhone('+447700900123', 'US')).toBe('+447700900123');
    expect(normalizePhone('+1 201-555-0123')).toBe('+12015550123');
    expect(normalizePhone('+353 87 123 4567')).toBe('+353871234567');
    expect(normalizePhone('00 44 7700 900123', 'GB')).toBe('+447700900123');
    expect(normalizePhone('011 44 7700 900123', 'US')).toBe('+447700900123');
  });

  it('returns null for what is not a possible number', () => {
    expect(normalizePhone('07700 900123')).toBeNull(); // national, no region
    expect(normalizePhone('12', 'GB')).toBeNull();
    expect(normalizePhone('not a phone', 'GB')).toBeNull();
    expect(normalizePhone('', 'GB')).toBeNull();
    expect(normalizePhone('0'.repeat(100_000), 'GB')).toBeNull();
    expect(normalizePhone('+44 7700 900123 1234 5678')).toBeNull();
  });
});
