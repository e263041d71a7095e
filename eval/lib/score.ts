/**
 * Scoring of predicted spans against the labels, shared by `npm run eval` and the detection
 * benchmark (which scores the peer libraries the same way).
 *
 * Span metrics, per type: a predicted span is a true positive when it overlaps (shares at least one
 * character with) a gold span of the same type in the same turn; precision = true-positive
 * predictions / predictions; recall = gold spans overlapped by at least one prediction of their type
 * / gold spans; F1 their harmonic mean. Overlap rather than exact match, because where a value ends
 * is a convention ("Mr Doe" or "Doe", "at 12 Elm St" or "12 Elm St"); how much of a value escaped
 * is measured separately, by characters:
 *
 * - leak: share of gold (sensitive) non-whitespace characters that no finding of any type covers;
 * - over: share of non-sensitive non-whitespace characters that some finding covers.
 *
 * Both are type-agnostic: a card number redacted as a phone number has not leaked.
 */
import { ENTITY_TYPES } from '../../src/detect/types.js';
import { maskContext, maskValue } from './mask.js';
import type { Label, LabelledRecord, NegativeKind } from './types.js';

export interface Pred {
  turn: number;
  start: number;
  end: number;
  /** Our type, or the peer's label mapped to ours; unmapped labels keep their own name. */
  type: string;
}

interface Counts {
  support: number;
  found: number;
  pred: number;
  tp: number;
  goldChars: number;
  leakChars: number;
}

export interface TypeScore {
  type: string;
  support: number;
  found: number;
  predicted: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of this type's gold characters covered by no finding. */
  leak: number;
}

export interface BreakdownRow {
  type: string;
  key: string;
  support: number;
  found: number;
  recall: number;
  leak: number;
}

export interface ErrorExample {
  kind: 'FN' | 'FP' | 'PARTIAL';
  count: number;
  signature: string;
  example: string;
}

export interface ScoreResult {
  records: number;
  turns: number;
  chars: number;
  types: TypeScore[];
  /** Recall and leak by form (typed, spoken, split) and by variant, for every type. */
  forms: BreakdownRow[];
  variants: BreakdownRow[];
  micro: { precision: number; recall: number; f1: number };
  leak: number;
  over: number;
  sensitiveChars: number;
  hardNegatives: { kind: NegativeKind; total: number; hit: number }[];
  errors: Record<string, ErrorExample[]>;
}

export interface ScorerOptions {
  /** Types whose predictions count for precision; others only for leak/over. Default: the gold types. */
  scoredTypes?: readonly string[];
  /** Keep error examples (costs memory; off for the benchmark). */
  examples?: boolean;
}

const WS = new Uint8Array(65536);
for (const c of [9, 10, 11, 12, 13, 32, 160, 0x2028, 0x2029, 0xfeff]) WS[c] = 1;

function isWs(code: number): boolean {
  return WS[code] === 1 || (code >= 0x2000 && code <= 0x200a);
}

function blank(): Counts {
  return { support: 0, found: 0, pred: 0, tp: 0, goldChars: 0, leakChars: 0 };
}

const MAX_SIGNATURES = 20_000;

export class Scorer {
  private readonly byType = new Map<string, Counts>();
  private readonly byForm = new Map<string, Counts>();
  private readonly byVariant = new Map<string, Counts>();
  private readonly negTotal = new Map<NegativeKind, { total: number; hit: number }>();
  private readonly errors = new Map<string, Map<string, ErrorExample>>();
  private readonly scored: Set<string> | undefined;
  private readonly keepExamples: boolean;
  private records = 0;
  private turns = 0;
  private chars = 0;
  private sensitive = 0;
  private leaked = 0;
  private plain = 0;
  private over = 0;
  private predAll = 0;
  private tpAll = 0;

  constructor(options: ScorerOptions = {}) {
    this.scored = options.scoredTypes ? new Set(options.scoredTypes) : undefined;
    this.keepExamples = options.examples ?? false;
  }

  private counts(map: Map<string, Counts>, key: string): Counts {
    let c = map.get(key);
    if (!c) {
      c = blank();
      map.set(key, c);
    }
    return c;
  }

