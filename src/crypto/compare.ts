/** Constant-time equality for secrets, MACs and decrypted candidates (the store's blind-index check). */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Comparing HMACs under a per-process random key makes the comparison length-independent too:
// timingSafeEqual alone throws on different lengths, and an early length check would leak the length.
const COMPARE_KEY = randomBytes(32);

function mac(v: Uint8Array | string): Buffer {
  return createHmac('sha256', COMPARE_KEY)
    .update(typeof v === 'string' ? Buffer.from(v, 'utf8') : v)
    .digest();
}

export function constantTimeEqual(a: Uint8Array | string, b: Uint8Array | string): boolean {
  return timingSafeEqual(mac(a), mac(b));
}
