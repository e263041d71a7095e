/**
 * PHONE_NUMBER: telephone numbers, typed ("+44 7700 900123", "(415) 555-0123", "0044 20 7946
 * 0123") or spoken ("oh seven seven hundred nine hundred one two three", "plus four four ...").
 *
 * Candidates are the shared number spans, cut at breaks no phone number contains (":" of times,
 * "/" of dates, a typed comma or semicolon, a sentence end). A piece with 7-15 digits is
 * classified with libphonenumber-js's full ("max") metadata, which the possible/valid checks need
 * (see phone-metadata.ts for why not with its parse function): as an international number when
 * "+", "00" or the word "plus" leads it, otherwise in each region of `options.phoneRegions` in
 * turn. Classification is the costliest step of this recognizer, so it runs only on such pieces,
 * and not at all on lengths a region never uses, on pieces that a label calls something else
 * ("order 12345678") or that are dates, IP addresses, decimals or card numbers.
 *
 * `isValid()` is not required: the fictional ranges used in drama and documentation (Ofcom 07700
 * 900xxx, US 555-01xx) are only "possible", and a customer's real number may be in a range the
 * metadata does not know yet. Scores: valid with context 0.95, valid 0.85, possible with context
 * 0.85, possible and written the way phone numbers are written (+CC, parentheses, 3-3-4, 4-3-4,
 * 5-6 ...) 0.6; anything else is not reported. Context is a phone word near the number, or an
 * email signature: the number alone on its line below a sign-off ("Thanks,\nJane\n07700900123").
 * An area code said apart ("area code 212, 555-0198") joins the seven digits after it.
 * `normalized` is E.164 (the seven digits for a US local number without area code, which has no
 * E.164 form).
 */
import { type CountryCode, isSupportedCountry } from 'libphonenumber-js/max';
import { luhnValid } from '../checksums.js';
import { NON_CARD_LABELS } from '../context-words.js';
import { type NumberSpan, type NumberToken, UNITS } from '../numbers.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import {
  classifyInternational,
  classifyNational,
  type PhoneClass,
  possibleLengths,
  trunkPrefix,
} from './phone-metadata.js';

/** Words that say a number is a phone number. "tel" is listed with its punctuation: "tell" is not. */
export const PHONE_CONTEXT = [
  'phone',
  'call',
  'mobile',
  'mob:',
  'mob.',
  'cell',
  'reach me',
  'reach us',
  'reach you',
  'landline',
  'land line',
  'tel:',
  'tel.',
  'tel ',
  'tel#',
  'telephone',
  'contact',
  'text me',
  'ring me',
  'ring you',
  'ring us',
  'whatsapp',
  'fax',
  'dial',
  'extension',
  'ph:',
  'ph.',
  // Signature labels: "Direct: 020 7946 0123", "DD: ...", "Direct line ...".
  'direct:',
  'direct line',
  'direct dial',
  'dd:',
] as const;

/** "number" is phone context unless a label says which number ("account number", "order number"). */
const WEAK_CONTEXT = ['number', 'no.', 'nr.', '#'] as const;

/** Labels of numbers that are not phone numbers. */
const NON_PHONE_LABELS = [
  ...NON_CARD_LABELS,
  'account',
  'acct',
  'a/c',
  'routing',
  'sort code',
  'iban',
  'ssn',
  'social security',
  'card',
  'policy',
  'member',
  'customer id',
  'customer number',
  'id number',
  'pps',
  'national insurance',
  'vat',
  'tax',
  'employee',
  'licen',
  'passport',
  'amount',
  'total',
  'balance',
] as const;

const SCORE_VALID_CONTEXT = 0.95;
const SCORE_VALID = 0.85;
const SCORE_POSSIBLE_CONTEXT = 0.85;
const SCORE_POSSIBLE_SHAPED = 0.6;