  add(record: LabelledRecord, preds: readonly Pred[]): void {
    this.records++;
    const turns = record.interaction.turns;
    const goldByTurn: Label[][] = turns.map(() => []);
    for (const l of record.labels) goldByTurn[l.turn]!.push(l);
    const predByTurn: Pred[][] = turns.map(() => []);
    for (const p of preds) predByTurn[p.turn]?.push(p);
    const negByTurn: (typeof record.negatives)[] = turns.map(() => []);
    for (const n of record.negatives) negByTurn[n.turn]!.push(n);

    for (let ti = 0; ti < turns.length; ti++) {
      const text = turns[ti]!.text;
      this.turns++;
      this.chars += text.length;
      const gold = goldByTurn[ti]!;
      const pr = predByTurn[ti]!;
      // Character coverage: 1 = gold, 2 = predicted.
      const cover = new Uint8Array(text.length);
      for (const g of gold) cover.fill(1, g.start, g.end);
      for (const p of pr)
        for (let i = Math.max(0, p.start); i < Math.min(text.length, p.end); i++) cover[i]! |= 2;
      for (let i = 0; i < text.length; i++) {
        if (isWs(text.charCodeAt(i))) continue;
        const c = cover[i]!;
        if (c & 1) {
          this.sensitive++;
          if (!(c & 2)) this.leaked++;
        } else {
          this.plain++;
          if (c & 2) this.over++;
        }
      }

      for (const g of gold) {
        let chars = 0;
        let leak = 0;
        for (let i = g.start; i < g.end; i++) {
          if (isWs(text.charCodeAt(i))) continue;
          chars++;
          if (!(cover[i]! & 2)) leak++;
        }
        const found = pr.some((p) => p.type === g.type && p.start < g.end && g.start < p.end);
        const rows = [
          this.counts(this.byType, g.type),
          this.counts(this.byForm, `${g.type}\u0000${g.form}`),
          this.counts(this.byVariant, `${g.type}\u0000${g.variant ?? '-'}`),
        ];
        for (const r of rows) {
          r.support++;
          if (found) r.found++;
          r.goldChars += chars;
          r.leakChars += leak;
        }
        if (this.keepExamples) {
          if (!found)
            this.example(
              g.type,
              'FN',
              `${g.form}${g.variant ? `/${g.variant}` : ''}`,
              text,
              g.start,
              g.end,
              gold,
            );
          else if (leak > 0)
            this.example(
              g.type,
              'PARTIAL',
              `${g.form}${g.variant ? `/${g.variant}` : ''}`,
              text,
              g.start,
              g.end,
              gold,
            );
        }
      }

      for (const p of pr) {
        if (this.scored && !this.scored.has(p.type)) continue;
        const c = this.counts(this.byType, p.type);
        c.pred++;
        this.predAll++;
        const tp = gold.some((g) => g.type === p.type && g.start < p.end && p.start < g.end);
        if (tp) {
          c.tp++;
          this.tpAll++;
        } else if (this.keepExamples) {
          const other = gold.filter((g) => g.start < p.end && p.start < g.end).map((g) => g.type);
          const neg = negByTurn[ti]!.find((n) => n.start < p.end && p.start < n.end);
          const why =
            other.length > 0
              ? `on ${[...new Set(other)].join('+')}`
              : neg
                ? `on hard negative ${neg.kind}`
                : 'on plain text';
          this.example(p.type, 'FP', why, text, p.start, p.end, gold);
        }
      }

      for (const n of negByTurn[ti]!) {
        let row = this.negTotal.get(n.kind);
        if (!row) {
          row = { total: 0, hit: 0 };
          this.negTotal.set(n.kind, row);
        }
        row.total++;
        if (pr.some((p) => p.start < n.end && n.start < p.end)) row.hit++;
      }
    }
  }

