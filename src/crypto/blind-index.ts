/**
 * Blind indexes: a keyed, truncated hash of a normalized value, stored beside its ciphertext so an
 * exact lookup needs no decryption. Truncation to L bits makes every index value match a few rows on
 * purpose (CipherSweet's rule: 2 <= R / 2^L < sqrt(R) for R rows), so the index alone cannot tell two
 * customers apart for certain; the store decrypts the candidates and compares.
 * See docs/CRYPTO.md, "Blind indexes", for the choice of L and what the index leaks.
 */
import { createHmac } from 'node:crypto';
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { CryptoError } from './errors.js';

export type BlindIndexKind = 'email' | 'phone' | 'external_id';
export const BLIND_INDEX_KINDS: readonly BlindIndexKind[] = ['email', 'phone', 'external_id'];

/** The scale Sealdesk plans for when nothing is configured: one million customers. */
export const DEFAULT_EXPECTED_ROWS = 1_000_000;

/** Bounds of L allowed by 2 <= R / 2^L < sqrt(R). For tiny R (below 16) min > max: no L satisfies both. */
export function blindIndexBitsRange(expectedRows: number): { min: number; max: number } {
  if (!Number.isFinite(expectedRows) || expectedRows < 1) {
    throw new CryptoError('E_BLIND_INDEX_BITS', `expected rows must be a number >= 1 (got ${expectedRows})`);
  }
  const r = expectedRows;
  // Integer loops, not Math.log2 rounding, so the bounds are exact at powers of two.
  let max = 0;
  while (2 ** (max + 1) * 2 <= r) max++; // largest L with R / 2^L >= 2
  let min = 0;
  while (r / 2 ** min >= Math.sqrt(r)) min++; // smallest L with R / 2^L < sqrt(R)
  return { min, max };
}

/**
 * The bit length Sealdesk uses for `expectedRows`: the largest L the rule allows, so a lookup decrypts
 * 2 to 4 candidates on average at that scale while no index value is expected to be unique. For tiny R
 * where no L fits, the largest L keeping R / 2^L >= 2 (at least 1). `minBits` is a floor.
 */
export function blindIndexBits(expectedRows: number, minBits = 1): number {
  const { max } = blindIndexBitsRange(expectedRows);
  const bits = Math.max(1, max, Math.trunc(minBits));
  return Math.min(bits, 256);
}

/** 18 bits for the default one million rows: about 3.8 customers per index value. */
export const DEFAULT_BLIND_INDEX_BITS = blindIndexBits(DEFAULT_EXPECTED_ROWS);

export function assertBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < 1 || bits > 256) {
    throw new CryptoError(
      'E_BLIND_INDEX_BITS',
      `blind index bits must be an integer from 1 to 256 (got ${bits})`,
    );
  }
}

/** The first `bits` bits of `digest` (big-endian bit order), in ceil(bits/8) bytes with spare low bits zero. */
export function truncateBits(digest: Uint8Array, bits: number): Buffer {
  assertBits(bits);
  const out = Buffer.from(digest.subarray(0, Math.ceil(bits / 8)));
  const spare = out.length * 8 - bits;
  if (spare > 0) out[out.length - 1] = out[out.length - 1]! & ((0xff << spare) & 0xff);
  return out;
}

/** HMAC-SHA256(key, normalized) truncated to `bits`. The key must be the per-kind derived key. */
export function blindIndexValue(kindKey: Uint8Array, normalized: string, bits: number): Buffer {
  assertBits(bits);
  return truncateBits(createHmac('sha256', kindKey).update(normalized, 'utf8').digest(), bits);
}

/** Exact-match form of an email address: Unicode NFC, trimmed, lower case. Sub-addresses are kept. */
export function normalizeEmail(s: string): string {
  return s.normalize('NFC').trim().toLowerCase();
}

/** Longer input is not a phone number; the bound also keeps the parser's work small. */
const MAX_PHONE_INPUT = 64;

/**
 * E.164 form ("+447700900123") of a phone number, or null when it is not a possible number.
 * National numbers need `defaultRegion` (ISO 3166 alpha-2, e.g. "GB"); "+..." input needs none.
 * "Possible" (right length for the country) rather than "valid" on purpose: fictional and newly
 * allocated ranges must still be found, and the index only needs a stable form.
 */
export function normalizePhone(s: string, defaultRegion?: string): string | null {
  if (typeof s !== 'string' || s.length === 0 || s.length > MAX_PHONE_INPUT) return null;
  const upper = defaultRegion?.trim().toUpperCase();
  const region: CountryCode | undefined = upper && isSupportedCountry(upper) ? upper : undefined;
  try {
    const parsed = parsePhoneNumberFromString(s.trim(), region);
    return parsed?.isPossible() ? parsed.number : null;
  } catch {
    return null;
  }
}
