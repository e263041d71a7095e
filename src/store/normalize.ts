/**
 * The exact-match forms the blind indexes are computed over, shared by writes and lookups so they
 * agree. Phone numbers without a country code are read in the customer's country, else in the
 * product's markets in order (GB, US, IE); libphonenumber is slow (~80 us), so results are cached.
 */
import { normalizeEmail, normalizePhone } from '../crypto/index.js';

export const DEFAULT_PHONE_REGIONS = ['GB', 'US', 'IE'] as const;

const PHONE_CACHE_MAX = 20_000;
const phoneCache = new Map<string, string | null>();

export function phoneKey(phone: string | null | undefined, country?: string | null): string | null {
  if (!phone || phone.trim() === '') return null;
  const cacheKey = `${country ?? ''}\u0000${phone}`;
  const hit = phoneCache.get(cacheKey);
  if (hit !== undefined) return hit;
  let out: string | null = null;
  const regions = country ? [country, ...DEFAULT_PHONE_REGIONS] : DEFAULT_PHONE_REGIONS;
  for (const r of regions) {
    out = normalizePhone(phone, r);
    if (out) break;
  }
  // The cache holds personal values in memory only for the life of the process, like the rows being written.
  if (phoneCache.size >= PHONE_CACHE_MAX) phoneCache.clear();
  phoneCache.set(cacheKey, out);
  return out;
}

export function emailKey(email: string | null | undefined): string | null {
  if (!email) return null;
  const n = normalizeEmail(email);
  return n === '' ? null : n;
}

export function externalIdKey(id: string | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  const t = String(id).normalize('NFC').trim();
  return t === '' ? null : t;
}

/** Staff without an email are matched by name: NFC, trimmed, inner spaces collapsed, lower case. */
export function nameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const t = name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  return t === '' ? null : t;
}
