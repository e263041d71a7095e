/**
 * IP_ADDRESS: IPv4 dotted quads, IPv6 in full and compressed forms, and IPv4-mapped IPv6
 * ("::ffff:192.0.2.1"). Validation is `net.isIP` (pure computation, no I/O).
 *
 * IPv4 candidates come from the shared number spans: four typed groups joined by single dots.
 * A quad that is part of a longer dotted run ("1.2.3.4.5", "v1.2.3.4.5") or labelled as a version
 * ("version 1.2.3.4", "build 10.0.19041.1") is not an address. IPv6 candidates are runs of hex
 * digits, colons and dots around each ':' that stand alone as a word; each character is visited a
 * bounded number of times.
 */
import { isIP } from 'node:net';
import type { NumberSpan } from '../numbers.js';
import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';
import { isWordChar } from '../view.js';

export const IP_CONTEXT = [
  'ip',
  'ipv4',
  'ipv6',
  'address',
  'logged in from',
  'login from',
  'connected from',
  'connecting from',
  'signed in from',
  'host',
  'server',
] as const;

/** Labels that make a dotted quad a version or build number. */
const VERSION_LABELS = ['version', 'ver.', 'ver ', 'build', 'release', 'firmware', 'rev.', 'rev '] as const;

const SCORE_PLAIN = 0.85;
const SCORE_CONTEXT = 0.95;
const SCORE_VERSION = 0.3;

/** Longest textual IPv6 form: 8 groups of 4 with an embedded IPv4 tail and separators. */
const MAX_IPV6 = 45;

function push(view: TextView, out: Finding[], start: number, end: number, normalized: string): void {
  let score = view.hasContext(start, end, IP_CONTEXT, 60, 30) ? SCORE_CONTEXT : SCORE_PLAIN;
  if (view.hasContextBefore(start, VERSION_LABELS, 20)) score = SCORE_VERSION;
  out.push({ type: 'IP_ADDRESS', start, end, score, recognizer: 'ip-address', normalized });
}

function ipv4(view: TextView, out: Finding[], span: NumberSpan): void {
  const text = view.text;
  const tokens = span.tokens;
  for (let i = 0; i + 3 < tokens.length; i++) {
    let ok = true;
    for (let k = i; k < i + 4 && ok; k++) {
      const t = tokens[k]!;
      if (t.spoken || t.digitEnd - t.digitStart > 3) ok = false;
      else if (k > i && t.gapBefore !== '.') ok = false;
    }
    if (!ok) continue;
    const start = tokens[i]!.start;
    const end = tokens[i + 3]!.end;
    // Part of a longer dotted run on either side: a version or an OID, not an address.
    if (i > 0 && tokens[i]!.gapBefore === '.') continue;
    if (start > 0 && text.charCodeAt(start - 1) === 46) continue;
    if (text.charCodeAt(end) === 46 && isDigitAt(text, end + 1)) continue;
    let value = text.slice(start, end);
    if (isIP(value) !== 4) {
      // Zero-padded octets ("192.168.001.010", as some logs and firewalls print them): an address
      // when the text says so; without that, as likely a dotted code or date.
      const parts = value.split('.');
      const stripped = parts.map((p) => String(Number(p))).join('.');
      if (!parts.some((p) => p.length > 1 && p.charCodeAt(0) === 48) || isIP(stripped) !== 4) continue;
      if (!view.hasContext(start, end, IP_CONTEXT, 60, 30)) continue;
      value = stripped;
    }
    push(view, out, start, end, value);
    i += 3;
  }
}

/** The text between two spans is the word "dot" (or "point"). */
function isDotWord(lower: string, from: number, to: number): boolean {
  if (to - from > 9) return false;
  const gap = lower.slice(from, to).trim();
  return gap === 'dot' || gap === 'point';
}

