/**
 * Phone number classification on libphonenumber-js's full ("max") metadata, with the library's
 * own rules (national prefix stripping, the country among those sharing a calling code, number
 * types) but compiled regular expressions kept between calls.
 *
 * Why not `parsePhoneNumberFromString` alone: the library builds a new RegExp from the metadata's
 * pattern text for every check, so one GB number costs 50-100 us (ten number types of four
 * countries share +44). The engine classifies every 7-15 digit span of every message; with the
 * patterns compiled once the same answer costs a few microseconds. Regions whose national prefix
 * rules rewrite digits (transform rules, carrier codes) go to the library itself.
 *
 * The equivalence with the library is checked by test/detect/identity.test.ts on generated numbers.
 */
import { type CountryCode, Metadata, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export interface PhoneClass {
  /** E.164, "+" and digits. */
  e164: string;
  /** Length fits the numbering plan (libphonenumber's `isPossible()`). */
  possible: boolean;
  /** A number type of the country matches (libphonenumber's `isValid()`). */
  valid: boolean;
  /** The national significant number matches the plan's general pattern. */
  plausible: boolean;
}

/** The parts of the numbering plan object used here (some are missing from the typings). */
interface Plan {
  callingCode(): string;
  IDDPrefix(): string | undefined;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefix(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  leadingDigits(): string | undefined;
  hasTypes(): boolean;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

interface MetadataApi {
  selectNumberingPlan(countryOrCallingCode: string): void;
  numberingPlan?: unknown;
  hasCallingCode(code: string): boolean;
  getCountryCodesForCallingCode(code: string): string[] | undefined;
}

const NON_FIXED_LINE_TYPES = [
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const;

const metadata = new Metadata() as unknown as MetadataApi;
const plans = new Map<string, Plan>();

function plan(countryOrCallingCode: string): Plan {
  let p = plans.get(countryOrCallingCode);
  if (!p) {
    metadata.selectNumberingPlan(countryOrCallingCode);
    p = metadata.numberingPlan as Plan;
    plans.set(countryOrCallingCode, p);
  }
  return p;
}

/**
 * Compiled patterns by source. The sources are the metadata's own (alternations of bounded digit
 * classes) applied to at most 17 digits, so each test is cheap and linear.
 */
const whole = new Map<string, RegExp>();
const prefix = new Map<string, RegExp>();

function matchesEntirely(text: string, pattern: string): boolean {
  let re = whole.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`);
    whole.set(pattern, re);
  }
  return re.test(text);
}

function prefixMatch(text: string, pattern: string): RegExpExecArray | null {
  let re = prefix.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})`);
    prefix.set(pattern, re);
  }
  return re.exec(text);
}

function typeMatches(nsn: string, p: Plan, name: string): boolean {
  const t = p.type(name);
  if (!t?.pattern()) return false;
  const lengths = t.possibleLengths();
  if (lengths && lengths.indexOf(nsn.length) < 0) return false;
  return matchesEntirely(nsn, t.pattern());
}

/** libphonenumber's getNumberType() !== undefined. */
function hasNumberType(nsn: string, p: Plan): boolean {
  if (!matchesEntirely(nsn, p.nationalNumberPattern())) return false;
  if (typeMatches(nsn, p, 'FIXED_LINE')) return true;
  for (const t of NON_FIXED_LINE_TYPES) if (typeMatches(nsn, p, t)) return true;
  return false;
}

/** libphonenumber's checkNumberLength() for the selected plan. */
function lengthCheck(nsn: string, p: Plan): 'IS_POSSIBLE' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH' {
  const lengths = p.possibleLengths();
  if (!lengths) return 'IS_POSSIBLE';
  const n = nsn.length;
  if (lengths[0] === n) return 'IS_POSSIBLE';
  if (lengths[0]! > n) return 'TOO_SHORT';
  if (lengths[lengths.length - 1]! < n) return 'TOO_LONG';
  return lengths.indexOf(n, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

/** libphonenumber's getCountryByCallingCode(). */
function countryFor(callingCode: string, nsn: string): string | undefined {
  const countries = metadata.getCountryCodesForCallingCode(callingCode);
  if (!countries) return undefined;
  if (countries.length === 1) return countries[0];
  for (const country of countries) {
    const p = plan(country);
    const leading = p.leadingDigits();
    if (leading) {
      if (prefixMatch(nsn, leading)) return country;
    } else if (hasNumberType(nsn, p)) {
      return country;
    }
  }
  return undefined;
}

/** True when the plan's national prefix rules only strip digits (no rewriting). */
function simplePrefix(p: Plan): boolean {
  return !p.nationalPrefixTransformRule();
}

/** libphonenumber's extractNationalNumber(). */
function nationalNumber(digits: string, p: Plan): string {
  const npfp = p.nationalPrefixForParsing();
  if (!npfp) return digits;
  const m = prefixMatch(digits, npfp);
  if (!m) return digits;
  const nsn = digits.slice(m[0].length);
  if (nsn === digits) return digits;
  const general = p.nationalNumberPattern();
  if (matchesEntirely(digits, general) && !matchesEntirely(nsn, general)) return digits;
  if (p.possibleLengths()) {
    const country = countryFor(p.callingCode(), nsn);
    const check = lengthCheck(nsn, country ? plan(country) : p);
    if (check === 'TOO_SHORT' || check === 'INVALID_LENGTH') return digits;
  }
  return nsn;
}

function classify(callingCode: string, fallbackCountry: string | undefined, nsn: string): PhoneClass {
  const country = countryFor(callingCode, nsn) ?? fallbackCountry;
  const p = plan(country ?? callingCode);
  const valid = p.hasTypes() ? hasNumberType(nsn, p) : matchesEntirely(nsn, p.nationalNumberPattern());
  return {
    e164: `+${callingCode}${nsn}`,
    possible: lengthCheck(nsn, p) === 'IS_POSSIBLE',
    valid,
    plausible: matchesEntirely(nsn, p.nationalNumberPattern()),
  };
}

function viaLibrary(input: string, region: CountryCode | undefined): PhoneClass | null {
  const n = parsePhoneNumberFromString(input, region);
  if (!n) return null;
  return {
    e164: n.number,
    possible: n.isPossible(),
    valid: n.isValid(),
    plausible: n.isPossible(),
  };
}

/** A national number (digits as written, trunk prefix included) in `region`. */
export function classifyNational(digits: string, region: CountryCode): PhoneClass | null {
  const p = plan(region);
  if (!simplePrefix(p)) return viaLibrary(digits, region);
  // libphonenumber's stripIddPrefix(): "011 44 ..." dialled from the US is international.
  const idd = p.IDDPrefix();
  const iddMatch = idd ? prefixMatch(digits, idd) : null;
  if (iddMatch && iddMatch[0].length > 0) {
    const rest = digits.slice(iddMatch[0].length);
    if (rest.charCodeAt(0) !== 48) return classifyInternational(rest);
  }
  // extractCountryCallingCodeFromInternationalNumberWithoutPlusSign(): "44 20 ..." in GB.
  const cc = p.callingCode();
  if (digits.startsWith(cc)) {
    const shorter = digits.slice(cc.length);
    const general = p.nationalNumberPattern();
    const nsnShorter = nationalNumber(shorter, p);
    const nsnWhole = nationalNumber(digits, p);
    if (
      (!matchesEntirely(nsnWhole, general) && matchesEntirely(nsnShorter, general)) ||
      lengthCheck(nsnWhole, p) === 'TOO_LONG'
    ) {
      return classify(cc, undefined, nationalNumber(shorter, plan(cc)));
    }
  }
  return classify(cc, region, nationalNumber(digits, p));
}

/** An international number: the digits after "+" or "00". */
export function classifyInternational(digits: string): PhoneClass | null {
  if (digits.charCodeAt(0) === 48) return null;
  for (let i = 1; i <= 3 && i < digits.length; i++) {
    const cc = digits.slice(0, i);
    if (!metadata.hasCallingCode(cc)) continue;
    const countries = metadata.getCountryCodesForCallingCode(cc);
    // Non-geographic codes (satellite, international freephone) have no country plan here.
    if (!countries) return viaLibrary(`+${digits}`, undefined);
    const p = plan(cc);
    if (!simplePrefix(p)) return viaLibrary(`+${digits}`, undefined);
    return classify(cc, undefined, nationalNumber(digits.slice(i), p));
  }
  return null;
}

/** Trunk prefix of national numbers in `region` ("0" in GB and IE, "1" in the US), or "". */
export function trunkPrefix(region: CountryCode): string {
  const np: unknown = plan(region).nationalPrefix();
  return typeof np === 'string' ? np : '';
}

/** Lengths a national significant number may have in `region`. */
export function possibleLengths(region: CountryCode): readonly number[] {
  return plan(region).possibleLengths() ?? [];
}
