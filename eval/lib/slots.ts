/**
 * Sensitive values rendered for one turn: typed (in the formats people type) or spoken (as a
 * transcript writes the words), decided per value by the context.
 */
import type { Style, Val } from './builder.js';
import type { Ctx } from './context.js';
import { ordinalSuffix, ordinalWords, speakDigits, speakEach, spell, spokenYear } from './spoken.js';
import type { Address } from './values/address.js';
import { ibanPrint, sortCodeTyped } from './values/banking.js';
import { type Card, groupDigits, monthName, pad2, typedCard } from './values/cards.js';
import { type Email, type Phone, spokenEmail, spokenPhone, typedPhone } from './values/contact.js';
import { ninoTyped, ssnTyped } from './values/national.js';
import type { Dob } from './values/people.js';

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

export function cardSlot(c: Ctx, card: Card, style: Style, variant?: string): Val {
  const v = variant ?? card.brand;
  if (c.spoken())
    return c.v(
      'CREDIT_CARD',
      speakDigits(card.digits, card.groups, c.rng, { commas: style !== 'asr' }),
      'spoken',
      v,
    );
  // A transcript that writes digits separates groups by spaces only.
  const text =
    style === 'asr'
      ? c.rng.chance(0.7)
        ? groupDigits(card.digits, card.groups, ' ')
        : card.digits
      : typedCard(card, c.rng);
  return c.v('CREDIT_CARD', text, 'typed', v);
}

/** The parts of a card number split across turns: whole groups per part. */
export function cardParts(c: Ctx, card: Card, parts: number[][], style: Style, spoken: boolean): Val[] {
  const group = c.nextGroup();
  const out: Val[] = [];
  let pos = 0;
  const sep = style === 'asr' || c.rng.chance(0.7) ? ' ' : '-';
  for (const groups of parts) {
    const len = groups.reduce((a, b) => a + b, 0);
    const digits = card.digits.slice(pos, pos + len);
    pos += len;
    const text = spoken
      ? speakDigits(digits, groups, c.rng, { commas: style !== 'asr' })
      : groupDigits(digits, groups, sep);
    out.push({
      type: 'CREDIT_CARD',
      text,
      form: 'split',
      group,
      variant: spoken ? 'split-spoken' : 'split-typed',
    });
  }
  return out;
}

type Build<A> = (a: A) => string;
/** Forms are tables of [builder, weight]: only the form drawn is built (and draws from the generator). */
type Forms<A> = ReadonlyArray<readonly [Build<A>, number]>;

interface ExpiryArgs {
  c: Ctx;
  m: number;
  yy: string;
  year: number;
}

const EXPIRY_SPOKEN: Forms<ExpiryArgs> = [
  [({ c, m, yy }) => speakDigits(pad2(m) + yy, [2, 2], c.rng, { pairs: 0.8, fillers: 0 }), 40],
  [({ c, m, yy }) => `${speakEach(pad2(m), c.rng)} slash ${speakDigits(yy, [2], c.rng, { pairs: 0.7 })}`, 15],
  [({ c, m, year }) => `${monthName(m)} ${spokenYear(year, c.rng)}`, 15],
  [
    ({ c, m, yy }) =>
      `${speakDigits(String(m), [String(m).length], c.rng, { pairs: 1 })} ${speakDigits(yy, [2], c.rng, { pairs: 1 })}`,
    30,
  ],
];
const EXPIRY_TYPED: Forms<ExpiryArgs> = [
  [({ m, yy }) => `${pad2(m)}/${yy}`, 45],
  [({ m, year }) => `${pad2(m)}/${year}`, 15],
  [({ m, yy }) => `${m}/${yy}`, 12],
  [({ m, yy }) => `${pad2(m)}-${yy}`, 8],
  [({ m, yy }) => `${pad2(m)} ${yy}`, 8],
  [({ m, year }) => `${cap(monthName(m)).slice(0, 3)} ${year}`, 6],
  [({ m, year }) => `${cap(monthName(m))} ${year}`, 6],
];

