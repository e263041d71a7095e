/**
 * IBAN_CODE: International Bank Account Numbers (ISO 13616), typed. An IBAN is a country code,
 * two check digits and the country's BBAN, with the exact length and BBAN structure the SWIFT IBAN
 * registry gives for that country, and mod 97 of the rearranged string is 1 (ISO 7064 MOD 97-10).
 *
 * Accepted: upper or lower case, contiguous ("GB82WEST12345698765432") or in the print format of
 * groups of four separated by single spaces ("GB82 WEST 1234 5698 7654 32"). Other groupings are
 * not IBANs as people write them; letting spaces fall anywhere would let ordinary prose ("is 20 of
 * them ...") reach the length of some country's IBAN. Spoken IBANs are rare and not read.
 *
 * Scores: a valid IBAN 0.9, 0.99 with a banking word near. `normalized` is upper case, no spaces.
 */
import { isAsciiAlnumCode } from '../chars.js';
import { mod97 } from '../checksums.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import { near, vocabulary } from './financial-context.js';

/**
 * SWIFT IBAN registry: country -> BBAN structure (n digits, a upper-case letters, c alphanumerics;
 * "4!a6!n8!n" = 4 letters, 6 digits, 8 digits). The IBAN length is 4 + the BBAN length.
 * Territories that use another country's code (Åland: FI, Jersey: GB, Réunion: FR ...) need no entry.
 */
const BBAN_STRUCTURE: Record<string, string> = {
  AD: '4!n4!n12!c', // Andorra, 24
  AE: '3!n16!n', // United Arab Emirates, 23
  AL: '8!n16!c', // Albania, 28
  AT: '5!n11!n', // Austria, 20
  AZ: '4!a20!c', // Azerbaijan, 28
  BA: '3!n3!n8!n2!n', // Bosnia and Herzegovina, 20
  BE: '3!n7!n2!n', // Belgium, 16
  BG: '4!a4!n2!n8!c', // Bulgaria, 22
  BH: '4!a14!c', // Bahrain, 22
  BI: '5!n5!n11!n2!n', // Burundi, 27
  BR: '8!n5!n10!n1!a1!c', // Brazil, 29
  BY: '4!c4!n16!c', // Belarus, 28
  CH: '5!n12!c', // Switzerland, 21
  CR: '4!n14!n', // Costa Rica, 22
  CY: '3!n5!n16!c', // Cyprus, 28
  CZ: '4!n6!n10!n', // Czechia, 24
  DE: '8!n10!n', // Germany, 22
  DJ: '5!n5!n11!n2!n', // Djibouti, 27
  DK: '4!n9!n1!n', // Denmark, 18
  DO: '4!c20!n', // Dominican Republic, 28
  EE: '2!n14!n', // Estonia, 20
  EG: '4!n4!n17!n', // Egypt, 29
  ES: '4!n4!n1!n1!n10!n', // Spain, 24
  FI: '3!n11!n', // Finland, 18
  FK: '2!a12!n', // Falkland Islands, 18
  FO: '4!n9!n1!n', // Faroe Islands, 18
  FR: '5!n5!n11!c2!n', // France, 27
  GB: '4!a6!n8!n', // United Kingdom, 22
  GE: '2!a16!n', // Georgia, 22
  GI: '4!a15!c', // Gibraltar, 23
  GL: '4!n9!n1!n', // Greenland, 18
  GR: '3!n4!n16!c', // Greece, 27
  GT: '4!c20!c', // Guatemala, 28
  HN: '4!a20!n', // Honduras, 28
  HR: '7!n10!n', // Croatia, 21
  HU: '3!n4!n1!n15!n1!n', // Hungary, 28
  IE: '4!a6!n8!n', // Ireland, 22
  IL: '3!n3!n13!n', // Israel, 23
  IQ: '4!a3!n12!n', // Iraq, 23
  IS: '4!n2!n6!n10!n', // Iceland, 26
  IT: '1!a5!n5!n12!c', // Italy, 27
  JO: '4!a4!n18!c', // Jordan, 30
  KW: '4!a22!c', // Kuwait, 30
  KZ: '3!n13!c', // Kazakhstan, 20
  LB: '4!n20!c', // Lebanon, 28
  LC: '4!a24!c', // Saint Lucia, 32
  LI: '5!n12!c', // Liechtenstein, 21
  LT: '5!n11!n', // Lithuania, 20
  LU: '3!n13!c', // Luxembourg, 20
  LV: '4!a13!c', // Latvia, 21
  LY: '3!n3!n15!n', // Libya, 25
  MC: '5!n5!n11!c2!n', // Monaco, 27
  MD: '2!c18!c', // Moldova, 24
  ME: '3!n13!n2!n', // Montenegro, 22
  MK: '3!n10!c2!n', // North Macedonia, 19
  MN: '4!n12!n', // Mongolia, 20
  MR: '5!n5!n11!n2!n', // Mauritania, 27
  MT: '4!a5!n18!c', // Malta, 31
  MU: '4!a2!n2!n12!n3!n3!a', // Mauritius, 30
  NI: '4!a20!n', // Nicaragua, 28
  NL: '4!a10!n', // Netherlands, 18
  NO: '4!n6!n1!n', // Norway, 15
  OM: '3!n16!c', // Oman, 23
  PK: '4!a16!c', // Pakistan, 24
  PL: '8!n16!n', // Poland, 28
  PS: '4!a21!c', // Palestine, 29
  PT: '4!n4!n11!n2!n', // Portugal, 25
  QA: '4!a21!c', // Qatar, 29
  RO: '4!a16!c', // Romania, 24
  RS: '3!n13!n2!n', // Serbia, 22
  RU: '9!n5!n15!c', // Russia, 33
  SA: '2!n18!c', // Saudi Arabia, 24
  SC: '4!a2!n2!n16!n3!a', // Seychelles, 31
  SD: '2!n12!n', // Sudan, 18
  SE: '3!n16!n1!n', // Sweden, 24
  SI: '5!n8!n2!n', // Slovenia, 19
  SK: '4!n6!n10!n', // Slovakia, 24
  SM: '1!a5!n5!n12!c', // San Marino, 27
  SO: '4!n3!n12!n', // Somalia, 23
  ST: '4!n4!n11!n2!n', // Sao Tome and Principe, 25
  SV: '4!a20!n', // El Salvador, 28
  TL: '3!n14!n2!n', // Timor-Leste, 23
  TN: '2!n3!n13!n2!n', // Tunisia, 24
  TR: '5!n1!n16!c', // Turkey, 26
  UA: '6!n19!c', // Ukraine, 29
  VA: '3!n15!n', // Vatican City, 22
  VG: '4!a16!n', // British Virgin Islands, 24
  XK: '4!n10!n2!n', // Kosovo, 20
  YE: '4!a4!n18!c', // Yemen, 30
};