/** Characters before a number searched for a label such as "order" or "account". */
const LABEL_WINDOW = 25;
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
/** Parse attempts on one long spoken run (a number among other spoken digits). */
const MAX_WINDOW_TRIES = 24;

/** Group sizes of national numbers as people write them in the US, the UK and Ireland. */
const SHAPES = new Set([
  '3-3-4', // (415) 555-0123, 087 123 4567
  '1-3-3-4', // 1-800-555-0199
  '4-3-4', // 0161 496 0123, 0800 123 4567
  '3-4-4', // 020 7946 0123
  '5-6', // 07700 900123
  '5-3-3', // 07700 900 123
  '4-3-3', // 0191 498 012
  '2-3-4', // 01 234 5678
  '2-4-4', // 20 7946 0123
  '3-7', // 087 1234567
  '4-7', // 0161 4960123
  '5-5', // 01632 96012
  '3-3-3', // 087 123 456
]);

// --- regions -------------------------------------------------------------------------------------

interface RegionPlan {
  region: CountryCode;
  /** Trunk prefix of national numbers ("0" in GB and IE, "1" in the US), or "". */
  trunk: string;
  /** Lengths a national significant number may have. */
  lengths: ReadonlySet<number>;
}

const plans = new Map<string, RegionPlan | null>();

function planOf(code: string): RegionPlan | null {
  let plan = plans.get(code);
  if (plan === undefined) {
    const region = code.toUpperCase();
    plan = isSupportedCountry(region)
      ? { region, trunk: trunkPrefix(region), lengths: new Set(possibleLengths(region)) }
      : null;
    plans.set(code, plan);
  }
  return plan;
}

const regionCache = new Map<readonly string[], RegionPlan[]>();

function regionPlans(regions: readonly string[]): RegionPlan[] {
  let list = regionCache.get(regions);
  if (!list) {
    list = regions.map(planOf).filter((p): p is RegionPlan => p !== null);
    if (regionCache.size > 64) regionCache.clear();
    regionCache.set(regions, list);
  }
  return list;
}

interface Parsed {
  e164: string;
  valid: boolean;
}

/**
 * "Possible" in libphonenumber only checks the length; the region's number pattern must match
 * too, which rules out what no number there looks like (a US number starting with 0).
 */
function accept(c: PhoneClass | null): Parsed | null {
  if (!c?.possible) return null;
  if (c.valid) return { e164: c.e164, valid: true };
  return c.plausible ? { e164: c.e164, valid: false } : null;
}

function parseDigits(digits: string, international: boolean, plans: readonly RegionPlan[]): Parsed | null {
  if (international) return accept(classifyInternational(digits));
  let possible: Parsed | null = null;
  for (const plan of plans) {
    // National numbers in GB and IE are written with their trunk "0"; without it, nine digits
    // such as "123456789" would be a Dublin number. A length the region never uses is skipped.
    const withTrunk = plan.trunk !== '' && digits.startsWith(plan.trunk);
    if (plan.trunk === '0' && !withTrunk) continue;
    if (
      !plan.lengths.has(digits.length) &&
      !(withTrunk && plan.lengths.has(digits.length - plan.trunk.length))
    )
      continue;
    const p = accept(classifyNational(digits, plan.region));
    if (!p) continue;
    if (p.valid) return p;
    possible ??= p;
  }
  return possible;
}

// --- candidates ------------------------------------------------------------------------------------

/**
 * Marks the junction of two turns when the analyzer joins them to find a value split across turns
 * (numbers.ts TURN_JUNCTION): the speaker paused there, any separator may stand around it.
 */
const TURN_JUNCTION = '\u2063';

