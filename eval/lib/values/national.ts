/**
 * National identifiers: US Social Security numbers (issuable ranges), UK National Insurance
 * numbers (allocated prefixes), Irish PPS numbers (valid mod-23 check letter).
 */
import type { Rng } from '../prng.js';

export function newSsn(rng: Rng): string {
  for (;;) {
    // Area 001-899 without 666; group 01-99; serial 0001-9999 (SSA rules).
    const area = rng.int(1, 899);
    if (area === 666) continue;
    const group = rng.int(1, 99);
    const serial = rng.int(1, 9999);
    const s =
      String(area).padStart(3, '0') + String(group).padStart(2, '0') + String(serial).padStart(4, '0');
    // Voided numbers (the Woolworth wallet card, an SSA advertisement) and the famous example.
    if (s === '078051120' || s === '219099999' || s === '123456789') continue;
    return s;
  }
}

export function ssnTyped(s: string, rng: Rng): string {
  const style = rng.weighted([
    ['dash', 65],
    ['space', 20],
    ['plain', 15],
  ] as const);
  if (style === 'plain') return s;
  const sep = style === 'dash' ? '-' : ' ';
  return `${s.slice(0, 3)}${sep}${s.slice(3, 5)}${sep}${s.slice(5)}`;
}

const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const NINO_BANNED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export function newNino(rng: Rng): string {
  for (;;) {
    const prefix = rng.chars(NINO_FIRST, 1) + rng.chars(NINO_SECOND, 1);
    if (NINO_BANNED.has(prefix)) continue;
    return prefix + rng.digits(6) + rng.chars('ABCD', 1);
  }
}

export function ninoTyped(n: string, rng: Rng): string {
  if (rng.chance(0.55)) return n;
  return `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6, 8)} ${n.slice(8)}`;
}

const PPSN_LETTERS = 'WABCDEFGHIJKLMNOPQRSTUV';

/** The mod-23 check letter: digits weighted 8..2, plus 9 times the second letter's value (A=1 ... W=0). */
export function ppsnCheck(digits: string, second: string): string {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (digits.charCodeAt(i) - 48) * (8 - i);
  if (second !== '' && second !== 'W') sum += 9 * (second.charCodeAt(0) - 64);
  return PPSN_LETTERS[sum % 23]!;
}

export function newPpsn(rng: Rng): string {
  const digits = rng.digits(7);
  // Numbers issued since 2013 carry a second letter (A, later B); older ones have none.
  const second = rng.weighted([
    ['', 55],
    ['A', 35],
    ['B', 10],
  ] as const);
  return digits + ppsnCheck(digits, second) + second;
}
