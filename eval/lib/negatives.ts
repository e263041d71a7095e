/**
 * Hard negatives: text that looks like a sensitive value and is not. Order and tracking numbers
 * (16-digit ones that fail Luhn; long grouped ones with no card-length window that passes it),
 * prices, times, dates that are not birth dates, versions, SKUs, quantities read as words ("one
 * double mocha", "two hundred business cards"), product codes and counts.
 */
import type { Neg, Style } from './builder.js';
import type { Rng } from './prng.js';
import { cardinal, ordinalWords, speakDigits, speakEach, spokenYear } from './spoken.js';
import { luhnOk, monthName } from './values/cards.js';

const neg = (kind: Neg['neg'], text: string): Neg => ({ neg: kind, text });

/** True when any run of whole groups of 12-19 digits passes Luhn (a card reader could take it). */
function hasLuhnWindow(groups: readonly string[]): boolean {
  for (let i = 0; i < groups.length; i++) {
    let d = '';
    for (let j = i; j < groups.length; j++) {
      d += groups[j];
      if (d.length > 19) break;
      if (d.length >= 12 && luhnOk(d)) return true;
    }
  }
  return false;
}

function failingLuhn16(rng: Rng): string {
  for (;;) {
    const d = rng.pick(['4', '5', '3', '6']) + rng.digits(15);
    if (!luhnOk(d)) return d;
  }
}

export function orderNumber(rng: Rng, style: Style): Neg {
  const kind = rng.weighted([
    ['digits', 45],
    ['luhn16', 20],
    ['alnum', 35],
  ] as const);
  if (kind === 'alnum') {
    const t = rng.pick([
      `IP-${rng.int(2018, 2024)}-${rng.digits(5)}`,
      `A${rng.digits(6)}`,
      `WEB-${rng.digits(7)}`,
      `${rng.digits(5)}-B`,
    ]);
    return neg('order-number', style === 'asr' ? t.toLowerCase() : t);
  }
  let d =
    kind === 'luhn16' ? failingLuhn16(rng) : String(rng.int(1, 9)) + rng.digits(rng.pick([5, 6, 7, 9, 11]));
  // A 12-digit order number that passes Luhn is a card number as far as anyone can tell: not a fair negative.
  while (d.length >= 12 && luhnOk(d)) d = String(rng.int(1, 9)) + rng.digits(d.length - 1);
  if (style === 'asr' && kind === 'digits' && rng.chance(0.6)) return neg('order-number', speakEach(d, rng));
  return neg('order-number', d);
}

export function trackingNumber(rng: Rng, style: Style): Neg {
  switch (rng.int(0, 3)) {
    case 0: {
      const t = `1Z${rng.chars('0123456789ABCDEFGHJKLMNPRSTVWXYZ', 6)}${rng.digits(10)}`;
      return neg('tracking-number', style === 'asr' ? t.toLowerCase() : t);
    }
    case 1: {
      for (;;) {
        const groups = ['9400', ...Array.from({ length: 4 }, () => rng.digits(4)), rng.digits(2)];
        if (!hasLuhnWindow(groups)) return neg('tracking-number', groups.join(' '));
      }
    }
    case 2: {
      const t = `${rng.pick(['RN', 'AB', 'CE', 'LX'])}${rng.digits(9)}${rng.pick(['GB', 'IE'])}`;
      return neg('tracking-number', style === 'asr' ? t.toLowerCase() : t);
    }
    default:
      return neg('tracking-number', `${rng.pick(['DPD', 'GLS'])}${rng.digits(10)}`);
  }
}

export function invoiceNumber(rng: Rng, style: Style): Neg {
  const t = rng.pick([
    `INV-${rng.int(2018, 2024)}-${rng.digits(6)}`,
    `INV${rng.digits(6)}`,
    String(rng.int(100000, 999999)),
  ]);
  if (style === 'asr') return neg('invoice-number', /^\d+$/.test(t) ? speakEach(t, rng) : t.toLowerCase());
  return neg('invoice-number', t);
}

export function price(rng: Rng, style: Style): Neg {
  const whole = rng.pick([rng.int(5, 99), rng.int(100, 999), rng.int(1000, 4999)]);
  const cents = rng.pick([0, 99, 50, rng.int(1, 98)]);
  if (style === 'asr') {
    const cur = rng.pick(['dollars', 'pounds', 'euro']);
    if (whole >= 1000 || rng.chance(0.5))
      return neg('price', `${cardinal(whole)} ${cur}${cents ? ` and ${cardinal(cents)} cents` : ''}`);
    return neg('price', `${cardinal(whole)} ${cents ? cardinal(cents) : cur}`);
  }
  const sym = rng.pick(['$', '£', '€']);
  const w =
    whole >= 1000 && rng.chance(0.7)
      ? `${Math.floor(whole / 1000)},${String(whole % 1000).padStart(3, '0')}`
      : String(whole);
  return neg('price', `${sym}${w}${cents || rng.chance(0.3) ? `.${String(cents).padStart(2, '0')}` : ''}`);
}

