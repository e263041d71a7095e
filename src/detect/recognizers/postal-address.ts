/**
 * POSTAL_ADDRESS: street addresses and postal codes of the US, the UK and Ireland, typed or spoken.
 *
 * - Street lines: a house number (typed "221B", or spoken "twenty two" through number spans), one to
 *   four name words and a street suffix ("Baker Street", "Main St.", "Abbey Way"), then an optional
 *   unit ("Apt 4B", "#12"). A UK/Irish unit before the number ("Flat 3, 14 High Street") belongs to it.
 * - The rest of the address as written after it: town, US state, ZIP, UK postcode, Eircode, county,
 *   country, across commas and line breaks. One address is one finding.
 * - Postal codes on their own: UK postcodes (official format rules and the list of postcode areas)
 *   and Eircodes (routing key + four characters of the Eircode alphabet), with the street or house
 *   name written before them on the same line. A ZIP code alone only counts after a state or a
 *   word such as "zip code" (also in the turn before); a P.O. box with its number.
 * - Spoken forms: house numbers and ZIP codes in words through the number spans, postcodes and
 *   Eircodes spelled after their label ("my postcode is s w one a, two a a").
 *
 * Scores: street + suffix + ZIP/postcode 0.95, + state or county 0.9, street + suffix 0.85; a
 * postcode or Eircode alone 0.85 in upper case, 0.95 near "postcode"/"address"/"live at"; a lower
 * case one only with such context; a ZIP with context 0.9. A suffix that is also an everyday word
 * ("way", "park", "drive") needs a capitalised street name or address context.
 *
 * Speed: typed candidates come from one digit regex, so text without digits costs one test; spoken
 * house numbers come from the number spans the digit recognizers share (when none has built them,
 * a street-word gate decides whether to); the labelled readers (P.O. box, spoken ZIP, spelled
 * codes) start behind one pre-test. Each candidate then reads a few words.
 */
import { isAlnum, isDigit, isLetter, isUpper, skipSpaces, skipSpacesBack } from '../chars.js';
import { NON_CARD_LABELS } from '../context-words.js';
import { digitRange, type NumberSpan } from '../numbers.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import {
  ABBREVIATED_SUFFIXES,
  ADDRESS_CONTEXT,
  CODE_LABELS,
  COUNTRY_NAMES,
  DIRECTIONALS,
  EIRCODE_ROUTING_KEYS,
  IRISH_COUNTIES,
  MEASURE_WORDS,
  NOT_STREET_NAME,
  PLACE_PARTICLES,
  PLACE_WORDS,
  POSTAL_CODE_CONTEXT,
  QUANTITY_WORDS,
  STANDALONE_STREETS,
  STRONG_STREET_SUFFIXES,
  UK_POSTCODE_AREAS,
  UNIT_WORDS,
  US_STATE_CODES,
  US_STATE_NAMES,
  WEAK_STREET_SUFFIXES,
  ZIP_CONTEXT,
} from './lexicon/addresses.js';
import { NOT_NAMES } from './lexicon/not-names.js';
import { letterOfWord, wordAfter } from './spoken-letters.js';

const SCORE_FULL = 0.95;
const SCORE_REGION = 0.9;
const SCORE_STREET = 0.85;
const SCORE_CODE = 0.85;
const SCORE_CODE_CONTEXT = 0.95;
const SCORE_ZIP_CONTEXT = 0.9;
/** Below the default minimum: kept for callers who lower `minScore`. */
const SCORE_WEAK = 0.4;

// ---------------------------------------------------------------------------------------------
// Characters and words

/** End of a word of letters (inner apostrophes, hyphens and dots allowed: "O'Connell", "St.Mary"). */
function wordEnd(text: string, i: number): number {
  if (!isLetter(text, i)) return i;
  let j = i + 1;
  while (j < text.length) {
    if (isLetter(text, j)) j++;
    else if ((text[j] === "'" || text[j] === '’' || text[j] === '-') && isLetter(text, j + 1)) j += 2;
    else break;
  }
  return j;
}

/** The word text[p, e) in lower case (most words already are: no second string then). */
function lowerWord(text: string, p: number, e: number): string {
  const w = text.slice(p, e);
  for (let k = p; k < e; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 65 && c <= 90) || c >= 0xc0) return w.toLowerCase();
  }
  return w;
}

/** End of a run of letters and digits starting at `i`. */
function alnumEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && isAlnum(text, j)) j++;
  return j;
}

/** "5th", "42nd", "101st": ordinal street names. */
function ordinalEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i < 3 && isDigit(text, j)) j++;
  if (j === i || j + 2 > text.length) return i;
  const suf = text.slice(j, j + 2).toLowerCase();
  if (suf !== 'st' && suf !== 'nd' && suf !== 'rd' && suf !== 'th') return i;
  return isAlnum(text, j + 2) ? i : j + 2;
}

/** Separators between parts of an address: spaces, one comma, one line break. */
function skipSeparators(text: string, i: number): number {
  let j = skipSpaces(text, i, 4);
  if (text[j] === ',') j = skipSpaces(text, j + 1, 4);
  if (text[j] === '\r') j++;
  if (text[j] === '\n') j = skipSpaces(text, j + 1, 8);
  return j;
}

// ---------------------------------------------------------------------------------------------
// Postal codes

interface Code {
  start: number;
  end: number;
  kind: 'uk' | 'ie' | 'zip';
  /** Written in capitals (a lower-case code needs context). */
  upper: boolean;
  /** Format-valid but not a routing key or area in use: needs context. */
  unlisted: boolean;
}

const OUTWARD_RE = /^([A-Z]{1,2})(\d)([A-Z\d]?)$/;
const INWARD_RE = /^\d[ABD-HJLNP-UW-Z]{2}$/;
const ROUTING_RE = /^(?:[ACDEFHKNPRTVWXY]\d\d|D6W)$/;
const UNIQUE_ID_RE = /^[ACDEFHKNPRTVWXY\d]{4}$/;

