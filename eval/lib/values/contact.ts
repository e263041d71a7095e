/**
 * Contact details: e-mail addresses (typed and read out), telephone numbers of the US, the UK,
 * Ireland and elsewhere (fictional ranges where regulators reserve them: US 555-01xx, Ofcom's
 * 07700 900xxx, 020 7946 0xxx and 0113 496 0xxx families, Australia's 0491 570 xxx), and IP
 * addresses (the documentation ranges of RFC 5737 and RFC 3849 mostly).
 */
import type { Rng } from '../prng.js';
import { speakDigits, speakEach } from '../spoken.js';
import { asciiWord, type Person } from './people.js';

const TYPED_DOMAINS = [
  'example.com',
  'example.org',
  'example.net',
  'gmail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'hotmail.com',
  'hotmail.co.uk',
  'outlook.com',
  'outlook.ie',
  'icloud.com',
  'aol.com',
  'eircom.net',
  'btinternet.com',
  'protonmail.com',
  'mail.example',
];
/** Providers people read out on the phone. */
const SPOKEN_DOMAINS = [
  'gmail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'hotmail.com',
  'outlook.com',
  'outlook.ie',
  'icloud.com',
  'aol.com',
  'eircom.net',
  'example.com',
];

export const COMPANY_DOMAIN = 'inkwellprint.example';

export interface Email {
  /** Local-part pieces: names, initials, digits and the separators between them. */
  parts: string[];
  domain: string;
  address: string;
}

export function newEmail(person: Person, rng: Rng, spokenFriendly: boolean): Email {
  const first = asciiWord(person.first) || 'info';
  const last = asciiWord(person.last) || 'mail';
  const year = String(rng.int(50, 99));
  const parts = rng.weighted<string[]>([
    [[first, '.', last], 30],
    [[first, last], 12],
    [[first[0]!, last], 12],
    [[first, '_', last], 8],
    [[first, '.', last, year], 10],
    [[first, year], 8],
    [[first[0]!, '.', last], 8],
    [[last, '.', first], 6],
    [[first, '-', last], 4],
    [[first, '+', 'orders'], 2],
  ]);
  const domain = rng.pick(spokenFriendly ? SPOKEN_DOMAINS : TYPED_DOMAINS);
  return { parts, domain, address: `${parts.join('')}@${domain}` };
}

export function agentEmail(person: Person): string {
  return `${asciiWord(person.first)}.${asciiWord(person.last)}@${COMPANY_DOMAIN}`;
}

const SEP_WORDS: Record<string, readonly string[]> = {
  '.': ['dot'],
  _: ['underscore'],
  '-': ['dash', 'hyphen'],
  '+': ['plus'],
};

/** "jane dot doe at gmail dot com", "j doe eighty five at yahoo dot co dot uk". */
export function spokenEmail(e: Email, rng: Rng): string {
  const out: string[] = [];
  for (const p of e.parts) {
    const sep = SEP_WORDS[p];
    if (sep) out.push(rng.pick(sep));
    else if (/^\d+$/.test(p))
      out.push(rng.chance(0.5) ? speakDigits(p, [p.length], rng, { pairs: 1 }) : speakEach(p, rng));
    else out.push(p);
  }
  const domain = e.domain.split('.').join(' dot ');
  return `${out.join(' ')} at ${domain}`;
}

export interface Phone {
  region: 'US' | 'GB' | 'IE' | 'INTL';
  /** Digits as dialled nationally (leading 0 / no country code), and the country code. */
  national: string;
  cc: string;
  /** How the national digits are grouped when written or read. */
  groups: number[];
}

const US_AREAS = [
  201, 202, 206, 212, 213, 303, 305, 312, 404, 415, 503, 512, 602, 617, 702, 713, 718, 808, 917, 919,
];
const GB_GEO = ['0113', '0114', '0115', '0116', '0117', '0118', '0121', '0131', '0141', '0151', '0161'];