/** A break inside a span that no phone number contains. */
function hardBreak(prev: NumberToken, t: NumberToken): boolean {
  const g = t.gapBefore;
  if (g.length === 0) return false;
  if (g.indexOf(TURN_JUNCTION) !== -1) return false;
  if (g.indexOf(':') !== -1 || g.indexOf('/') !== -1 || g.indexOf(';') !== -1) return true;
  const dot = g.indexOf('.');
  if (dot !== -1 && dot < g.length - 1) return true; // "... 2019. 0770 ...": a sentence ends
  if (!prev.spoken && !t.spoken) {
    if (g.indexOf(',') !== -1) return true; // typed lists and thousands separators
    if (g.length > 3) return true;
  }
  return false;
}

interface Candidate {
  span: NumberSpan;
  from: number;
  to: number;
}

function sizes(span: NumberSpan, from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k <= to; k++) out.push(span.tokens[k]!.digitEnd - span.tokens[k]!.digitStart);
  return out;
}

/** Typed forms that are something else: dates, IPv4 addresses, decimals, SSNs. */
function otherShape(span: NumberSpan, from: number, to: number): boolean {
  const tokens = span.tokens;
  const n = to - from + 1;
  const s = sizes(span, from, to);
  const gaps: string[] = [];
  for (let k = from + 1; k <= to; k++) gaps.push(tokens[k]!.gapBefore.trim());
  const allSep = (sep: string): boolean => gaps.every((g) => g === sep);
  if (n === 2 && allSep('.')) return true; // 1234.5678
  if (n === 4 && allSep('.') && s.every((x) => x <= 3)) return true; // 192.168.1.10
  if (n === 3 && (allSep('-') || allSep('.'))) {
    if (s[0] === 4 && s[1]! <= 2 && s[2]! <= 2) return true; // 2026-11-29
    if (s[0]! <= 2 && s[1]! <= 2 && s[2] === 4) return true; // 29.11.2026
    if (s[0] === 3 && s[1] === 2 && s[2] === 4) return true; // 123-45-6789 (SSN)
  }
  return false;
}

interface Lead {
  start: number;
  plus: boolean;
  paren: boolean;
  blocked: boolean;
}

/** What stands before a candidate: "+", "(", the word "plus", a currency sign or "#". */
function leadOf(view: TextView, start: number): Lead {
  const text = view.text;
  let p = start;
  let paren = false;
  if (text[p - 1] === '(') {
    p--;
    paren = true;
  }
  let q = p;
  while (q > 0 && q > p - 2 && text[q - 1] === ' ') q--;
  const c = text[q - 1];
  if (c === '+' || c === '\uff0b') return { start: q - 1, plus: true, paren, blocked: false };
  if (c === '$' || c === '\u00a3' || c === '\u20ac' || c === '\u00a5' || c === '#') {
    return { start: p, plus: false, paren, blocked: true };
  }
  // Spoken: "plus four four seven seven ..."
  if (q >= 4 && view.lower.startsWith('plus', q - 4) && (q === 4 || !/[a-z]/i.test(text[q - 5]!))) {
    return { start: q - 4, plus: true, paren, blocked: false };
  }
  return { start: p, plus: false, paren, blocked: false };
}

/**
 * "call me at 555-0123": a North American number without its area code is still a phone number
 * when the text says so. libphonenumber has no E.164 form for it, so `normalized` is the seven
 * digits. Exchange codes start with 2-9.
 */
function localNanp(digits: string, international: boolean, plans: readonly RegionPlan[]): Parsed | null {
  if (international || digits.length !== 7 || digits.charCodeAt(0) < 50) return null;
  if (!plans.some((p) => p.region === 'US' || p.region === 'CA')) return null;
  return { e164: digits, valid: false };
}

/** A sign-off line ("Regards,", "Many thanks", "Best wishes,"), quoted or not. */
const SIGNOFF_LINE_RE =
  /(?:^|\n)(?:> ?)*(?:(?:kind|best|warm|warmest)\s(?:regards|wishes)|regards|(?:many\s)?thanks|thank you|best|cheers|sincerely|yours sincerely|yours truly|all the best|take care)[,.!]?[ \t]*(?:\r?\n)/i;
/** How far above a number its signature's sign-off may stand. */
const SIGNATURE_WINDOW = 200;

