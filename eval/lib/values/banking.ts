/**
 * Bank identifiers: IBANs (valid ISO 13616 mod-97 check digits, national BBAN layouts), US ABA
 * routing numbers (valid checksum, Federal Reserve prefixes), US and UK account numbers, UK sort
 * codes.
 */
import type { Rng } from '../prng.js';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

interface IbanCountry {
  code: string;
  /** BBAN layout: 'a' a letter, 'n' a digit, 'c' a letter or digit. */
  layout: string;
  /** Real-looking bank codes for the leading letters, so values read like IBANs people have. */
  banks?: readonly string[];
  /** The BBAN's own national check characters, set after the random draw (as a real bank's would be). */
  national?: (bban: string) => string;
}

const IBAN_COUNTRIES: readonly IbanCountry[] = [
  {
    code: 'GB',
    layout: 'aaaannnnnnnnnnnnnn',
    banks: ['NWBK', 'BARC', 'LOYD', 'HBUK', 'MIDL', 'WEST', 'MONZ'],
  },
  { code: 'IE', layout: 'aaaannnnnnnnnnnnnn', banks: ['AIBK', 'BOFI', 'IPBS', 'ULSB', 'PTSB'] },
  { code: 'DE', layout: 'nnnnnnnnnnnnnnnnnn' },
  { code: 'FR', layout: 'nnnnnnnnnncccccccccccnn', national: frRibKey },
  { code: 'ES', layout: 'nnnnnnnnnnnnnnnnnnnn', national: esControlDigits },
  { code: 'NL', layout: 'aaaannnnnnnnnn', banks: ['ABNA', 'INGB', 'RABO', 'TRIO'] },
  { code: 'IT', layout: 'annnnnnnnnncccccccccccc', national: itCin },
];

/** France: the RIB key, 97 - (89 bank + 15 branch + 3 account) mod 97, letters of the account as digits. */
export function frRibKey(bban: string): string {
  const account = bban
    .slice(10, 21)
    .replace(/[A-Z]/g, (ch) => String(((ch.charCodeAt(0) - 65) % 9) + 1 + (ch >= 'S' ? 1 : 0)));
  const r = (89 * Number(bban.slice(0, 5)) + 15 * Number(bban.slice(5, 10)) + 3 * Number(account)) % 97;
  return bban.slice(0, 21) + String(97 - r).padStart(2, '0');
}

/** Spain: two control digits, one over "00" + bank + branch, one over the account (weights 1, 2, 4, ... mod 11). */
export function esControlDigits(bban: string): string {
  const weights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
  const dc = (ten: string): string => {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (ten.charCodeAt(i) - 48) * weights[i]!;
    const d = 11 - (sum % 11);
    return String(d === 11 ? 0 : d === 10 ? 1 : d);
  };
  return bban.slice(0, 8) + dc(`00${bban.slice(0, 8)}`) + dc(bban.slice(10, 20)) + bban.slice(10, 20);
}

const CIN_ODD = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/** Italy: the CIN letter over ABI, CAB and account (the codice fiscale check: odd places by table, even by value, mod 26). */
export function itCin(bban: string): string {
  const rest = bban.slice(1);
  let sum = 0;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest.charCodeAt(i);
    const v = ch <= 57 ? ch - 48 : ch - 65;
    sum += i % 2 === 0 ? CIN_ODD[v]! : v;
  }
  return String.fromCharCode(65 + (sum % 26)) + rest;
}

function mod97(s: string): number {
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    rem = c >= 65 ? (rem * 100 + (c - 55)) % 97 : (rem * 10 + (c - 48)) % 97;
  }
  return rem;
}

export function ibanValid(iban: string): boolean {
  const s = iban.replace(/\s+/g, '').toUpperCase();
  return mod97(s.slice(4) + s.slice(0, 4)) === 1;
}

export function newIban(rng: Rng, countries?: readonly string[]): string {
  const pool = countries ? IBAN_COUNTRIES.filter((c) => countries.includes(c.code)) : IBAN_COUNTRIES;
  const country = rng.pick(pool);
  let bban = '';
  let i = 0;
  if (country.banks) {
    bban = rng.pick(country.banks);
    i = 4;
  }
  for (; i < country.layout.length; i++) {
    const k = country.layout[i];
    if (k === 'n') bban += rng.digits(1);
    else if (k === 'a') bban += rng.chars(UPPER, 1);
    else bban += rng.chance(0.8) ? rng.digits(1) : rng.chars(UPPER, 1);
  }
  if (country.national) bban = country.national(bban);
  const check = 98 - mod97(`${bban}${country.code}00`);
  return `${country.code}${check < 10 ? `0${check}` : check}${bban}`;
}

/** The print format: groups of four separated by spaces. */
export function ibanPrint(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Federal Reserve routing symbols: 01-12 (banks), 21-32 (thrifts), 61-72 (electronic), 80 (traveller's cheques). */
const ABA_PREFIXES = [
  [1, 12],
  [21, 32],
  [61, 72],
] as const;

export function abaValid(d: string): boolean {
  if (!/^\d{9}$/.test(d)) return false;
  const n = (i: number): number => d.charCodeAt(i) - 48;
  return (3 * (n(0) + n(3) + n(6)) + 7 * (n(1) + n(4) + n(7)) + (n(2) + n(5) + n(8))) % 10 === 0;
}

export function newRouting(rng: Rng): string {
  const [lo, hi] = rng.pick(ABA_PREFIXES);
  const p = rng.int(lo, hi);
  const body = (p < 10 ? `0${p}` : String(p)) + rng.digits(6);
  const n = (i: number): number => body.charCodeAt(i) - 48;
  const partial = 3 * (n(0) + n(3) + n(6)) + 7 * (n(1) + n(4) + n(7)) + (n(2) + n(5));
  return body + String((10 - (partial % 10)) % 10);
}

/** A US account number: 8 to 12 digits (banks issue 4 to 17; these lengths dominate). */
export function newUsAccount(rng: Rng): string {
  return String(rng.int(1, 9)) + rng.digits(rng.int(7, 11));
}

export function newUkAccount(rng: Rng): string {
  return rng.digits(8);
}

export function newSortCode(rng: Rng): string {
  // The first pair names the bank (e.g. 20 Barclays, 30 Lloyds, 40 HSBC, 60 NatWest, 83 RBS, 90 Bank of Ireland NI).
  return rng.pick(['20', '30', '40', '60', '77', '83', '09', '11', '16', '90']) + rng.digits(4);
}

export function sortCodeTyped(sc: string, rng: Rng): string {
  const style = rng.weighted([
    ['dash', 60],
    ['space', 20],
    ['plain', 20],
  ] as const);
  if (style === 'plain') return sc;
  const sep = style === 'dash' ? '-' : ' ';
  return `${sc.slice(0, 2)}${sep}${sc.slice(2, 4)}${sep}${sc.slice(4)}`;
}
