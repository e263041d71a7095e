/**
 * The machine-readable reports. `jsonl` is the Findings JSON Lines contract of PRODUCT.md,
 * exactly: one `{"id","findings":[{turn,start,end,type,score}]}` line per input record, in input
 * order (`value` is added to each finding only with --show-values). `json` is one document,
 * streamed so that memory stays bounded: `records` (as jsonl, plus the file and line), then
 * `files` (counts and errors per file) and `summary`.
 */
import type { TurnFinding } from '../detect/index.js';
import { writeWithBackpressure } from '../formats/index.js';
import { contractFindings, roundScore } from './findings.js';
import type { ReporterFactory, ScanReporter, ScanResult } from './run.js';
import type { InputFile, ScanRecord } from './types.js';

export function jsonlReporter(showValues: boolean): ReporterFactory {
  return (out) => ({
    async begin() {},
    async record(_file: InputFile, rec: ScanRecord, findings: TurnFinding[]) {
      await writeWithBackpressure(
        out,
        `${JSON.stringify({ id: rec.id, findings: contractFindings(rec, findings, showValues) })}\n`,
      );
    },
    async end() {},
  });
}

export function summaryObject(result: ScanResult) {
  const s = result.stats;
  const byType: Record<string, { findings: number; records: number }> = {};
  for (const [type, t] of [...s.byType.entries()].sort(
    (a, b) => b[1].findings - a[1].findings || (a[0] < b[0] ? -1 : 1),
  )) {
    byType[type] = { findings: t.findings, records: t.records };
  }
  return {
    files: result.files.length,
    records: s.records,
    records_with_findings: s.recordsWithFindings,
    findings: s.findings,
    by_type: byType,
    errors: s.errors,
    skipped_files: result.skipped.length,
    fail_on_matched: result.failOnMatched,
    exit_code: result.exitCode,
  };
}

export function jsonReporter(showValues: boolean): ReporterFactory {
  return (out): ScanReporter => {
    let first = true;
    const write = (s: string) => writeWithBackpressure(out, s);
    return {
      async begin() {
        await write('{\n  "records": [');
      },
      async record(file: InputFile, rec: ScanRecord, findings: TurnFinding[]) {
        const entry = {
          file: file.display,
          line: rec.line,
          id: rec.id,
          findings: contractFindings(rec, findings, showValues).map((c, i) => {
            const f = findings[i]!;
            return {
              ...c,
              score: roundScore(f.score),
              recognizer: f.recognizer,
              ...(f.spoken ? { spoken: true } : {}),
              ...(f.split ? { split: true } : {}),
              ...(rec.turnLines ? { line: rec.turnLines[f.turn] } : {}),
              ...(rec.turnLabels ? { column: rec.turnLabels[f.turn] } : {}),
            };
          }),
        };
        await write(`${first ? '\n' : ',\n'}    ${JSON.stringify(entry)}`);
        first = false;
      },
      async end(result: ScanResult) {
        const files = result.files.map((f, i) => {
          const st = result.stats.files[i]!;
          return {
            path: f.display,
            format: f.kind,
            bytes: f.size,
            records: st.records,
            records_with_findings: st.recordsWithFindings,
            findings: st.findings,
            by_type: st.byType,
            readable: !st.unreadable,
            errors: st.errorList,
            ...(st.errors > st.errorList.length
              ? { errors_not_listed: st.errors - st.errorList.length }
              : {}),
          };
        });
        const tail = {
          files,
          input_errors:
            result.inputErrors.length > 0
              ? result.inputErrors.map((e) => ({ path: e.file, code: e.code, message: e.detail }))
              : undefined,
          skipped: result.options.verbose ? result.skipped : undefined,
          summary: summaryObject(result),
        };
        const body = JSON.stringify(tail, null, 2).slice(1); // drop the opening brace: we are inside the document
        await write(`${first ? '' : '\n  '}],${body}\n`);
      },
    };
  };
}