/**
 * A number alone on its line in an email signature: below a sign-off ("Thanks,\nJane Doe\n07700
 * 900123"), with nothing else on its line but quote marks. Signatures carry phone numbers without
 * a label, and nothing else there is a bare run of phone length.
 */
function inSignature(view: TextView, start: number, end: number): boolean {
  const text = view.text;
  let a = start;
  while (a > 0 && (text[a - 1] === ' ' || text[a - 1] === '\t' || text[a - 1] === '>')) a--;
  if (a > 0 && text[a - 1] !== '\n') return false;
  let b = end;
  while (b < text.length && (text[b] === ' ' || text[b] === '\t' || text[b] === '\r')) b++;
  if (b < text.length && text[b] !== '\n') return false;
  return a > 0 && SIGNOFF_LINE_RE.test(text.slice(Math.max(0, a - SIGNATURE_WINDOW), a));
}

/** Scores one candidate; pushes a finding and returns true when it is a phone number. */
function evaluate(view: TextView, out: Finding[], c: Candidate, regions: readonly RegionPlan[]): boolean {
  const { span, from, to } = c;
  const tokens = span.tokens;
  const first = tokens[from]!;
  const last = tokens[to]!;
  let digits = span.digits.slice(first.digitStart, last.digitEnd);
  let spoken = false;
  for (let k = from; k <= to; k++) if (tokens[k]!.spoken) spoken = true;
  const lead = leadOf(view, first.start);
  if (lead.blocked) return false;
  const text = view.text;
  const after = text[last.end];
  if (after === '%' || after === '\u00b0') return false;
  if (!spoken && otherShape(span, from, to)) return false;
  let international = lead.plus;
  // A leading "+" (or the spoken word "plus") is written only before phone numbers.
  let shaped = lead.plus;
  if (!international && digits.startsWith('00') && digits.length >= MIN_DIGITS + 2) {
    international = true;
    shaped = !spoken;
    digits = digits.slice(2);
  }
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return false;
  // A 13-15 digit run that passes Luhn is a card number (the card recognizer's business).
  if (!international && digits.length >= 13 && luhnValid(digits)) return false;
  let paren = lead.paren;
  for (let k = from + 1; k <= to && !paren; k++) {
    const g = tokens[k]!.gapBefore;
    if (g.indexOf('(') !== -1 || g.indexOf(')') !== -1) paren = true;
  }
  if (!spoken && !shaped) shaped = paren || SHAPES.has(sizes(span, from, to).join('-'));
  const start = lead.start;
  const end = last.end;
  // A number labelled as something else ("order number 12345678") is not parsed at all, even in a
  // conversation about calls, unless a phone word is as close ("account phone number ...").
  if (
    view.hasContextBefore(start, NON_PHONE_LABELS, LABEL_WINDOW) &&
    !view.hasContextBefore(start, PHONE_CONTEXT, LABEL_WINDOW)
  ) {
    return false;
  }
  const strong = view.hasContext(start, end, PHONE_CONTEXT, 60, 30);
  const context =
    strong || view.hasContext(start, end, WEAK_CONTEXT, 40, 10) || (!spoken && inSignature(view, start, end));
  const parsed =
    parseDigits(digits, international, regions) ??
    (context ? localNanp(digits, international, regions) : null);
  if (!parsed) return false;
  let score = 0;
  if (parsed.valid) score = context ? SCORE_VALID_CONTEXT : SCORE_VALID;
  else if (context) score = SCORE_POSSIBLE_CONTEXT;
  else if (shaped) score = SCORE_POSSIBLE_SHAPED;
  if (score === 0) return false;
  const area = parsed.e164.length === 7 ? areaCodeBefore(view, start) : null;
  out.push({
    type: 'PHONE_NUMBER',
    start: area ? area.start : start,
    end,
    score,
    recognizer: 'phone',
    spoken,
    normalized: area ? `+1${area.digits}${parsed.e164}` : parsed.e164,
  });
  return true;
}

