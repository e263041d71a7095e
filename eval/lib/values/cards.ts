/**
 * Payment cards of every brand the product must catch, with a valid Luhn digit, and their expiry
 * dates and security codes. Typed forms follow how people write each brand's number; spoken forms
 * read the same groups out.
 */
import type { Rng } from '../prng.js';

export interface CardBrand {
  name: string;
  /** Prefixes (IIN ranges written out) and the lengths issued with them. */
  prefixes: readonly ((rng: Rng) => string)[];
  lengths: readonly number[];
  /** Group sizes for a length, as printed on the card. */
  groups(length: number): number[];
  cvvLength: number;
}

const fours = (length: number): number[] => {
  const g: number[] = [];
  for (let left = length; left > 0; left -= 4) g.push(Math.min(4, left));
  return g;
};

function range(lo: number, hi: number): (rng: Rng) => string {
  return (rng) => String(rng.int(lo, hi));
}

export const BRANDS: readonly CardBrand[] = [
  { name: 'visa', prefixes: [() => '4'], lengths: [16, 16, 16, 16, 16, 13, 19], groups: fours, cvvLength: 3 },
  {
    name: 'mastercard',
    prefixes: [range(51, 55), range(2221, 2720)],
    lengths: [16],
    groups: fours,
    cvvLength: 3,
  },
  {
    name: 'amex',
    prefixes: [() => '34', () => '37'],
    lengths: [15],
    groups: () => [4, 6, 5],
    cvvLength: 4,
  },
  {
    name: 'discover',
    prefixes: [() => '6011', range(644, 649), () => '65'],
    lengths: [16, 16, 16, 19],
    groups: fours,
    cvvLength: 3,
  },
  { name: 'jcb', prefixes: [range(3528, 3589)], lengths: [16], groups: fours, cvvLength: 3 },
  {
    name: 'diners',
    prefixes: [() => '36', range(300, 305), () => '38'],
    lengths: [14, 14, 16],
    groups: (n) => (n === 14 ? [4, 6, 4] : fours(n)),
    cvvLength: 3,
  },
  {
    name: 'unionpay',
    prefixes: [() => '62', () => '6212', () => '6250'],
    lengths: [16, 16, 19],
    groups: fours,
    cvvLength: 3,
  },
  {
    name: 'maestro',
    prefixes: [
      () => '5018',
      () => '5020',
      () => '5038',
      () => '6304',
      () => '6759',
      () => '6761',
      () => '6763',
    ],
    lengths: [16, 16, 19, 18],
    groups: fours,
    cvvLength: 3,
  },
];

/** How often each brand appears (Visa and Mastercard dominate real traffic; every brand appears). */
const BRAND_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [0, 30],
  [1, 24],
  [2, 12],
  [3, 8],
  [4, 6],
  [5, 6],
  [6, 6],
  [7, 8],
];

export function luhnCheckDigit(body: string): string {
  // The check digit makes the whole number pass: double every second digit from the right of the body.
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let d = body.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}

export function luhnOk(digits: string): boolean {
  return luhnCheckDigit(digits.slice(0, -1)) === digits[digits.length - 1];
}

export interface Card {
  brand: string;
  digits: string;
  groups: number[];
  cvv: string;
  expMonth: number;
  expYear: number;
}

export function newCard(rng: Rng, atYear: number): Card {
  const brand = BRANDS[rng.weighted(BRAND_WEIGHTS)]!;
  const length = rng.pick(brand.lengths);
  const prefix = rng.pick(brand.prefixes)(rng);
  const body = prefix + rng.digits(length - prefix.length - 1);
  return {
    brand: brand.name,
    digits: body + luhnCheckDigit(body),
    groups: brand.groups(length),
    cvv: rng.digits(brand.cvvLength),
    expMonth: rng.int(1, 12),
    expYear: atYear + rng.int(1, 5),
  };
}

/** The number as typed: grouped with spaces or dashes as printed, or contiguous. */
export function typedCard(card: Card, rng: Rng): string {
  const style = rng.weighted([
    ['space', 55],
    ['plain', 30],
    ['dash', 15],
  ] as const);
  if (style === 'plain') return card.digits;
  return groupDigits(card.digits, card.groups, style === 'space' ? ' ' : '-');
}

export function groupDigits(digits: string, groups: readonly number[], sep: string): string {
  const parts: string[] = [];
  let pos = 0;
  for (const g of groups) {
    parts.push(digits.slice(pos, pos + g));
    pos += g;
  }
  return parts.join(sep);
}

/**
 * Where a caller pauses when reading the number over several turns: after whole groups, in two to
 * four parts.
 */
export function splitPoints(groups: readonly number[], rng: Rng): number[][] {
  const n = groups.length;
  if (n <= 2) return [[groups[0]!], groups.slice(1)];
  const parts = Math.min(
    n,
    rng.weighted([
      [2, 50],
      [3, 30],
      [4, 20],
    ] as const),
  );
  // Choose parts-1 distinct cut positions among the n-1 gaps between groups.
  const cuts = new Set<number>();
  while (cuts.size < parts - 1) cuts.add(rng.int(1, n - 1));
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: number[][] = [];
  let prev = 0;
  for (const c of [...sorted, n]) {
    out.push(groups.slice(prev, c));
    prev = c;
  }
  return out;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

export function monthName(m: number): string {
  return MONTHS[m - 1]!;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