export function newPhone(rng: Rng, region: 'US' | 'GB' | 'IE' | 'INTL'): Phone {
  switch (region) {
    case 'US':
      return { region, cc: '1', national: `${rng.pick(US_AREAS)}55501${rng.digits(2)}`, groups: [3, 3, 4] };
    case 'GB': {
      const kind = rng.int(0, 2);
      if (kind === 0) return { region, cc: '44', national: `07700900${rng.digits(3)}`, groups: [5, 6] };
      if (kind === 1) return { region, cc: '44', national: `02079460${rng.digits(3)}`, groups: [3, 4, 4] };
      return { region, cc: '44', national: `${rng.pick(GB_GEO)}4960${rng.digits(3)}`, groups: [4, 3, 4] };
    }
    case 'IE':
      if (rng.chance(0.7))
        return {
          region,
          cc: '353',
          national: `08${rng.pick(['3', '5', '6', '7', '9'])}${rng.int(1, 9)}${rng.digits(6)}`,
          groups: [3, 3, 4],
        };
      return { region, cc: '353', national: `01${rng.int(2, 9)}${rng.digits(6)}`, groups: [2, 3, 4] };
    default: {
      const kind = rng.int(0, 2);
      if (kind === 0) return { region, cc: '61', national: `0491570${rng.digits(3)}`, groups: [4, 3, 3] };
      if (kind === 1)
        return { region, cc: '33', national: `063998${rng.digits(4)}`, groups: [2, 2, 2, 2, 2] };
      return { region, cc: '49', national: `030901820${rng.digits(2)}`, groups: [3, 8] };
    }
  }
}

function grouped(digits: string, groups: readonly number[], sep: string): string {
  const parts: string[] = [];
  let pos = 0;
  for (const g of groups) {
    parts.push(digits.slice(pos, pos + g));
    pos += g;
  }
  return parts.join(sep);
}

/** International groups: the national groups without the trunk 0. */
function intlGroups(p: Phone): { digits: string; groups: number[] } {
  if (p.cc === '1') return { digits: p.national, groups: p.groups };
  const digits = p.national.slice(1);
  const groups = [...p.groups];
  groups[0] = groups[0]! - 1;
  return { digits, groups: groups.filter((g) => g > 0) };
}

export function typedPhone(p: Phone, rng: Rng): string {
  const intl = p.region === 'INTL' || rng.chance(0.3);
  if (p.cc === '1') {
    const n = p.national;
    const style = rng.int(0, 5);
    const local = `${n.slice(3, 6)}-${n.slice(6)}`;
    if (style === 0) return `(${n.slice(0, 3)}) ${local}`;
    if (style === 1) return `${n.slice(0, 3)}-${local}`;
    if (style === 2) return `${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6)}`;
    if (style === 3) return `+1 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
    if (style === 4) return `1-${n.slice(0, 3)}-${local}`;
    return n;
  }
  if (intl) {
    const g = intlGroups(p);
    const prefix = rng.chance(0.85) ? `+${p.cc}` : `00${p.cc}`;
    return `${prefix} ${grouped(g.digits, g.groups, ' ')}`;
  }
  if (rng.chance(0.2)) return p.national;
  if (p.groups.length === 3 && rng.chance(0.2))
    return `(${p.national.slice(0, p.groups[0])}) ${grouped(p.national.slice(p.groups[0]), p.groups.slice(1), ' ')}`;
  return grouped(p.national, p.groups, ' ');
}

export function spokenPhone(p: Phone, rng: Rng, commas: boolean): string {
  const intl = p.region === 'INTL' || (p.cc !== '1' && rng.chance(0.15));
  const opts = {
    pairs: 0.1,
    repeats: p.cc === '1' ? 0.2 : 0.6,
    hundreds: 0.3,
    dash: p.cc === '1' ? 0.1 : 0,
    commas,
  };
  if (intl) {
    const g = intlGroups(p);
    const cc = speakEach(p.cc, rng);
    return `plus ${cc} ${speakDigits(g.digits, g.groups, rng, opts)}`;
  }
  return speakDigits(p.national, p.groups, rng, opts);
}

export function e164(p: Phone): string {
  return `+${p.cc}${p.cc === '1' ? p.national : p.national.slice(1)}`;
}

export function newIpv4(rng: Rng): string {
  const doc = rng.weighted([
    ['192.0.2', 30],
    ['198.51.100', 30],
    ['203.0.113', 30],
    ['', 10],
  ] as const);
  if (doc !== '') return `${doc}.${rng.int(1, 254)}`;
  return `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

export function newIpv6(rng: Rng): string {
  const h = (): string => rng.int(0, 0xffff).toString(16);
  switch (rng.int(0, 3)) {
    case 0:
      return `2001:db8:${h()}:${h()}::${h()}`;
    case 1:
      return `2001:db8::${h()}:${h()}`;
    case 2:
      return `2001:0db8:${[h(), h(), h(), h(), h(), h()].map((x) => x.padStart(4, '0')).join(':')}`;
    default:
      return `2001:db8:${h()}::${h()}:${h()}:${h()}`;
  }
}