/**
 * "area code 212, 555-0198", "area code two one two then five five five oh one nine eight": the
 * area code said apart from the seven digits, which the break between them leaves out of the
 * number. Digits typed or spoken one by one.
 */
const AREA_CODE_RE =
  /area\s{1,3}code\s{0,3}(?:is\s{1,3}|:\s{0,3})?(\d{3}|(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\s{1,3}){2}(?:zero|oh|one|two|three|four|five|six|seven|eight|nine))\s{0,3}[,.-]?\s{0,3}(?:(?:then|and|dash)\s{1,3})?$/;

/** The area code said right before a seven-digit local number, or null. */
function areaCodeBefore(view: TextView, start: number): { start: number; digits: string } | null {
  const from = Math.max(0, start - 64);
  const before = view.lower.slice(from, start);
  if (before.indexOf('area') === -1) return null;
  const m = AREA_CODE_RE.exec(before);
  if (!m) return null;
  const said = m[1]!;
  const digits = /^\d/.test(said)
    ? said
    : said
        .split(/\s+/)
        .map((w) => UNITS[w])
        .join('');
  // Area codes start with 2-9 (NANP).
  if (digits.charCodeAt(0) < 50) return null;
  return { start: from + m.index + m[0].indexOf(said), digits };
}

/** A long spoken run: try windows of whole tokens, longest first, a bounded number of times. */
function windows(
  view: TextView,
  out: Finding[],
  span: NumberSpan,
  a: number,
  b: number,
  regions: readonly RegionPlan[],
): void {
  const all = span.digits.slice(span.tokens[a]!.digitStart, span.tokens[b]!.digitEnd);
  if (all.length <= 19 && luhnValid(all)) return; // a spoken card number
  const first = span.tokens[a]!;
  if (!view.hasContext(first.start, span.tokens[b]!.end, PHONE_CONTEXT, 60, 30)) return;
  let tries = 0;
  let i = a;
  while (i <= b && tries < MAX_WINDOW_TRIES) {
    let found = -1;
    const from = span.tokens[i]!.digitStart;
    let j = i;
    while (j <= b && span.tokens[j]!.digitEnd - from <= MAX_DIGITS) j++;
    for (let k = j - 1; k >= i && tries < MAX_WINDOW_TRIES; k--) {
      if (span.tokens[k]!.digitEnd - from < MIN_DIGITS) break;
      tries++;
      if (evaluate(view, out, { span, from: i, to: k }, regions)) {
        found = k;
        break;
      }
    }
    i = found >= 0 ? found + 1 : i + 1;
  }
}

export const phoneRecognizer: Recognizer = {
  name: 'phone',
  types: ['PHONE_NUMBER'],
  analyze(view: TextView, out: Finding[]): void {
    let regions: RegionPlan[] | undefined;
    for (const span of view.numberSpans) {
      if (span.digits.length < MIN_DIGITS) continue;
      const tokens = span.tokens;
      let a = 0;
      for (let k = 1; k <= tokens.length; k++) {
        if (k < tokens.length && !hardBreak(tokens[k - 1]!, tokens[k]!)) continue;
        const b = k - 1;
        const n = tokens[b]!.digitEnd - tokens[a]!.digitStart;
        if (n >= MIN_DIGITS) {
          regions ??= regionPlans(view.options.phoneRegions);
          const fits =
            n <= MAX_DIGITS || (n <= MAX_DIGITS + 2 && span.digits.startsWith('00', tokens[a]!.digitStart));
          const found = fits && evaluate(view, out, { span, from: a, to: b }, regions);
          // Speech runs numbers together ("yes, one, oh seven seven ..."): look inside a spoken run.
          if (!found && span.spoken && n > MIN_DIGITS) windows(view, out, span, a, b, regions);
        }
        a = k;
      }
    }
  },
};
