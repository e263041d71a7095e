/**
 * Random 96-bit GCM nonces. randomBytes(12) costs about 4 µs per call (one CSPRNG call each); filling
 * a pool once per 1,024 IVs makes it ~0.1 µs, which matters at tens of thousands of fields a second.
 * Every IV is handed out once (the offset only moves forward) and is public anyway; callers copy it
 * into their blob before the pool is refilled.
 */
import { randomFillSync } from 'node:crypto';

const IV = 12;
const pool = Buffer.alloc(IV * 1024);
let offset = pool.length;

export function nextIv(): Buffer {
  if (offset + IV > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const iv = pool.subarray(offset, offset + IV);
  offset += IV;
  return iv;
}
