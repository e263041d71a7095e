/**
 * How findings are kept: in the row of the turn they were found in (`turns.findings`) and, as
 * counts by type, in the interaction's row (`interactions.finding_counts`).
 *
 * Why not a row per finding: the store is written far more than findings are read, and a row per
 * finding (14 per interaction in a card-heavy call) was about half of every insert's database work
 * (index entries, foreign-key checks, on PostgreSQL a heap tuple each). Findings are only ever read
 * with their turn (`show`) or as counts of their interaction (`list`, `--has-finding`), so they
 * ride along with those rows. Neither column holds a personal value: types, positions, the
 * operator, the score, a keyed fingerprint, and a card's last four digits (as PCI DSS allows).
 *
 * `turns.findings` is a JSON array of arrays, one per finding in position order:
 *   [type, start, end, redactedStart, redactedEnd, operator, score, fingerprint, last4, split]
 * fingerprint: the first 16 bytes of the keyed HMAC, hex, or null (never for a CVV); last4:
 * cards only, or null; split: 1 when the value continues in another turn, else 0.
 * `interactions.finding_counts` is a JSON object, type to count, types in alphabetical order ({}
 * when nothing was found).
 */
import { StoreError } from './errors.js';
import type { FindingInput } from './records.js';

export type StoredFinding = [
  type: string,
  start: number,
  end: number,
  redactedStart: number,
  redactedEnd: number,
  operator: string,
  score: number,
  fingerprint: string | null,
  last4: string | null,
  split: 0 | 1,
];

const HEX32 = /^[0-9a-f]{32}$/;
const LAST4 = /^\d{4}$/;
/** Entity types: built-in and custom recognizers' names alike are upper-case identifiers. */
const TYPE = /^[A-Z][A-Z0-9_]*$/;

/**
 * One finding as its turn's column keeps it. A finding the reader would refuse (a type that is
 * not an entity type name, a negative or fractional position) is refused here, as a bad record,
 * instead of being written and making its interaction unreadable.
 */
export function storedFinding(f: FindingInput): StoredFinding {
  const fp = f.fingerprint ? f.fingerprint.slice(0, 32).toLowerCase() : null;
  const stored: StoredFinding = [
    f.type,
    f.start,
    f.end,
    f.redactedStart,
    f.redactedEnd,
    f.operator,
    Math.round(f.score * 1000) / 1000,
    fp !== null && HEX32.test(fp) ? fp : null,
    f.type === 'CREDIT_CARD' && f.last4 && LAST4.test(f.last4) ? f.last4 : null,
    f.split ? 1 : 0,
  ];
  if (!isStoredFinding(stored)) {
    throw new StoreError(
      'E_RECORD_INVALID',
      `a finding of turn ${f.turn} has a type, range, operator or score that cannot be stored ` +
        '(types are upper-case names such as CREDIT_CARD; ranges are whole numbers from 0)',
    );
  }
  return stored;
}

/** The `turns.findings` value of each turn that has findings, by turn index. */
export function findingsByTurn(findings: readonly FindingInput[]): Map<number, string> {
  const lists = new Map<number, StoredFinding[]>();
  for (const f of findings) {
    let list = lists.get(f.turn);
    if (!list) {
      list = [];
      lists.set(f.turn, list);
    }
    list.push(storedFinding(f));
  }
  const out = new Map<number, string>();
  for (const [turn, list] of lists) out.set(turn, JSON.stringify(list));
  return out;
}

/** Counts by type, as `interactions.finding_counts` keeps them. */
export function countFindings(findings: readonly { type: string }[], into: Record<string, number> = {}) {
  for (const f of findings) into[f.type] = (into[f.type] ?? 0) + 1;
  return into;
}

/** `interactions.finding_counts` as stored: types in alphabetical order, whatever order they were counted in. */
export function countsText(counts: Record<string, number>): string {
  const sorted: Record<string, number> = {};
  for (const type of Object.keys(counts).sort()) sorted[type] = counts[type]!;
  return JSON.stringify(sorted);
}

/**
 * `interactions.finding_counts` of a row, types in alphabetical order (as `list` and `show` print
 * them); `where` names the row in the error.
 */
export function parseCounts(text: string | null, where: string): Record<string, number> {
  if (text === null || text === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw corrupt(where, 'finding_counts is not JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw corrupt(where, 'finding_counts is not an object');
  const out: Record<string, number> = {};
  for (const type of Object.keys(v).sort()) {
    const n = (v as Record<string, unknown>)[type];
    if (!TYPE.test(type) || !Number.isInteger(n) || (n as number) < 0)
      throw corrupt(where, 'finding_counts holds an entry that is not a type and a count');
    out[type] = n as number;
  }
  return out;
}

/** `turns.findings` of a row; `where` names the row in the error. */
export function parseTurnFindings(text: string | null, where: string): StoredFinding[] {
  if (text === null || text === '') return [];
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw corrupt(where, 'findings is not JSON');
  }
  if (!Array.isArray(v)) throw corrupt(where, 'findings is not a list');
  for (const f of v)
    if (!isStoredFinding(f)) throw corrupt(where, 'findings holds an entry of the wrong shape');
  return v as StoredFinding[];
}

function isStoredFinding(f: unknown): f is StoredFinding {
  if (!Array.isArray(f) || f.length !== 10) return false;
  const [type, start, end, rs, re, op, score, fp, last4, split] = f as unknown[];
  const int = (x: unknown) => Number.isInteger(x) && (x as number) >= 0;
  return (
    typeof type === 'string' &&
    TYPE.test(type) &&
    int(start) &&
    int(end) &&
    int(rs) &&
    int(re) &&
    typeof op === 'string' &&
    typeof score === 'number' &&
    Number.isFinite(score) &&
    (fp === null || (typeof fp === 'string' && HEX32.test(fp))) &&
    (last4 === null || (typeof last4 === 'string' && LAST4.test(last4))) &&
    (split === 0 || split === 1)
  );
}

/**
 * A LIKE pattern that matches a `finding_counts` value holding `type` (to be used with
 * `ESCAPE '\'`): the quoted key followed by its colon, so "PERSON" does not match "PERSONAL".
 */
export function countsPattern(type: string): string {
  return `%${JSON.stringify(type).replace(/[\\%_]/g, '\\$&')}:%`;
}

function corrupt(where: string, what: string): StoreError {
  return new StoreError('E_STORE_CORRUPT', `${where}: ${what}`);
}
