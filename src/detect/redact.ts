/**
 * Anonymizer operators (Presidio's split: the analyzer finds, the operators transform).
 * Results carry types, ranges and keyed fingerprints, never the raw values.
 */
import { createHmac } from 'node:crypto';
import { foldText } from './fold.js';
import type { EntityType, Finding, TurnFinding } from './types.js';
import { DetectError } from './types.js';

export type Operator = 'mask' | 'replace' | 'fingerprint' | 'remove';
export const OPERATORS: readonly Operator[] = ['mask', 'replace', 'fingerprint', 'remove'];

export type RedactionPolicy = Partial<Record<EntityType, Operator>> & { default?: Operator };

/** CVV removed, card masked to its last four (as PCI DSS allows), everything else replaced. */
export const DEFAULT_POLICY: Readonly<RedactionPolicy> = Object.freeze({
  CARD_CVV: 'remove',
  CREDIT_CARD: 'mask',
  default: 'replace',
});

/** Types that never get a fingerprint: with 1,000 possible CVVs any token derived from one gives it back. */
const NO_FINGERPRINT = new Set<EntityType>(['CARD_CVV']);

export interface RedactOptions {
  policy?: RedactionPolicy;
  /** Secret key for fingerprints (HMAC-SHA256). Without it, items carry no fingerprint and the
   * `fingerprint` operator is refused. */
  fingerprintKey?: Uint8Array;
}

export interface RedactedItem {
  type: EntityType;
  turn?: number;
  /** Range in the original text. */
  start: number;
  end: number;
  /** Range of the replacement in the redacted text. */
  redactedStart: number;
  redactedEnd: number;
  operator: Operator;
  score: number;
  /** HMAC-SHA256 of the normalized value under the caller's key, hex; absent for CVVs. */
  fingerprint?: string;
  /** Last four digits of a card number (PCI DSS allows them to be shown). */
  last4?: string;
}

export interface RedactResult {
  text: string;
  items: RedactedItem[];
}

export function operatorFor(type: EntityType, policy: RedactionPolicy): Operator {
  const op = policy[type] ?? policy.default ?? 'replace';
  if (NO_FINGERPRINT.has(type) && op === 'fingerprint') return 'remove';
  return op;
}

export function normalizedValue(text: string, f: Finding): string {
  if (f.normalized !== undefined) return f.normalized;
  return text.slice(f.start, f.end).toLowerCase().replace(/\s+/g, ' ').trim();
}

export function fingerprint(key: Uint8Array, type: EntityType, normalized: string): string {
  return createHmac('sha256', key).update(type).update('\u0000').update(normalized).digest('hex');
}

/**
 * A card number, or the part of one that holds `normalized`'s digits [from, to) (a number split
 * across turns): every digit a star but the last four of the whole, so only the part that holds
 * them shows them. Typed digits are masked in place, keeping the separators so the shape stays
 * readable; spoken words become the stars and digits they stand for. `folded` is `original` through
 * foldText (same length).
 */
function maskCard(
  original: string,
  folded: string,
  normalized: string,
  from: number,
  to: number,
  spoken: boolean,
): string {
  const shown = normalized.length - 4;
  if (spoken) {
    const hidden = Math.max(0, Math.min(to, shown) - from);
    return `${'*'.repeat(hidden)}${normalized.slice(Math.max(from, shown), to)}`;
  }
  let k = from;
  let res = '';
  for (let i = 0; i < original.length; i++) {
    const d = folded[i]!;
    if (d >= '0' && d <= '9') {
      res += k >= shown ? d : '*';
      k++;
    } else res += original[i];
  }
  return res;
}

function maskText(original: string, f: Finding, normalized: string): string {
  if (f.type === 'CREDIT_CARD') {
    // Digits are read in the folded text, as the engine read them: a full-width digit is masked too.
    const folded = foldText(original);
    const part = (f as TurnFinding).part;
    if (!part) return maskCard(original, folded, normalized, 0, normalized.length, f.spoken === true);
    // A part is typed when its own digits are all there are: it may be typed where the rest was spoken.
    let typed = 0;
    for (const ch of folded) if (ch >= '0' && ch <= '9') typed++;
    return maskCard(original, folded, normalized, part.from, part.to, typed !== part.to - part.from);
  }
  return original.replace(/[\p{L}\p{N}]/gu, '*');
}

function apply(
  text: string,
  findings: readonly Finding[],
  options: RedactOptions,
  turn?: number,
): RedactResult {
  const policy = options.policy ?? DEFAULT_POLICY;
  const key = options.fingerprintKey;
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  const items: RedactedItem[] = [];
  for (const f of sorted) {
    if (f.start < cursor || f.end > text.length || f.start >= f.end) {
      throw new DetectError(
        'E_REDACT_RANGE',
        `finding ${f.type} at ${f.start}-${f.end} overlaps another or lies outside the text`,
      );
    }
    out += text.slice(cursor, f.start);
    const op = operatorFor(f.type, policy);
    const original = text.slice(f.start, f.end);
    const normalized = normalizedValue(text, f);
    const fp = key && !NO_FINGERPRINT.has(f.type) ? fingerprint(key, f.type, normalized) : undefined;
    let replacement: string;
    switch (op) {
      case 'mask':
        replacement = maskText(original, f, normalized);
        break;
      case 'replace':
        replacement = `[${f.type}]`;
        break;
      case 'fingerprint':
        if (!fp)
          throw new DetectError('E_FINGERPRINT_KEY', 'the fingerprint operator needs a fingerprint key');
        replacement = `[${f.type}:${fp.slice(0, 12)}]`;
        break;
      case 'remove':
        replacement = '';
        break;
    }
    const redactedStart = out.length;
    out += replacement;
    const item: RedactedItem = {
      type: f.type,
      start: f.start,
      end: f.end,
      redactedStart,
      redactedEnd: out.length,
      operator: op,
      score: f.score,
    };
    if (turn !== undefined) item.turn = turn;
    if (fp) item.fingerprint = fp;
    if (f.type === 'CREDIT_CARD' && /^\d{12,19}$/.test(normalized)) item.last4 = normalized.slice(-4);
    items.push(item);
    cursor = f.end;
  }
  out += text.slice(cursor);
  return { text: out, items };
}

/** Redacts one text given its findings (from `detect`). */
export function redact(
  text: string,
  findings: readonly Finding[],
  options: RedactOptions = {},
): RedactResult {
  return apply(text, findings, options);
}

export interface RedactConversationResult {
  texts: string[];
  items: RedactedItem[];
}

/** Redacts each turn given the findings of `detectConversation`. */
export function redactConversation(
  texts: readonly string[],
  findings: readonly TurnFinding[],
  options: RedactOptions = {},
): RedactConversationResult {
  const byTurn = new Map<number, TurnFinding[]>();
  for (const f of findings) {
    if (f.turn < 0 || f.turn >= texts.length) {
      throw new DetectError(
        'E_REDACT_TURN',
        `finding refers to turn ${f.turn}, but there are ${texts.length} turns`,
      );
    }
    const list = byTurn.get(f.turn) ?? [];
    list.push(f);
    byTurn.set(f.turn, list);
  }
  const outTexts: string[] = [];
  const items: RedactedItem[] = [];
  texts.forEach((text, i) => {
    const r = apply(text, byTurn.get(i) ?? [], options, i);
    outTexts.push(r.text);
    items.push(...r.items);
  });
  return { texts: outTexts, items };
}