  private example(
    type: string,
    kind: ErrorExample['kind'],
    detail: string,
    text: string,
    start: number,
    end: number,
    gold: readonly Label[],
  ): void {
    let map = this.errors.get(type);
    if (!map) {
      map = new Map();
      this.errors.set(type, map);
    }
    const before = wordsBefore(text, start, 3);
    const after = wordsAfter(text, end, 2);
    const value = maskValue(text.slice(start, end)).replace(/\s*\n\s*/g, ' / ');
    const ctxB = maskContext(text, before, start, gold).trimStart();
    const ctxA = maskContext(text, end, after, gold).trimEnd();
    // The signature groups errors of one shape: the words around it and the value's masked form.
    const signature = `${kind} ${detail}: ${lowerWords(ctxB)}[${value.replace(/#+/g, '#')}]${lowerWords(ctxA)}`;
    const hit = map.get(signature);
    if (hit) hit.count++;
    else if (map.size < MAX_SIGNATURES)
      map.set(signature, { kind, count: 1, signature, example: `${ctxB}[${value}]${ctxA}` });
  }

  result(topExamples = 10): ScoreResult {
    const types: TypeScore[] = [];
    for (const [type, c] of this.byType) types.push(typeScore(type, c));
    types.sort((a, b) => order(a.type) - order(b.type));
    const rows = (map: Map<string, Counts>): BreakdownRow[] =>
      [...map.entries()]
        .map(([k, c]) => {
          const [type, key] = k.split('\u0000') as [string, string];
          return {
            type,
            key,
            support: c.support,
            found: c.found,
            recall: ratio(c.found, c.support),
            leak: ratio(c.leakChars, c.goldChars),
          };
        })
        .sort((a, b) => order(a.type) - order(b.type) || a.key.localeCompare(b.key));
    const support = types.reduce((a, t) => a + t.support, 0);
    const found = types.reduce((a, t) => a + t.found, 0);
    const precision = ratio(this.tpAll, this.predAll);
    const recall = ratio(found, support);
    const errors: Record<string, ErrorExample[]> = {};
    for (const [type, map] of this.errors) {
      errors[type] = [...map.values()].sort((a, b) => b.count - a.count).slice(0, topExamples);
    }
    return {
      records: this.records,
      turns: this.turns,
      chars: this.chars,
      types,
      forms: rows(this.byForm),
      variants: rows(this.byVariant),
      micro: { precision, recall, f1: f1(precision, recall) },
      leak: ratio(this.leaked, this.sensitive),
      over: ratio(this.over, this.plain),
      sensitiveChars: this.sensitive,
      hardNegatives: [...this.negTotal.entries()]
        .map(([kind, r]) => ({ kind, ...r }))
        .sort((a, b) => a.kind.localeCompare(b.kind)),
      errors,
    };
  }
}

/** Report order: the engine's own list of types. */
const TYPE_ORDER: readonly string[] = ENTITY_TYPES;

function order(type: string): number {
  const i = TYPE_ORDER.indexOf(type);
  return i < 0 ? 100 : i;
}

function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : a / b;
}

function f1(p: number, r: number): number {
  if (Number.isNaN(p) || Number.isNaN(r)) return Number.NaN;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function typeScore(type: string, c: Counts): TypeScore {
  const precision = ratio(c.tp, c.pred);
  const recall = ratio(c.found, c.support);
  return {
    type,
    support: c.support,
    found: c.found,
    predicted: c.pred,
    truePositives: c.tp,
    precision,
    recall,
    // A type nobody predicts and nobody labels has no score; one that is labelled but never predicted scores 0.
    f1: c.support > 0 && c.pred === 0 ? 0 : f1(precision, recall),
    leak: ratio(c.leakChars, c.goldChars),
  };
}

function wordsBefore(text: string, pos: number, n: number): number {
  let i = pos;
  let words = 0;
  while (i > 0 && pos - i < 60) {
    if (/\s/.test(text[i - 1]!) && i < pos && !/\s/.test(text[i]!)) {
      words++;
      if (words > n) break;
    }
    i--;
  }
  return i;
}

function wordsAfter(text: string, pos: number, n: number): number {
  let i = pos;
  let words = 0;
  while (i < text.length && i - pos < 40) {
    if (/\s/.test(text[i]!) && i > pos && !/\s/.test(text[i - 1]!)) {
      words++;
      if (words >= n + 1) break;
    }
    i++;
  }
  return i;
}

function lowerWords(s: string): string {
  return s.toLowerCase();
}