/** "one nine two dot one six eight dot one dot one": four spoken spans joined by "dot". */
function spokenIpv4(view: TextView, out: Finding[]): void {
  const spans = view.numberSpans;
  const lower = view.lower;
  for (let i = 0; i + 3 < spans.length; i++) {
    let ok = true;
    const parts: string[] = [];
    for (let k = i; k < i + 4 && ok; k++) {
      const s = spans[k]!;
      if (!s.spoken || s.digits.length > 3 || (k > i && !isDotWord(lower, spans[k - 1]!.end, s.start)))
        ok = false;
      else parts.push(String(Number(s.digits)));
    }
    if (!ok) continue;
    // Part of a longer dotted run: a version read out, not an address.
    if (i > 0 && isDotWord(lower, spans[i - 1]!.end, spans[i]!.start)) continue;
    if (i + 4 < spans.length && isDotWord(lower, spans[i + 3]!.end, spans[i + 4]!.start)) continue;
    const value = parts.join('.');
    // "oh one" for an octet is not how anyone reads an address.
    const leadingZero = spans.slice(i, i + 4).some((sp) => sp.digits.length > 1 && sp.digits[0] === '0');
    if (leadingZero || isIP(value) !== 4) continue;
    const start = spans[i]!.start;
    const end = spans[i + 3]!.end;
    let score = view.hasContext(start, end, IP_CONTEXT, 60, 30) ? SCORE_CONTEXT : SCORE_PLAIN;
    if (view.hasContextBefore(start, VERSION_LABELS, 20)) score = SCORE_VERSION;
    out.push({
      type: 'IP_ADDRESS',
      start,
      end,
      score,
      recognizer: 'ip-address',
      spoken: true,
      normalized: value,
    });
    i += 3;
  }
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function isHexOrSep(c: number): boolean {
  return (
    (c >= 48 && c <= 58) || // 0-9 and ':'
    (c >= 97 && c <= 102) ||
    (c >= 65 && c <= 70) ||
    c === 46
  );
}

function ipv6(view: TextView, out: Finding[]): void {
  const text = view.text;
  // Runs of hex digits, colons and dots are disjoint, so each character is visited at most twice.
  let runEnd = 0;
  let colon = text.indexOf(':');
  while (colon !== -1) {
    let s = colon;
    while (s > runEnd && isHexOrSep(text.charCodeAt(s - 1))) s--;
    let e = colon + 1;
    while (e < text.length && isHexOrSep(text.charCodeAt(e))) e++;
    runEnd = e;
    // Sentence punctuation after the address; a lone ':' before it ("ip:2001:db8::1").
    while (e > s && (text.charCodeAt(e - 1) === 46 || (text[e - 1] === ':' && text[e - 2] !== ':'))) e--;
    if (text[s] === ':' && text[s + 1] !== ':') s++;
    const standalone =
      (s === 0 || !isWordChar(text.charCodeAt(s - 1))) &&
      (e >= text.length || !isWordChar(text.charCodeAt(e)));
    if (standalone && e - s >= 3 && e - s <= MAX_IPV6) {
      const value = text.slice(s, e);
      if (isPlausibleV6(value) && isIP(value) === 6) push(view, out, s, e, value.toLowerCase());
    }
    colon = runEnd < text.length ? text.indexOf(':', runEnd) : -1;
  }
}

/** At least two colons and a decimal digit: keeps "a::b" and "cafe::" words out. */
function isPlausibleV6(value: string): boolean {
  const first = value.indexOf(':');
  return first !== -1 && value.indexOf(':', first + 1) !== -1 && /\d/.test(value);
}

export const ipAddressRecognizer: Recognizer = {
  name: 'ip-address',
  types: ['IP_ADDRESS'],
  analyze(view: TextView, out: Finding[]): void {
    if (view.lower.indexOf('dot ') !== -1 && view.numberSpans.length >= 4) spokenIpv4(view, out);
    if (!view.hasDigit) return;
    const text = view.text;
    if (text.indexOf('.') !== -1) {
      for (const span of view.numberSpans) if (span.tokens.length >= 4) ipv4(view, out, span);
    }
    if (text.indexOf(':') !== -1) ipv6(view, out);
  },
};
