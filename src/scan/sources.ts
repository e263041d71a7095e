/**
 * Every input kind as one stream of scan records. The readers live in src/formats; this module
 * decides what a record is for the scan (which texts are turns, which names are known) and
 * keeps what the redacted copy needs.
 */

import { plausiblePersonName, type TurnFinding } from '../detect/index.js';
import {
  blankLabel,
  type CsvItem,
  type FormatError,
  findIdColumn,
  type Interaction,
  knownNames,
  labelTurns,
  readCsv,
  readEmlFile,
  readJsonLines,
  readMbox,
  readText,
  type SpeakerLabel,
  selectTextColumns,
} from '../formats/index.js';
import type { InputFile, ScanRecord } from './types.js';

export type SourceItem =
  | { record: ScanRecord; error?: undefined; header?: undefined }
  | { error: FormatError; record?: undefined; header?: undefined }
  | { header: string[]; record?: undefined; error?: undefined };

export interface SourceOptions {
  columns?: string[];
  onBytes?: (n: number) => void;
  /** Opens the file's bytes (a file stream, or stdin). */
  open: () => AsyncIterable<Uint8Array | string>;
}

function interactionTurns(i: Interaction) {
  return i.turns.map((t) => ({ speaker: t.speaker, text: t.text }));
}

async function* jsonlSource(fileIndex: number, f: InputFile, o: SourceOptions): AsyncGenerator<SourceItem> {
  for await (const item of readJsonLines(o.open(), { file: f.display, onBytes: o.onBytes })) {
    if (item.error) {
      yield { error: item.error };
      continue;
    }
    yield {
      record: {
        file: fileIndex,
        id: item.record.id,
        line: item.line,
        turns: interactionTurns(item.record),
        knownNames: knownNames(item.record),
        independent: false,
        payload: { kind: 'jsonl', raw: item.raw },
      },
    };
  }
}

/** PERSON findings for the names in speaker labels that are among `persons` (see ScanRecord). */
function labelNameFindings(
  labels: readonly (SpeakerLabel | null)[],
  persons: ReadonlySet<string>,
): TurnFinding[] {
  const out: TurnFinding[] = [];
  labels.forEach((label, turn) => {
    const name = label?.name;
    if (!name || !persons.has(name.text)) return;
    out.push({
      type: 'PERSON',
      turn,
      start: name.start,
      end: name.start + name.text.length,
      score: 0.95,
      recognizer: 'speaker-label',
      normalized: name.text.toLowerCase(),
    });
  });
  return out;
}

async function* textSource(fileIndex: number, f: InputFile, o: SourceOptions): AsyncGenerator<SourceItem> {
  for await (const item of readText(o.open(), { file: f.display, onBytes: o.onBytes })) {
    if (item.error) {
      yield { error: item.error };
      continue;
    }
    const r = item.record;
    // A transcript's speaker labels ("[00:01:23] Agent:") give each line its speaker and are
    // blanked for the analysis (same length, so columns stay exact); lines without labels are
    // one speaker's, so consecutive lines join and a number split over lines is found.
    const { speakers, labels, names } = labelTurns(r.lines.map((l) => l.text));
    // Each distinct name is judged once: a label repeats on every line its speaker says.
    const persons = names.filter((n) => plausiblePersonName(n));
    yield {
      record: {
        file: fileIndex,
        id: r.id,
        line: r.firstLine,
        turns: r.lines.map((l, i) => ({ speaker: speakers[i]!, text: blankLabel(l.text, labels[i]!) })),
        turnLines: r.lines.map((l) => l.line),
        turnCols: r.lines.map((l) => l.col),
        // Names in the labels ("Customer (Jane Doe):", "[10:04] Jane Doe:") are the speakers':
        // known names, so the analysis finds them there and wherever the talk repeats them.
        knownNames: persons,
        labelFindings: labelNameFindings(labels, new Set(persons)),
        independent: false,
        payload: {
          kind: 'text',
          eols: r.lines.map((l) => l.eol),
          labels: r.lines.map((l, i) => l.text.slice(0, labels[i]?.length ?? 0)),
        },
      },
    };
  }
}

async function* csvSource(fileIndex: number, f: InputFile, o: SourceOptions): AsyncGenerator<SourceItem> {
  let header: string[] | undefined;
  let columns: number[] = [];
  for await (const item of readCsv(o.open(), {
    file: f.display,
    onBytes: o.onBytes,
  }) as AsyncIterable<CsvItem>) {
    if (item.error) {
      yield { error: item.error };
      continue;
    }
    if (item.header) {
      header = item.header;
      columns = selectTextColumns(header, o.columns, findIdColumn(header), f.display);
      yield { header };
      continue;
    }
    const row = item.row;
    if (!header) continue;
    const labels = columns.map((c) => header![c] ?? `column ${c + 1}`);
    // Fields beyond the header (ragged rows) are scanned too when no columns were chosen.
    const extra: number[] = [];
    if (!o.columns || o.columns.length === 0)
      for (let c = header.length; c < row.values.length; c++) extra.push(c);
    const all = [...columns, ...extra];
    yield {
      record: {
        file: fileIndex,
        id: row.id,
        line: row.line,
        turns: all.map((c) => ({ speaker: 'customer' as const, text: row.values[c] ?? '' })),
        turnLabels: [...labels, ...extra.map((c) => `column ${c + 1}`)],
        knownNames: [],
        independent: true,
        payload: { kind: 'csv', values: row.values, columns: all },
      },
    };
  }
}

function emailRecord(
  fileIndex: number,
  kind: 'eml' | 'mbox',
  line: number,
  record: Interaction,
  headerBlock: string,
  separator: string | undefined,
): ScanRecord {
  return {
    file: fileIndex,
    id: record.id,
    line,
    turns: interactionTurns(record),
    knownNames: knownNames(record),
    independent: false,
    payload: separator === undefined ? { kind, headerBlock } : { kind, headerBlock, separator },
  };
}

async function* emlSource(fileIndex: number, f: InputFile, o: SourceOptions): AsyncGenerator<SourceItem> {
  const item = await readEmlFile(f.abs!, { file: f.display, onBytes: o.onBytes });
  if (item.error) yield { error: item.error };
  else yield { record: emailRecord(fileIndex, 'eml', 1, item.record, item.headerBlock, undefined) };
}

async function* mboxSource(fileIndex: number, f: InputFile, o: SourceOptions): AsyncGenerator<SourceItem> {
  for await (const item of readMbox(o.open(), { file: f.display, onBytes: o.onBytes })) {
    if (item.error) yield { error: item.error };
    else
      yield {
        record: emailRecord(fileIndex, 'mbox', item.line, item.record, item.headerBlock, item.separator),
      };
  }
}

export function recordsOf(fileIndex: number, f: InputFile, o: SourceOptions): AsyncGenerator<SourceItem> {
  switch (f.kind) {
    case 'jsonl':
      return jsonlSource(fileIndex, f, o);
    case 'text':
      return textSource(fileIndex, f, o);
    case 'csv':
      return csvSource(fileIndex, f, o);
    case 'eml':
      return emlSource(fileIndex, f, o);
    case 'mbox':
      return mboxSource(fileIndex, f, o);
  }
}