function ukOutwardValid(o: string): boolean {
  if (o === 'GIR') return true;
  const m = OUTWARD_RE.exec(o);
  if (!m) return false;
  const area = m[1]!;
  if (!UK_POSTCODE_AREAS.has(area)) return false;
  const third = m[3]!;
  if (third === '' || (third >= '0' && third <= '9')) return true;
  // A9A districts take ABCDEFGHJKPSTUW, AA9A districts ABEHMNPRVWXY (Royal Mail format rules).
  return area.length === 1 ? 'ABCDEFGHJKPSTUW'.includes(third) : 'ABEHMNPRVWXY'.includes(third);
}

function ukInwardValid(o: string, i: string): boolean {
  if (o === 'GIR') return i === '0AA';
  return INWARD_RE.test(i);
}

function eircodeParts(key: string, id: string): { ok: boolean; unlisted: boolean } {
  if (!ROUTING_RE.test(key) || !UNIQUE_ID_RE.test(id)) return { ok: false, unlisted: false };
  // A routing key not in use ("A10 TEXT") only counts where an Eircode is being given.
  return { ok: true, unlisted: !EIRCODE_ROUTING_KEYS.has(key) };
}

function allUpper(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

/** A UK postcode, an Eircode or a US ZIP starting exactly at `q` (a token start). */
function codeAt(text: string, q: number, allowZip: boolean): Code | null {
  if (q >= text.length || (q > 0 && isAlnum(text, q - 1))) return null;
  const e1 = alnumEnd(text, q);
  const n1 = e1 - q;
  if (n1 < 2 || n1 > 7) return null;
  if (isDigit(text, q)) {
    if (!allowZip || n1 !== 5) return null;
    for (let k = q; k < e1; k++) if (!isDigit(text, k)) return null;
    let end = e1;
    if (text[e1] === '-' && /^\d{4}$/.test(text.slice(e1 + 1, e1 + 5)) && !isAlnum(text, e1 + 5))
      end = e1 + 5;
    else if (text[e1] === '-' && isDigit(text, e1 + 1)) return null;
    return { start: q, end, kind: 'zip', upper: true, unlisted: false };
  }
  const t1 = text.slice(q, e1).toUpperCase();
  const upper = allUpper(text, q, e1);
  // Written without a space: "SW1A2AA", "A65F4E2".
  if (n1 >= 5 && n1 <= 7) {
    const out = t1.slice(0, n1 - 3);
    if (ukOutwardValid(out) && ukInwardValid(out, t1.slice(n1 - 3)))
      return { start: q, end: e1, kind: 'uk', upper, unlisted: false };
    if (n1 === 7) {
      const ie = eircodeParts(t1.slice(0, 3), t1.slice(3));
      // Written solid with a digits-only identifier it looks like any reference ("A676723").
      const solidDigits = /^\d{4}$/.test(t1.slice(3));
      if (ie.ok) return { start: q, end: e1, kind: 'ie', upper, unlisted: ie.unlisted || solidDigits };
    }
  }
  if (n1 > 4) return null;
  const s = skipSpaces(text, e1, 2);
  if (s === e1) return null;
  const e2 = alnumEnd(text, s);
  const t2 = text.slice(s, e2).toUpperCase();
  const up = upper && allUpper(text, s, e2);
  if (e2 - s === 3 && ukOutwardValid(t1) && ukInwardValid(t1, t2))
    return { start: q, end: e2, kind: 'uk', upper: up, unlisted: false };
  if (e2 - s === 4 && n1 === 3) {
    const ie = eircodeParts(t1, t2);
    if (ie.ok) return { start: q, end: e2, kind: 'ie', upper: up, unlisted: ie.unlisted };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Street lines

interface Street {
  start: number;
  end: number;
  /** Every street-name word and the suffix are capitalised. */
  capital: boolean;
  /** The suffix names nothing but a street ("Street", "Ave"). */
  strong: boolean;
}

function suffixKind(lw: string): 'strong' | 'weak' | null {
  if (STRONG_STREET_SUFFIXES.has(lw)) return 'strong';
  if (WEAK_STREET_SUFFIXES.has(lw)) return 'weak';
  return null;
}

/**
 * Reads "Main Street", "N Main St.", "5th Ave", "Abbey Way", "Broadway" from `pos` (after the
 * house number): one to four name words, then a suffix.
 */
function streetAfter(text: string, pos: number): Street | null {
  let p = pos;
  let capital = true;
  let names = 0;
  for (let k = 0; k < 5; k++) {
    let e = wordEnd(text, p);
    let isOrdinal = false;
    if (e === p) {
      e = ordinalEnd(text, p);
      if (e === p) return null;
      isOrdinal = true;
    }
    if (isDigit(text, e) || text[e] === '@' || text[e] === '_') return null;
    const lw = lowerWord(text, p, e);
    const cap = isOrdinal || isUpper(text, p);
    if (!isOrdinal && k === 0 && STANDALONE_STREETS.has(lw)) {
      return { start: pos, end: e, capital: cap, strong: true };
    }
    const kind = isOrdinal ? null : suffixKind(lw);
    if (kind && names > 0) {
      let end = e;
      if (text[end] === '.' && ABBREVIATED_SUFFIXES.has(lw)) end++;
      let strong = kind === 'strong';
      let suffixCap = cap;
      // "Hyde Park Road": a second suffix right after the first.
      const s = skipSpaces(text, end, 2);
      if (s > end) {
        const e2 = wordEnd(text, s);
        const lw2 = text.slice(s, e2).toLowerCase();
        const k2 = suffixKind(lw2);
        if (k2 && !isAlnum(text, e2)) {
          end = e2;
          if (text[end] === '.' && ABBREVIATED_SUFFIXES.has(lw2)) end++;
          strong = strong || k2 === 'strong';
          suffixCap = suffixCap && isUpper(text, s);
        }
      }
      return { start: pos, end, capital: capital && suffixCap, strong };
    }
    if (!cap) {
      if (NOT_STREET_NAME.has(lw)) return null;
      capital = false;
    }
    if (MEASURE_WORDS.has(lw)) return null; // "10 AM Drive time", "a 5 Minute Walk"
    names++;
    let q = e;
    if (text[q] === '.' && (DIRECTIONALS.has(lw) || lw === 'st' || lw === 'mt')) q++; // "N. Main", "St. Mary's"
    const s = skipSpaces(text, q, 2);
    if (s === q) return null;
    p = s;
  }
  return null;
}

/** After the suffix: a post-directional ("NW") and a unit ("Apt 4B", "Suite 200", "#12"). */
function streetExtras(text: string, pos: number, spoken?: readonly NumberSpan[]): number {
  let end = pos;
  let s = skipSpaces(text, end, 2);
  if (s > end) {
    const e = wordEnd(text, s);
    const w = text.slice(s, e);
    if (e - s <= 2 && DIRECTIONALS.has(w.toLowerCase()) && allUpper(text, s, e) && !isAlnum(text, e)) {
      end = text[e] === '.' ? e + 1 : e;
    }
  }
  s = skipSeparators(text, end);
  if (s === end) return end;
  const u = unitAt(text, s, spoken);
  return u > s ? u : end;
}

/** The spoken number span that starts at `pos`, if `spans` (a transcript's) has one. */
function spokenSpanAt(spans: readonly NumberSpan[] | undefined, pos: number): NumberSpan | undefined {
  if (!spans) return undefined;
  const span = spanStartingAt(spans, pos);
  return span?.spoken ? span : undefined;
}

/** "Apt 4B", "Apt. 4B", "Suite 200", "Flat 3", "#12", "Unit B": returns its end, or `s`. */
function unitAt(text: string, s: number, spoken?: readonly NumberSpan[]): number {
  let p = s;
  if (text[p] === '#') {
    p = skipSpaces(text, p + 1, 1);
  } else {
    const e = wordEnd(text, p);
    if (e === p || !UNIT_WORDS.has(text.slice(p, e).toLowerCase())) return s;
    p = e;
    if (text[p] === '.') p++;
    const q = skipSpaces(text, p, 2);
    if (q === p) return s;
    p = q;
    if (text[p] === '#') p = skipSpaces(text, p + 1, 1);
  }
  // "apartment five b", "suite twelve": the unit's number said in words, and a letter after it.
  const said = spokenSpanAt(spoken, p);
  if (said && said.digits.length <= 4) {
    const q = skipSpaces(text, said.end, 1);
    return q > said.end && isLetter(text, q) && !isLetter(text, q + 1) ? q + 1 : said.end;
  }
  const e = alnumEnd(text, p);
  const id = text.slice(p, e);
  if (e === p || id.length > 6) return s;
  if (!/\d/.test(id) && id.length > 1) return s;
  if (text[e] === '-' && isAlnum(text, e + 1))
    return alnumEnd(text, e + 1) - p > 8 ? s : alnumEnd(text, e + 1);
  return e;
}

/** "Flat 3, " / "Apartment 12 " written before the house number (UK and Irish style). */
function unitBefore(text: string, numStart: number): number {
  let p = skipSpacesBack(text, numStart, 2);
  if (text[p - 1] === ',') p = skipSpacesBack(text, p - 1, 2);
  if (p === numStart) return numStart;
  let q = p;
  while (q > 0 && p - q < 6 && isAlnum(text, q - 1)) q--;
  if (q === p || (q > 0 && isAlnum(text, q - 1))) return numStart;
  const id = text.slice(q, p);
  if (!/\d/.test(id) && id.length > 1) return numStart;
  let w = skipSpacesBack(text, q, 2);
  if (w === q) return numStart;
  if (text[w - 1] === '.') w--;
  let ws = w;
  while (ws > 0 && isLetter(text, ws - 1)) ws--;
  if (ws === w || !UNIT_WORDS.has(text.slice(ws, w).toLowerCase())) return numStart;
  if (ws > 0 && isAlnum(text, ws - 1)) return numStart;
  return ws;
}

// ---------------------------------------------------------------------------------------------
// What follows a street line: town, state, ZIP, postcode, Eircode, county, country

interface Tail {
  end: number;
  /** 0 nothing, 1 a town ending the line, 2 a state or county, 3 a postal code. */
  level: number;
}

/** A US state (code in capitals, or name) at `q`; returns its end or `q`. */
function stateAt(text: string, q: number, allowLower = false): number {
  const e = wordEnd(text, q);
  if (e === q) return q;
  if (e - q === 2 && US_STATE_CODES.has(text.slice(q, e)) && !isAlnum(text, e)) {
    return text[e] === '.' ? e + 1 : e;
  }
  if (!allowLower && !isUpper(text, q)) return q;
  const w = text.slice(q, e).toLowerCase();
  if (US_STATE_NAMES.has(w)) return e;
  // Two-word states: "New York", "North Carolina", "District of Columbia".
  const s = skipSpaces(text, e, 1);
  const e2 = wordEnd(text, s);
  if (e2 > s) {
    const two = `${w} ${text.slice(s, e2).toLowerCase()}`;
    if (US_STATE_NAMES.has(two)) return e2;
    const s3 = skipSpaces(text, e2, 1);
    const e3 = wordEnd(text, s3);
    if (e3 > s3 && US_STATE_NAMES.has(`${two} ${text.slice(s3, e3).toLowerCase()}`)) return e3;
  }
  return q;
}

/** "Co. Kildare", "County Cork": returns its end or `q`. */
function countyAt(text: string, q: number): number {
  const e = wordEnd(text, q);
  const w = text.slice(q, e).toLowerCase();
  if (w !== 'co' && w !== 'county') return q;
  let p = e;
  if (text[p] === '.') p++;
  const s = skipSpaces(text, p, 2);
  const e2 = wordEnd(text, s);
  if (e2 === s || !IRISH_COUNTIES.has(text.slice(s, e2).toLowerCase())) return q;
  return e2;
}

/** One to three town words ("Springfield", "Dun Laoghaire", "Dublin 8"); returns the end or `q`. */
function townAt(text: string, q: number): number {
  let p = q;
  let end = q;
  for (let k = 0; k < 3; k++) {
    const e = wordEnd(text, p);
    if (e === p || isDigit(text, e)) break;
    const lw = text.slice(p, e).toLowerCase();
    // "New York" and "Old Town" are towns; "new" and "old" in lower case are not.
    if (isUpper(text, p) ? notPlaceWord(lw) : NOT_STREET_NAME.has(lw) || NOT_NAMES.has(lw)) break;
    // A number word starts a spoken code, and a state ends the town: "springfield illinois six
    // two ...", "kansas city missouri".
    if (NUMBER_WORD_RE.test(lw)) break;
    if (k > 0 && stateAt(text, p, true) > p) break;
    end = e;
    // Dublin postal districts: "Dublin 8", "Dublin 6W".
    if (lw === 'dublin') {
      const s = skipSpaces(text, e, 1);
      const d = alnumEnd(text, s);
      if (s > e && d > s && /^(?:[1-9]|1\d|2[0-4]|6w)$/i.test(text.slice(s, d))) return d;
    }
    const s = skipSpaces(text, e, 1);
    if (s === e || !isLetter(text, s)) break;
    p = s;
  }
  return end;
}

function countryAt(text: string, q: number): number {
  const e = wordEnd(text, q);
  if (e === q) return q;
  let best = q;
  let p = q;
  let cur = '';
  for (let k = 0; k < 4; k++) {
    const we = wordEnd(text, p);
    if (we === p) break;
    cur = cur === '' ? text.slice(p, we) : `${cur} ${text.slice(p, we)}`;
    let end = we;
    while (text[end] === '.' && isLetter(text, end + 1)) end = wordEnd(text, end + 1);
    if (text[end] === '.') {
      const dotted = text.slice(q, end + 1).toLowerCase();
      if (COUNTRY_NAMES.has(dotted)) best = end + 1;
    }
    if (COUNTRY_NAMES.has(text.slice(q, end).toLowerCase()) && isUpper(text, q)) best = end;
    const s = skipSpaces(text, end, 1);
    if (s === end) break;
    p = s;
  }
  return best;
}

/** A ZIP code said as digits (five, or nine for ZIP+4) starting at `pos`. */
function spokenZipAt(spans: readonly NumberSpan[] | undefined, pos: number): NumberSpan | undefined {
  const span = spokenSpanAt(spans, pos);
  return span && (span.digits.length === 5 || span.digits.length === 9) ? span : undefined;
}

/** Reads what follows a street line, as far as it is clearly one address. */
function tailAfter(text: string, pos: number, spoken?: readonly NumberSpan[]): Tail {
  let best: Tail = { end: pos, level: 0 };
  let p = pos;
  let towns = 0;
  for (let seg = 0; seg < 6; seg++) {
    const q = skipSeparators(text, p);
    if (q === p || q >= text.length) break;
    // In a transcript, a ZIP said digit by digit after the state: "... illinois six two seven oh four".
    const zip = best.level >= 2 ? spokenZipAt(spoken, q) : undefined;
    if (zip) return { end: zip.end, level: 3 };
    const code = codeAt(text, q, true);
    // After a street line any case counts: "12 maple road london sw1a 2aa" in a transcript.
    if (code) {
      best = { end: code.end, level: 3 };
      const c = skipSeparators(text, code.end);
      if (c > code.end) {
        const ce = countryAt(text, c);
        if (ce > c) best = { end: ce, level: 3 };
      }
      return best;
    }
    const st = stateAt(text, q, true);
    if (st > q && towns > 0) {
      if (isUpper(text, q)) {
        best = { end: st, level: 2 };
        p = st;
        continue;
      }
      // A state name in lower case ("brooklyn new york 11233") counts when its ZIP follows.
      const z = skipSeparators(text, st);
      const zip = codeAt(text, z, true);
      if (zip?.kind === 'zip') return { end: zip.end, level: 3 };
      const saidZip = spokenZipAt(spoken, z);
      if (saidZip) return { end: saidZip.end, level: 3 };
    }
    const co = countyAt(text, q);
    if (co > q) {
      best = { end: co, level: 2 };
      p = co;
      continue;
    }
    if (towns >= 3) break;
    // A unit number said without its word ("cedar place 10 raleigh"): part of the line, not an anchor.
    if (isDigit(text, q)) {
      const de = alnumEnd(text, q);
      if (de - q > 4 || !/^\d{1,4}[A-Za-z]?$/.test(text.slice(q, de))) break;
      towns++;
      p = de;
      continue;
    }
    const tw = townAt(text, q);
    if (tw === q) break;
    towns++;
    // "…, Dublin 8" is a locality on its own; other towns count when they end the line.
    if (isDigit(text, tw - 1)) best = { end: tw, level: Math.max(best.level, 2) };
    else if (isUpper(text, q) && best.level < 2 && endsClause(text, tw)) best = { end: tw, level: 1 };
    p = tw;
  }
  return best;
}

/** Nothing but an end of sentence, line or text follows. */
function endsClause(text: string, pos: number): boolean {
  const s = skipSpaces(text, pos, 4);
  if (s >= text.length) return true;
  const c = text[s]!;
  return c === '\n' || c === '\r' || c === '.' || c === '!' || c === '?' || c === ';' || c === ')';
}

// ---------------------------------------------------------------------------------------------
// Candidates

class Collector {
  readonly found: Finding[] = [];
  /** End of the furthest finding so far: extending backwards never crosses it. */
  lastEnd = 0;
  constructor(private readonly view: TextView) {}

  /** `normalized` defaults to the text in lower case with single spaces and no commas. */
  push(start: number, end: number, score: number, spoken: boolean, normalized?: string): void {
    if (end <= start) return;
    if (end > this.lastEnd) this.lastEnd = end;
    const text = this.view.text;
    const f: Finding = {
      type: 'POSTAL_ADDRESS',
      start,
      end,
      score,
      recognizer: 'postal-address',
      normalized:
        normalized ??
        text
          .slice(start, end)
          .toLowerCase()
          .replace(/[\s,]+/g, ' ')
          .trim(),
    };
    if (spoken) f.spoken = true;
    this.found.push(f);
  }
}

function addressContext(view: TextView, start: number, end: number): boolean {
  return view.hasContext(start, end, ADDRESS_CONTEXT, 60, 20);
}

/**
 * A street line after a house number ending at `numEnd`. Returns the end of the whole address, or
 * -1 when there is no street there.
 */
function streetAt(
  view: TextView,
  numStart: number,
  numEnd: number,
  spoken: boolean,
  needContext: boolean,
  col: Collector,
): number {
  const text = view.text;
  const s = skipSpaces(text, numEnd, 2);
  if (s === numEnd) return -1;
  const street = streetAfter(text, s);
  if (!street) return -1;
  const spans = spoken ? view.numberSpans : undefined;
  const lineEnd = streetExtras(text, street.end, spans);
  const start = spoken ? numStart : unitBefore(text, numStart);
  const tail = tailAfter(text, lineEnd, spans);
  const end = tail.level > 0 ? tail.end : lineEnd;
  let score = tail.level === 3 ? SCORE_FULL : tail.level === 2 ? SCORE_REGION : SCORE_STREET;
  // A weak suffix in lower case ("12 abbey way"), or a count before a capitalised one ("ordered
  // 500 Oak Park flyers"), needs a postal code, a state or address words around it.
  const plain = !street.strong && (!street.capital || (!spoken && quantityBefore(text, numStart)));
  if ((plain || needContext) && tail.level < 2 && !addressContext(view, start, end)) score = SCORE_WEAK;
  col.push(start, end, score, spoken);
  return end;
}

/** The word before the number makes it a quantity: "ordered 500", "about 20", "need 3". */
function quantityBefore(text: string, numStart: number): boolean {
  const b = skipSpacesBack(text, numStart, 2);
  let ws = b;
  while (ws > 0 && b - ws < 12 && isLetter(text, ws - 1)) ws--;
  return ws < b && QUANTITY_WORDS.has(text.slice(ws, b).toLowerCase());
}

/** A house number token: 1-6 digits, optionally one letter ("221B"), not part of a time or price. */
function houseNumberEnd(text: string, ds: number, de: number): number {
  if (de - ds > 6) return -1;
  const before = text[ds - 1];
  if (before !== undefined) {
    if (isLetter(text, ds - 1) || '$£€#@/'.includes(before)) return -1;
    if ('.,:-'.includes(before) && isDigit(text, ds - 2)) return -1;
  }
  let end = de;
  if (isLetter(text, end) && !isAlnum(text, end + 1)) end++;
  // A range of numbers: "12-14 High Street".
  if (text[end] === '-' && isDigit(text, end + 1)) {
    let r = end + 1;
    while (r < text.length && r - end <= 6 && isDigit(text, r)) r++;
    if (!isAlnum(text, r)) end = r;
  }
  const after = text[end];
  if (after !== undefined) {
    if (isAlnum(text, end) || after === '%') return -1;
    if ('.,:/'.includes(after) && isDigit(text, end + 1)) return -1;
  }
  return end;
}

/**
 * Extends a postal code backwards over what is written before it on its line: the street and house
 * name ("Rose Cottage, Mill Lane, Anytown AB1 2CD") or the town ("Springfield, IL"). Tokens are
 * capitalised words, numbers and a few lower-case particles; anything else stops it.
 */
function extendBack(text: string, codeStart: number, floor: number): { start: number; street: boolean } {
  let p = codeStart;
  let earliest = codeStart;
  let nearest = codeStart;
  let nearestWords = 0;
  let segment = 0;
  let tokens = 0;
  let street = false;
  let number = false;
  let laterWasSuffix = false;
  while (tokens < 12) {
    let q = skipSpacesBack(text, p, 3);
    if (text[q - 1] === ',') {
      if (tokens > 0) segment++;
      q = skipSpacesBack(text, q - 1, 3);
    }
    if (q === p || q <= floor) break;
    let ts = q;
    let te = q;
    if (text[q - 1] === '.') {
      // "St.", "Co.": short abbreviations keep their dot.
      let k = q - 1;
      while (k > 0 && q - 1 - k < 4 && isLetter(text, k - 1)) k--;
      if (k === q - 1 || q - 1 - k > 3 || (k > 0 && isAlnum(text, k - 1))) break;
      ts = k;
      te = q - 1;
    } else {
      while (ts > 0 && q - ts < 40 && (isAlnum(text, ts - 1) || "'’-".includes(text[ts - 1]!))) ts--;
      if (ts === q || (ts > 0 && isAlnum(text, ts - 1))) break;
    }
    if (ts < floor) break;
    const tok = text.slice(ts, te);
    const lw = tok.toLowerCase();
    if (/\d/.test(tok)) {
      // A house number ("14", "221B"); another postcode or code ends the address.
      if (!/^\d{1,5}[A-Za-z]?$/.test(tok)) break;
      number = true;
    } else if (isUpper(text, ts)) {
      if (notPlaceWord(lw) && !suffixKind(lw)) break;
    } else if (!PLACE_PARTICLES.has(lw)) {
      break;
    }
    if (laterWasSuffix) street = true;
    laterWasSuffix = suffixKind(lw) !== null;
    if (segment === 0) {
      nearest = ts;
      nearestWords++;
    }
    earliest = ts;
    tokens++;
    p = ts;
  }
  let start = street || number ? earliest : nearestWords <= 3 ? nearest : codeStart;
  // Never start on a lower-case particle.
  while (start < codeStart && !isUpper(text, start) && !isDigit(text, start)) {
    const next = skipSeparators(text, wordEnd(text, start));
    start = next > start ? next : codeStart;
  }
  return { start, street: street && start < codeStart };
}

/** A capitalised word that ends an address rather than continuing it ("Thanks", "Please"). */
function notPlaceWord(lw: string): boolean {
  return NOT_NAMES.has(lw) && !PLACE_WORDS.has(lw);
}

function codeFinding(view: TextView, code: Code, col: Collector): void {
  const text = view.text;
  const context = view.hasContext(code.start, code.end, POSTAL_CODE_CONTEXT, 60, 20);
  if (code.kind === 'zip') {
    // A ZIP after a state ("Springfield, IL 62704") or after "zip code".
    const b = skipSpacesBack(text, code.start, 2);
    let s = b;
    while (s > 0 && b - s < 2 && isLetter(text, s - 1)) s--;
    const stateOk =
      b < code.start &&
      b - s === 2 &&
      (s === 0 || !isAlnum(text, s - 1)) &&
      US_STATE_CODES.has(text.slice(s, b));
    if (stateOk) {
      const start = extendBack(text, s, col.lastEnd).start;
      const zipWords = view.hasContext(start, code.end, ZIP_CONTEXT, 40, 10);
      col.push(start, code.end, zipWords ? SCORE_FULL : SCORE_CODE, false);
      return;
    }
    // A group of a longer number ("Tel: 07700 900722") is not a ZIP code.
    if (digitGroupNear(text, code.start, code.end)) return;
    // "What's your zip code?" / "It's 62704.": the question may be in the turn before.
    if (view.hasContextBefore(code.start, ZIP_CONTEXT, 80))
      col.push(code.start, code.end, SCORE_ZIP_CONTEXT, false);
    return;
  }
  if (!context && (!code.upper || code.unlisted)) return;
  // "order A253306", "ref D02 1234": a reference that happens to fit the format, unless a code
  // word says otherwise right before it.
  if (
    view.hasContextBefore(code.start, NON_CARD_LABELS, 24) &&
    !view.hasContextBefore(code.start, ZIP_CONTEXT, 30)
  )
    return;
  const back = extendBack(text, code.start, col.lastEnd);
  const score = back.street ? SCORE_FULL : context ? SCORE_CODE_CONTEXT : SCORE_CODE;
  col.push(back.start, code.end, score, false);
}

/** Another group of digits right before or after (one space or a dash apart). */
function digitGroupNear(text: string, start: number, end: number): boolean {
  const a = skipSpaces(text, end, 1);
  if (a > end && isDigit(text, a)) return true;
  const b = skipSpacesBack(text, start, 1);
  if (b < start && isDigit(text, b - 1)) return true;
  return (text[start - 1] === '-' || text[start - 1] === ')') && isDigit(text, start - 2);
}

/** "PO Box 123", "P.O. Box 45", "Post Office Box 9": the box and what follows it. */
function poBoxes(view: TextView, lower: string, col: Collector): void {
  let i = lower.indexOf('box');
  while (i !== -1) {
    const start = poPrefixStart(lower, i);
    if (start >= 0 && !isAlnum(lower, i + 3)) {
      let p = skipSpaces(lower, i + 3, 2);
      if (lower[p] === '#') p = skipSpaces(lower, p + 1, 1);
      else if (lower.startsWith('no.', p)) p = skipSpaces(lower, p + 3, 1);
      else if (lower.startsWith('number ', p)) p = skipSpaces(lower, p + 7, 1);
      let numEnd = -1;
      let spoken = false;
      if (isDigit(lower, p)) {
        const e = alnumEnd(lower, p);
        if (e - p <= 10 && /^\d+$/.test(lower.slice(p, e))) numEnd = e;
      } else {
        const span = spanStartingAt(view.numberSpans, p);
        if (span && span.digits.length <= 10) {
          numEnd = span.end;
          spoken = true;
        }
      }
      if (numEnd > 0) {
        const tail = tailAfter(view.text, numEnd);
        const end = tail.level >= 2 ? tail.end : numEnd;
        const score = tail.level === 3 ? SCORE_FULL : tail.level === 2 ? SCORE_REGION : SCORE_STREET;
        col.push(start, end, score, spoken);
      }
    }
    i = lower.indexOf('box', i + 3);
  }
}

/** The number span starting exactly at `pos` (spans are in text order: binary search). */
function spanStartingAt(spans: readonly NumberSpan[], pos: number): NumberSpan | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (s.start === pos) return s;
    if (s.start < pos) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

const PO_PREFIXES = ['p.o.', 'p. o.', 'p o', 'po', 'p.o', 'post office'] as const;

function poPrefixStart(lower: string, boxAt: number): number {
  if (boxAt > 0 && isAlnum(lower, boxAt - 1)) {
    // "POBox 12"
    const s = boxAt - 2;
    return s >= 0 && lower.startsWith('po', s) && (s === 0 || !isAlnum(lower, s - 1)) ? s : -1;
  }
  const b = skipSpacesBack(lower, boxAt, 2);
  if (b === boxAt) return -1;
  for (const prefix of PO_PREFIXES) {
    const s = b - prefix.length;
    if (s >= 0 && lower.startsWith(prefix, s) && (s === 0 || !isAlnum(lower, s - 1))) return s;
  }
  return -1;
}

/** `view.lower` when it lines up with the text (lower-casing can change lengths), else null. */
function alignedLower(view: TextView): string | null {
  const lower = view.lower;
  return lower.length === view.text.length ? lower : null;
}

// ---------------------------------------------------------------------------------------------

const DIGITS_RE = /\d+/g;

function typedCandidates(view: TextView, col: Collector): void {
  const text = view.text;
  DIGITS_RE.lastIndex = 0;
  // test() and lastIndex: no match array per number (chat text is full of prices and order numbers).
  while (DIGITS_RE.test(text)) {
    const de = DIGITS_RE.lastIndex;
    let ds = de - 1;
    while (ds > 0 && isDigit(text, ds - 1)) ds--;
    let next = de;
    // The token holding these digits, with letters on either side ("SW1A", "D02", "221B").
    let ts = ds;
    while (ts > 0 && ds - ts < 3 && isLetter(text, ts - 1)) ts--;
    if (ts > 0 && isAlnum(text, ts - 1)) ts = -1;
    else if (ts === ds && isGirBefore(text, ts)) ts -= 4;
    if (ts >= 0) {
      const code = codeAt(text, ts, true);
      if (code && code.kind !== 'zip') {
        codeFinding(view, code, col);
        next = code.end;
      } else if (ts === ds) {
        const he = houseNumberEnd(text, ds, de);
        const end = he > 0 ? streetAt(view, ds, he, false, false, col) : -1;
        if (end > 0) next = end;
        else if (code) {
          codeFinding(view, code, col);
          next = code.end;
        }
      }
    }
    DIGITS_RE.lastIndex = Math.max(next, de);
  }
}

/** "GIR 0AA", the one postcode whose outward code has no digit. */
function isGirBefore(text: string, ts: number): boolean {
  return (
    ts >= 4 &&
    text.charCodeAt(ts - 1) === 32 &&
    (text.charCodeAt(ts - 4) | 32) === 103 &&
    (text.charCodeAt(ts - 3) | 32) === 105 &&
    (text.charCodeAt(ts - 2) | 32) === 114 &&
    (ts === 4 || !isAlnum(text, ts - 5))
  );
}

/** Spoken house numbers: "one two three main street", "twenty two baker street". */
function spokenCandidates(view: TextView, col: Collector): void {
  for (const span of view.numberSpans) {
    const last = span.tokens[span.tokens.length - 1]!;
    if (!last.spoken) continue;
    const from = houseDigitsStart(span);
    const digits = span.digits.length - from;
    if (digits < 1 || digits > 6) continue;
    const { start } = digitRange(span, from, span.digits.length);
    // "one way street", "two big street lights": a lone digit needs address context.
    const lone = digits === 1;
    streetAt(view, start, span.end, true, lone, col);
  }
}

/** "my zip is nine oh two one oh": a spoken five- or nine-digit number right after a ZIP label. */
function spokenZips(view: TextView, col: Collector): void {
  for (const span of view.numberSpans) {
    if (!span.spoken || (span.digits.length !== 5 && span.digits.length !== 9)) continue;
    if (view.hasContextBefore(span.start, ZIP_CONTEXT, 80))
      col.push(span.start, span.end, SCORE_ZIP_CONTEXT, true, span.digits);
  }
}

const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  nought: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

/**
 * A postcode or Eircode spelled out after its label: "my postcode is s w one a, two a a",
 * "eircode d oh eight x two y three", NATO words included. Validated by the same format rules as
 * typed codes; only read within a short window after the label, so the scan stays linear.
 */
function spelledCodes(lower: string, col: Collector): void {
  for (const label of CODE_LABELS) {
    let i = lower.indexOf(label);
    while (i !== -1) {
      const from = i + label.length;
      const limit = Math.min(lower.length, from + 48);
      for (let p = from; p < limit; p++) {
        if (!wordStartAt(lower, p)) continue;
        const code = spelledCodeAt(lower, p);
        if (code) {
          col.push(p, code.end, SCORE_CODE_CONTEXT, true, code.normalized);
          break;
        }
      }
      i = lower.indexOf(label, from);
    }
  }
}

/** A word starts at `p` (not the "s" of "it's"). */
function wordStartAt(lower: string, p: number): boolean {
  if (!isLetter(lower, p) || isLetter(lower, p - 1)) return false;
  const b = lower[p - 1];
  return b !== "'" && b !== '’';
}

function hasCodeLabel(s: string): boolean {
  if (s.indexOf('code') === -1) return false;
  for (const label of CODE_LABELS) if (s.indexOf(label) !== -1) return true;
  return false;
}

/** A spelled code answering the turn before: read from the first words of this turn. */
function spelledCodeAtStart(lower: string, col: Collector): void {
  const limit = Math.min(lower.length, 40);
  for (let p = 0; p < limit; p++) {
    if (!wordStartAt(lower, p)) continue;
    const code = spelledCodeAt(lower, p);
    if (code) {
      col.push(p, code.end, SCORE_CODE_CONTEXT, true, code.normalized);
      return;
    }
  }
}

/** Reads up to seven spelled characters from `pos` and keeps the longest valid code. */
function spelledCodeAt(lower: string, pos: number): { end: number; normalized: string } | null {
  let chars = '';
  const ends: number[] = [];
  let p = pos;
  while (chars.length < 7) {
    const w = wordAfter(lower, p, chars.length === 0 ? 0 : 3);
    if (!w) break;
    const digit = DIGIT_WORDS[w.word];
    if (w.word === 'double' || w.word === 'triple') {
      const next = wordAfter(lower, w.end, 2);
      const d = next ? (DIGIT_WORDS[next.word] ?? letterOfWord(next.word)?.toUpperCase()) : undefined;
      if (!next || !d) break;
      chars += d.repeat(w.word === 'double' ? 2 : 3);
      while (ends.length < chars.length) ends.push(next.end);
      p = next.end;
      continue;
    }
    // "o" is a letter only where a postcode area can have one ("OX", "OL").
    const letter =
      digit === undefined || (chars.length === 0 && w.word === 'o') ? letterOfWord(w.word) : null;
    const ch = letter ? letter.toUpperCase() : digit;
    if (!ch) break;
    chars += ch;
    ends.push(w.end);
    p = w.end;
  }
  for (let n = Math.min(chars.length, 7); n >= 5; n--) {
    const c = chars.slice(0, n);
    const out = c.slice(0, n - 3);
    if (ukOutwardValid(out) && ukInwardValid(out, c.slice(n - 3)))
      return { end: ends[n - 1]!, normalized: `${out} ${c.slice(n - 3)}`.toLowerCase() };
    if (n === 7 && eircodeParts(c.slice(0, 3), c.slice(3)).ok)
      return { end: ends[6]!, normalized: `${c.slice(0, 3)} ${c.slice(3)}`.toLowerCase() };
  }
  return null;
}

/** The last digits of a span that can be a house number: tokens after the last pause. */
function houseDigitsStart(span: NumberSpan): number {
  let k = span.tokens.length - 1;
  while (k > 0) {
    const t = span.tokens[k]!;
    if (/[,.;]|\b(?:uh|um|er|erm)\b/i.test(t.gapBefore)) break;
    if (span.digits.length - span.tokens[k - 1]!.digitStart > 6) break;
    k--;
  }
  return span.tokens[k]!.digitStart;
}

/** A number word, as the last part of a spoken house number. */
const NUMBER_WORD_RE =
  /\b(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|fou?rty|fifty|sixty|seventy|eighty|ninety|hundred)\b/;

/**
 * Every word the spoken and labelled readers start from, in one scan: "box" (P.O. boxes), "zip"
 * and "code" (spoken ZIPs, spelled postcodes), and the street words a transcript would say.
 */
const READER_WORDS_RE =
  /box|zip|code|\b(?:street|avenue|road|lane|drive|boulevard|court|place|terrace|way|close|crescent|parkway|highway|circle|square|park|grove|gardens|row|walk|quay|mews)\b/g;

interface ReaderWords {
  box: boolean;
  zip: boolean;
  code: boolean;
  /** A street word with a number word a few words before it. */
  spokenStreet: boolean;
}

function readerWords(lower: string, spansReady: boolean): ReaderWords {
  const w: ReaderWords = { box: false, zip: false, code: false, spokenStreet: false };
  if (spansReady) {
    // The spoken reader needs no gate then; the labels are three quick look-ups.
    w.box = lower.indexOf('box') !== -1;
    w.zip = lower.indexOf('zip') !== -1;
    w.code = lower.indexOf('code') !== -1;
    return w;
  }
  READER_WORDS_RE.lastIndex = 0;
  let m = READER_WORDS_RE.exec(lower);
  while (m !== null) {
    const word = m[0];
    if (word === 'box') w.box = true;
    else if (word === 'zip') w.zip = true;
    else if (word === 'code') w.code = true;
    else if (!w.spokenStreet && NUMBER_WORD_RE.test(lower.slice(Math.max(0, m.index - 48), m.index)))
      w.spokenStreet = true;
    m = READER_WORDS_RE.exec(lower);
  }
  return w;
}

/**
 * Keeps one finding per stretch of overlapping findings: the higher score, then the longer. Sorted
 * once, so a text full of addresses stays linear-logarithmic (the adversarial-input rule).
 */
function dedupe(found: Finding[], out: Finding[]): void {
  if (found.length <= 1) {
    for (const f of found) out.push(f);
    return;
  }
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  let best = sorted[0]!;
  let clusterEnd = best.end;
  for (let k = 1; k < sorted.length; k++) {
    const f = sorted[k]!;
    if (f.start < clusterEnd) {
      if (f.score > best.score || (f.score === best.score && f.end - f.start > best.end - best.start))
        best = f;
      if (f.end > clusterEnd) clusterEnd = f.end;
      continue;
    }
    out.push(best);
    best = f;
    clusterEnd = f.end;
  }
  out.push(best);
}

function spokenAndLabelled(view: TextView, lower: string, col: Collector): void {
  const spansReady = view.numberSpansReady;
  const words = readerWords(lower, spansReady);
  // Number spans are shared by the digit recognizers (the card recognizer always builds them):
  // when they exist, spoken house numbers cost a look at the words after each spoken span;
  // otherwise a street word with a number word before it must be there first.
  if (spansReady || words.spokenStreet) spokenCandidates(view, col);
  if (words.box) poBoxes(view, lower, col);
  const zipHere = words.zip || (words.code && lower.indexOf('postal code') !== -1);
  if (words.code) spelledCodes(lower, col);
  // A short spoken answer ("it's six two seven zero four", "l s one oh q l") to a question in the
  // turn before: only read in the first words of the turn, so only then is the turn before looked at.
  let prior = '';
  if (!(zipHere && words.code) && NUMBER_WORD_RE.test(lower.slice(0, 80))) prior = view.priorContext;
  if (zipHere || prior.indexOf('zip') !== -1 || prior.indexOf('postal code') !== -1) spokenZips(view, col);
  if (hasCodeLabel(prior)) spelledCodeAtStart(lower, col);
}

export const postalAddressRecognizer: Recognizer = {
  name: 'postal-address',
  types: ['POSTAL_ADDRESS'],
  analyze(view: TextView, out: Finding[]): void {
    const col = new Collector(view);
    if (view.hasDigit) typedCandidates(view, col);
    const lower = alignedLower(view);
    if (lower !== null) spokenAndLabelled(view, lower, col);
    dedupe(col.found, out);
  },
};