/** Per country: the class of every BBAN position ('n', 'a' or 'c'). */
const BBAN_CLASSES: ReadonlyMap<string, string> = new Map(
  Object.entries(BBAN_STRUCTURE).map(([cc, structure]) => {
    let classes = '';
    for (const [, count, cls] of structure.matchAll(/(\d+)!([nac])/g)) classes += cls!.repeat(Number(count));
    return [cc, classes];
  }),
);

/** IBAN length of a country (country code and check digits included), or undefined. */
/** The BBAN structure of a country ('n' digit, 'a' letter, 'c' either), or undefined. */
export function bbanClasses(country: string): string | undefined {
  return BBAN_CLASSES.get(country.toUpperCase());
}

export function ibanLength(country: string): number | undefined {
  const classes = BBAN_CLASSES.get(country);
  return classes === undefined ? undefined : classes.length + 4;
}

/** Validates an IBAN given upper case without spaces: registry length, BBAN structure, mod 97. */
export function isValidIban(iban: string): boolean {
  const classes = BBAN_CLASSES.get(iban.slice(0, 2));
  if (classes === undefined || iban.length !== classes.length + 4) return false;
  if (!isDigit(iban.charCodeAt(2)) || !isDigit(iban.charCodeAt(3))) return false;
  for (let i = 0; i < classes.length; i++) {
    const c = iban.charCodeAt(i + 4);
    const cls = classes[i];
    if (cls === 'n' ? !isDigit(c) : cls === 'a' ? !isUpper(c) : !isDigit(c) && !isUpper(c)) return false;
  }
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

const IBAN_VOCAB = vocabulary({
  prefix: [
    'iban',
    'bank',
    'account',
    'acct',
    'transfer',
    'sepa',
    'swift',
    'wire',
    'remit',
    'refund',
    'payee',
  ],
  exact: ['bic'],
});

/**
 * The cheap gate and candidate in one linear pass: two letters and two digits at a word start,
 * then up to 30 alphanumerics, each optionally after one space or dash. Every repetition consumes one
 * alphanumeric, so a match has one decomposition and cannot backtrack more than its own length.
 */
const CANDIDATE_RE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}/g;

export const ibanRecognizer: Recognizer = {
  name: 'iban',
  types: ['IBAN_CODE'],
  analyze(view: TextView, out: Finding[]): void {
    if (!view.hasDigit) return;
    const text = view.text;
    // One module-level regex: analyze() is synchronous, so its lastIndex is never shared mid-run.
    const re = CANDIDATE_RE;
    re.lastIndex = 0;
    let m = re.exec(text);
    while (m !== null) {
      const found = readIban(text, m.index, m.index + m[0].length);
      if (found) {
        const score = near(view, found.start, found.end, IBAN_VOCAB, 80, 40) ? 0.99 : 0.9;
        out.push({
          type: 'IBAN_CODE',
          start: found.start,
          end: found.end,
          score,
          recognizer: this.name,
          normalized: found.iban,
        });
        re.lastIndex = found.end;
      } else {
        // An IBAN may start after this candidate's first group ("ref AB12 GB82 WEST ...").
        re.lastIndex = m.index + 4;
      }
      m = re.exec(text);
    }
  },
};

/** Reads the IBAN starting at `start` from a regex candidate that may run on into the next words. */
function readIban(
  text: string,
  start: number,
  limit: number,
): { start: number; end: number; iban: string } | null {
  const country = text.slice(start, start + 2).toUpperCase();
  const length = ibanLength(country);
  if (length === undefined) return null;
  let iban = '';
  let spaced: boolean | undefined;
  // The separator of the groups: a space (print format) or, as some people type it, a dash.
  let sep = 0;
  let i = start;
  while (i < limit && iban.length < length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 45) {
      // A separator after every fourth character, always the same one, and either always or never.
      if (iban.length % 4 !== 0 || spaced === false || (sep !== 0 && c !== sep)) return null;
      spaced = true;
      sep = c;
      i++;
      continue;
    }
    if (iban.length > 0 && iban.length % 4 === 0 && spaced === undefined) spaced = false;
    else if (iban.length > 0 && iban.length % 4 === 0 && spaced === true && text.charCodeAt(i - 1) !== sep)
      return null;
    iban += text[i]!.toUpperCase();
    i++;
  }
  if (iban.length !== length) return null;
  // The value must end here: "GB82WEST123456987654321" is not a 22-character GB IBAN.
  if (i < text.length && isAsciiAlnumCode(text.charCodeAt(i))) return null;
  return isValidIban(iban) ? { start, end: i, iban } : null;
}