export function expirySlot(c: Ctx, card: Card, style: Style): Val {
  const args: ExpiryArgs = { c, m: card.expMonth, yy: pad2(card.expYear % 100), year: card.expYear };
  if (c.spoken()) return c.v('CARD_EXPIRY', c.rng.weighted(EXPIRY_SPOKEN)(args), 'spoken');
  const text = c.rng.weighted(EXPIRY_TYPED)(args);
  return c.v('CARD_EXPIRY', style === 'asr' ? text.toLowerCase() : text, 'typed');
}

export function cvvSlot(c: Ctx, card: Card): Val {
  if (c.spoken()) return c.v('CARD_CVV', speakEach(card.cvv, c.rng), 'spoken');
  return c.v('CARD_CVV', card.cvv, 'typed');
}

export function digitsSlot(
  c: Ctx,
  type: Val['type'],
  digits: string,
  groups: number[],
  typed: () => string,
  style: Style,
  variant?: string,
): Val {
  if (c.spoken())
    return c.v(
      type,
      speakDigits(digits, groups, c.rng, { commas: style !== 'asr', pairs: 0.15 }),
      'spoken',
      variant,
    );
  return c.v(type, typed(), 'typed', variant);
}

export function ibanSlot(c: Ctx, iban: string, style: Style): Val {
  if (c.spoken()) {
    // Read in the printed groups of four, letters spelled.
    const groups = ibanPrint(iban)
      .split(' ')
      .map((g) => spell(g, c.rng));
    return c.v('IBAN_CODE', groups.join(style === 'asr' ? ' ' : ', '), 'spoken', iban.slice(0, 2));
  }
  const text = c.rng.chance(0.65) ? ibanPrint(iban) : iban;
  return c.v(
    'IBAN_CODE',
    style === 'asr' || style === 'casual' ? text.toLowerCase() : text,
    'typed',
    iban.slice(0, 2),
  );
}

export function sortCodeSlot(c: Ctx, sc: string, style: Style): Val {
  return digitsSlot(
    c,
    'UK_SORT_CODE',
    sc,
    [2, 2, 2],
    () => (style === 'asr' ? `${sc.slice(0, 2)} ${sc.slice(2, 4)} ${sc.slice(4)}` : sortCodeTyped(sc, c.rng)),
    style,
  );
}

export function ssnSlot(c: Ctx, ssn: string, style: Style): Val {
  if (c.spoken())
    return c.v(
      'US_SSN',
      speakDigits(ssn, [3, 2, 4], c.rng, { commas: style !== 'asr', pairs: 0.1, dash: 0.1 }),
      'spoken',
    );
  return c.v(
    'US_SSN',
    style === 'asr' ? `${ssn.slice(0, 3)} ${ssn.slice(3, 5)} ${ssn.slice(5)}` : ssnTyped(ssn, c.rng),
    'typed',
  );
}

export function ninoSlot(c: Ctx, nino: string, style: Style): Val {
  if (c.spoken()) return c.v('UK_NINO', spell(nino, c.rng, { nato: c.rng.chance(0.15) }), 'spoken');
  const t = ninoTyped(nino, c.rng);
  return c.v(
    'UK_NINO',
    style === 'asr' || (style === 'casual' && c.rng.chance(0.5)) ? t.toLowerCase() : t,
    'typed',
  );
}

export function ppsnSlot(c: Ctx, ppsn: string, style: Style): Val {
  if (c.spoken()) return c.v('IE_PPSN', spell(ppsn, c.rng), 'spoken');
  const t = c.rng.chance(0.15) ? `${ppsn.slice(0, 7)} ${ppsn.slice(7)}` : ppsn;
  return c.v(
    'IE_PPSN',
    style === 'asr' || (style === 'casual' && c.rng.chance(0.5)) ? t.toLowerCase() : t,
    'typed',
  );
}

export function emailSlot(c: Ctx, e: Email, style: Style): Val {
  if (c.voice && (style === 'asr' || c.rng.chance(0.5)))
    return c.v('EMAIL_ADDRESS', spokenEmail(e, c.rng), 'spoken');
  return c.v(
    'EMAIL_ADDRESS',
    style === 'clean' && c.rng.chance(0.1) ? e.address.replace(/^./, (x) => x.toUpperCase()) : e.address,
    'typed',
  );
}

