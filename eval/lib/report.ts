/**
 * The evaluation report: targets, a text table for people and the PASS/MISS verdicts. Targets are
 * reported, never asserted: the engine grows recognizer by recognizer, and the report says how far
 * each one is.
 */
import type { BreakdownRow, ScoreResult, TypeScore } from './score.js';

export const TARGETS = {
  cardRecall: 0.995,
  cardPrecision: 0.99,
  f1: 0.95,
  /** Types whose boundaries and cues are fuzzier by nature. */
  softF1: 0.85,
  softTypes: ['PERSON', 'POSTAL_ADDRESS'] as readonly string[],
  leak: 0.005,
  over: 0.01,
};

export interface Verdict {
  what: string;
  target: string;
  value: number;
  pass: boolean;
}

export function verdicts(r: ScoreResult): Verdict[] {
  const out: Verdict[] = [];
  for (const t of r.types) {
    if (t.support === 0) continue;
    if (t.type === 'CREDIT_CARD') {
      out.push({
        what: 'CREDIT_CARD recall',
        target: `>= ${pct(TARGETS.cardRecall)}`,
        value: t.recall,
        pass: t.recall >= TARGETS.cardRecall,
      });
      out.push({
        what: 'CREDIT_CARD precision',
        target: `>= ${pct(TARGETS.cardPrecision)}`,
        value: t.precision,
        pass: t.precision >= TARGETS.cardPrecision,
      });
      for (const f of r.forms.filter((x) => x.type === 'CREDIT_CARD')) {
        out.push({
          what: `CREDIT_CARD recall (${f.key})`,
          target: `>= ${pct(TARGETS.cardRecall)}`,
          value: f.recall,
          pass: f.recall >= TARGETS.cardRecall,
        });
      }
      continue;
    }
    const goal = TARGETS.softTypes.includes(t.type) ? TARGETS.softF1 : TARGETS.f1;
    out.push({ what: `${t.type} F1`, target: `>= ${goal.toFixed(2)}`, value: t.f1, pass: t.f1 >= goal });
  }
  out.push({ what: 'leak', target: `<= ${pct(TARGETS.leak)}`, value: r.leak, pass: r.leak <= TARGETS.leak });
  out.push({ what: 'over', target: `<= ${pct(TARGETS.over)}`, value: r.over, pass: r.over <= TARGETS.over });
  return out;
}

export function pct(x: number, digits = 2): string {
  return Number.isNaN(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
}

function num(x: number, digits = 3): string {
  return Number.isNaN(x) ? '—' : x.toFixed(digits);
}

/** A plain-text table with right-aligned numeric columns. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  leftColumns = 1,
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function typeTarget(t: TypeScore): string {
  if (t.type === 'CREDIT_CARD') return `R>=${pct(TARGETS.cardRecall, 1)} P>=${pct(TARGETS.cardPrecision, 0)}`;
  return `F1>=${(TARGETS.softTypes.includes(t.type) ? TARGETS.softF1 : TARGETS.f1).toFixed(2)}`;
}

function typePass(t: TypeScore): boolean {
  if (t.type === 'CREDIT_CARD') return t.recall >= TARGETS.cardRecall && t.precision >= TARGETS.cardPrecision;
  return t.f1 >= (TARGETS.softTypes.includes(t.type) ? TARGETS.softF1 : TARGETS.f1);
}

function formRows(rows: readonly BreakdownRow[]): string[][] {
  return rows.map((f) => [`${f.type} ${f.key}`, String(f.support), pct(f.recall), pct(f.leak)]);
}

export function textReport(r: ScoreResult, title: string, examples: number): string {
  const out: string[] = [title, ''];
  out.push(
    table(
      ['type', 'support', 'pred', 'precision', 'recall', 'F1', 'leak', 'target', 'result'],
      r.types
        .filter((t) => t.support > 0 || t.predicted > 0)
        .map((t) => [
          t.type,
          String(t.support),
          String(t.predicted),
          pct(t.precision),
          pct(t.recall),
          num(t.f1),
          pct(t.leak),
          t.support > 0 ? typeTarget(t) : 'no labels',
          t.support > 0 ? (typePass(t) ? 'PASS' : 'MISS') : '',
        ]),
      1,
    ),
  );
  out.push('');
  out.push('CREDIT_CARD by form (recall target >= 99.5% for each):');
  out.push(
    table(['form', 'support', 'recall', 'leak'], formRows(r.forms.filter((f) => f.type === 'CREDIT_CARD'))),
  );
  out.push('');
  out.push('Other spoken values (recall by form):');
  out.push(
    table(
      ['type form', 'support', 'recall', 'leak'],
      formRows(r.forms.filter((f) => f.type !== 'CREDIT_CARD' && f.key !== 'typed')),
    ),
  );
  out.push('');
  const v = verdicts(r);
  out.push(
    `overall: precision ${pct(r.micro.precision)}, recall ${pct(r.micro.recall)}, ` +
      `leak ${pct(r.leak)} (target <= ${pct(TARGETS.leak)}: ${r.leak <= TARGETS.leak ? 'PASS' : 'MISS'}), ` +
      `over ${pct(r.over)} (target <= ${pct(TARGETS.over)}: ${r.over <= TARGETS.over ? 'PASS' : 'MISS'})`,
  );
  out.push(`targets: ${v.filter((x) => x.pass).length} PASS, ${v.filter((x) => !x.pass).length} MISS`);
  out.push('');
  out.push('hard negatives touched by a finding:');
  out.push(
    table(
      ['kind', 'total', 'hit', 'rate'],
      r.hardNegatives.map((n) => [n.kind, String(n.total), String(n.hit), pct(n.hit / n.total)]),
    ),
  );
  if (examples > 0) {
    out.push('');
    out.push(`most frequent errors per type (values masked; top ${examples}):`);
    for (const t of r.types) {
      const list = r.errors[t.type];
      if (!list || list.length === 0) continue;
      out.push(`  ${t.type}`);
      for (const e of list)
        out.push(
          `    ${String(e.count).padStart(5)}  ${e.kind.padEnd(7)} ${e.signature.slice(e.kind.length + 1, e.signature.indexOf(':'))}: ${e.example}`,
        );
    }
  }
  return out.join('\n');
}