export function time(rng: Rng, style: Style): Neg {
  const h = rng.int(1, 12);
  const m = rng.pick([0, 15, 30, 45, rng.int(1, 59)]);
  if (style === 'asr') {
    if (m === 0) return neg('time', `${cardinal(h)} o'clock`);
    if (m === 30 && rng.chance(0.5)) return neg('time', `half ${cardinal(h)}`);
    return neg('time', `${cardinal(h)} ${m < 10 ? `oh ${cardinal(m)}` : cardinal(m)}`);
  }
  const mm = String(m).padStart(2, '0');
  return neg(
    'time',
    rng.chance(0.5)
      ? `${rng.chance(0.5) ? h + 12 : h}:${mm}`
      : `${h}:${mm}${rng.pick(['am', 'pm', ' am', ' pm'])}`,
  );
}

/** A date that is not a birth date: deliveries, orders, e-mail headers. */
export function plainDate(rng: Rng, style: Style, year: number): Neg {
  const d = rng.int(1, 28);
  const m = rng.int(1, 12);
  if (style === 'asr') {
    return neg(
      'date',
      rng.chance(0.5) ? `the ${ordinalWords(d)} of ${monthName(m)}` : `${monthName(m)} ${ordinalWords(d)}`,
    );
  }
  const dd = String(d).padStart(2, '0');
  const mm = String(m).padStart(2, '0');
  return neg(
    'date',
    rng.pick([
      `${dd}/${mm}`,
      `${mm}/${dd}`,
      `${dd}/${mm}/${year}`,
      `${d} ${cap(monthName(m))}`,
      `${cap(monthName(m)).slice(0, 3)} ${d}`,
      `${year}-${mm}-${dd}`,
    ]),
  );
}

export function version(rng: Rng): Neg {
  return neg(
    'version',
    rng.pick([
      `v${rng.int(1, 9)}.${rng.int(0, 20)}.${rng.int(0, 9)}`,
      `${rng.int(1, 12)}.${rng.int(0, 9)}.${rng.int(0, 99)}`,
      `v${rng.int(1, 9)}.${rng.int(0, 9)}`,
    ]),
  );
}

export function sku(rng: Rng): Neg {
  return neg(
    'sku',
    rng.pick([
      `${rng.digits(4)}-${rng.digits(4)}-${rng.chars('ABCDEFGHKLMNPRSTUVWXYZ', 2)}`,
      `BC-${rng.digits(4)}-${rng.pick(['GLS', 'MAT', 'SLK'])}`,
      `FLY${rng.digits(5)}`,
    ]),
  );
}

export function productCode(rng: Rng): Neg {
  return neg(
    'product-code',
    rng.pick([
      `PC-${rng.int(100, 999)}-${rng.pick(['GLOSS', 'MATTE', 'KRAFT'])}`,
      `${rng.int(250, 450)}GSM`,
      `P-${rng.digits(5)}`,
    ]),
  );
}

const PRODUCTS = [
  'business cards',
  'flyers',
  'posters',
  'leaflets',
  'wedding invitations',
  'letterheads',
  'stickers',
  'postcards',
  'brochures',
  'banners',
  'greeting cards',
  'calendars',
] as const;

export function productName(rng: Rng): string {
  return rng.pick(PRODUCTS);
}

/** A quantity with its noun: "two hundred business cards", "500 flyers", "one double mocha". */
export function quantity(rng: Rng, style: Style, product: string): Neg {
  const n = rng.pick([50, 100, 200, 250, 500, 1000, 2000, 5000, rng.int(2, 40)]);
  if (style === 'asr' || rng.chance(0.2)) return neg('quantity', `${cardinal(n)} ${product}`);
  return neg('quantity', `${n >= 1000 && rng.chance(0.5) ? thousands(n) : n} ${product}`);
}

export function coffee(rng: Rng): Neg {
  return neg(
    'quantity',
    rng.pick([
      'one double mocha',
      'a triple latte',
      'two double espressos',
      'one triple shot americano',
      'a double double',
    ]),
  );
}

const COUNT_NOUNS = {
  any: ['boxes', 'pages', 'designs', 'proofs', 'copies', 'sheets', 'colours'],
  days: ['working days', 'days', 'business days'],
  minutes: ['minutes', 'seconds'],
} as const;

/** A count of things: "3 boxes", "forty eight hours"; `what` picks nouns that fit the sentence. */
export function count(rng: Rng, style: Style, what: keyof typeof COUNT_NOUNS): Neg {
  const n = rng.int(2, what === 'days' ? 14 : 60);
  const noun = rng.pick(COUNT_NOUNS[what]);
  return neg('count', style === 'asr' || rng.chance(0.3) ? `${cardinal(n)} ${noun}` : `${n} ${noun}`);
}

export function lastFour(rng: Rng, style: Style, digits: string): Neg {
  const last = digits.slice(-4);
  return neg('last-four', style === 'asr' ? speakDigits(last, [4], rng, { pairs: 0.3 }) : last);
}

export function year(rng: Rng, style: Style): Neg {
  const y = rng.int(2005, 2020);
  return neg('year', style === 'asr' ? spokenYear(y, rng) : String(y));
}

/** "5,000": toLocaleString goes through ICU, which dominated the generator's profile. */
function thousands(n: number): string {
  const s = String(n);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return out;
}

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}