export function phoneSlot(c: Ctx, p: Phone, style: Style): Val {
  if (c.spoken()) return c.v('PHONE_NUMBER', spokenPhone(p, c.rng, style !== 'asr'), 'spoken', p.region);
  const t = typedPhone(p, c.rng);
  return c.v(
    'PHONE_NUMBER',
    style === 'asr' ? t.replace(/[()]/g, '').replace(/\s*-\s*/g, ' ') : t,
    'typed',
    p.region,
  );
}

interface DobArgs {
  c: Ctx;
  d: number;
  m: number;
  y: number;
  us: boolean;
  style: Style;
}

const DOB_SPOKEN: Forms<DobArgs> = [
  [({ c, d, m, y }) => `the ${ordinalWords(d)} of ${monthName(m)} ${spokenYear(y, c.rng)}`, 30],
  [({ c, d, m, y }) => `${monthName(m)} ${ordinalWords(d)} ${spokenYear(y, c.rng)}`, 25],
  [({ c, d, m, y }) => `${ordinalWords(d)} ${monthName(m)} ${spokenYear(y, c.rng)}`, 15],
  [
    ({ c, d, m, y, us, style }) =>
      speakDigits(
        us ? pad2(m) + pad2(d) + pad2(y % 100) : pad2(d) + pad2(m) + pad2(y % 100),
        [2, 2, 2],
        c.rng,
        {
          pairs: 0.6,
          commas: style !== 'asr',
        },
      ),
    30,
  ],
];
const DOB_TYPED: Forms<DobArgs> = [
  [({ d, m, y, us }) => (us ? `${pad2(m)}/${pad2(d)}/${y}` : `${pad2(d)}/${pad2(m)}/${y}`), 35],
  [({ d, m, y, us }) => (us ? `${m}/${d}/${pad2(y % 100)}` : `${d}/${m}/${pad2(y % 100)}`), 10],
  [({ d, m, y }) => `${y}-${pad2(m)}-${pad2(d)}`, 10],
  [({ d, m, y }) => `${d} ${cap(monthName(m))} ${y}`, 12],
  [({ d, m, y }) => `${cap(monthName(m))} ${d}, ${y}`, 12],
  [({ d, m, y }) => `${ordinalSuffix(d)} ${cap(monthName(m))} ${y}`, 8],
  [({ d, m, y }) => `${pad2(d)}.${pad2(m)}.${y}`, 5],
  [({ d, m, y }) => `${cap(monthName(m)).slice(0, 3)} ${d} ${y}`, 8],
];

export function dobSlot(c: Ctx, dob: Dob, style: Style, region: string): Val {
  const args: DobArgs = { c, d: dob.day, m: dob.month, y: dob.year, us: region === 'US', style };
  if (c.spoken()) return c.v('DATE_OF_BIRTH', c.rng.weighted(DOB_SPOKEN)(args), 'spoken');
  const text = c.rng.weighted(DOB_TYPED)(args);
  return c.v('DATE_OF_BIRTH', style === 'asr' ? text.toLowerCase().replace(/,/g, '') : text, 'typed');
}

export function addressSlot(c: Ctx, a: Address, style: Style): Val {
  return c.v(
    'POSTAL_ADDRESS',
    style === 'asr' ? a.spoken : a.line,
    style === 'asr' ? 'spoken' : 'typed',
    a.region,
  );
}

export function postcodeSlot(c: Ctx, a: Address, style: Style): Val {
  const variant = a.region === 'US' ? 'zip' : a.region === 'GB' ? 'postcode' : 'eircode';
  if (style === 'asr' && a.region !== 'US' && c.rng.chance(0.3)) {
    return c.v(
      'POSTAL_ADDRESS',
      a.code
        .split(' ')
        .map((p) => spell(p, c.rng))
        .join(' '),
      'spoken',
      variant,
    );
  }
  if (style === 'asr' && a.region === 'US' && c.rng.chance(0.5))
    return c.v('POSTAL_ADDRESS', speakEach(a.code.slice(0, 5), c.rng), 'spoken', variant);
  return c.v(
    'POSTAL_ADDRESS',
    style === 'asr' || style === 'casual' ? a.code.toLowerCase() : a.code,
    'typed',
    variant,
  );
}
