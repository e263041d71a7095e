/**
 * Row ids: 26-character ULIDs (48-bit millisecond time, 80 random bits, Crockford base32).
 * Random, so several processes sharing one database never need a shared counter; time-ordered, so
 * B-tree inserts stay local. A row id never changes: it is part of every field's associated data.
 */
import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const pool = Buffer.alloc(10 * 256);
let poolAt = pool.length;

function random10(): Buffer {
  if (poolAt >= pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + 10);
  poolAt += 10;
  return out;
}

export function newId(now = Date.now()): string {
  let out = '';
  let t = now;
  const time: string[] = [];
  for (let i = 0; i < 10; i++) {
    time.push(ALPHABET[t % 32]!);
    t = Math.floor(t / 32);
  }
  out = time.reverse().join('');
  const r = random10();
  // 80 bits -> 16 base32 characters, 5 bits at a time.
  let acc = 0;
  let bits = 0;
  for (const byte of r) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31]!;
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

export const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function isId(s: string): boolean {
  return ID_PATTERN.test(s);
}
