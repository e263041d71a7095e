/**
 * The benchmark corpus: labelled interactions from the evaluation generator, generated once per
 * (seed, size, generator output) and cached under .bench-cache/ (git-ignored) as Interaction JSON
 * Lines plus a labels file. Sizes count the UTF-8 bytes of turn texts, the text the engine reads:
 * 1 MB = 10^6 bytes.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type WriteStream,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateInteractions, generateRecord } from '../../eval/generate.js';
import type { CorpusInteraction, LabelLine, LabelledRecord } from '../../eval/lib/types.js';

export interface CorpusFiles {
  interactions: string;
  labels: string;
  records: number;
  bytes: number;
  cached: boolean;
}

export function textBytes(i: CorpusInteraction): number {
  let n = 0;
  for (const t of i.turns) n += Buffer.byteLength(t.text, 'utf8');
  return n;
}

/**
 * Changes whenever the generator changes: a hash of its compiled code (every module next to
 * eval/generate.js) and of its first records, so a stale cache is never reused.
 */
function generatorFingerprint(seed: number): string {
  const h = createHash('sha256');
  const evalDir = fileURLToPath(new URL('../../eval/', import.meta.url));
  const files = readdirSync(evalDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js') && !f.includes('run.js'))
    .sort();
  for (const f of files) h.update(f).update(readFileSync(join(evalDir, f)));
  for (let i = 0; i < 8; i++) h.update(JSON.stringify(generateRecord(seed, i)));
  return h.digest('hex').slice(0, 10);
}

async function write(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

async function finish(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

export async function ensureCorpus(
  cacheDir: string,
  seed: number,
  megabytes: number,
  log: (s: string) => void,
): Promise<CorpusFiles> {
  mkdirSync(cacheDir, { recursive: true });
  const base = join(cacheDir, `detect-s${seed}-${megabytes}mb-${generatorFingerprint(seed)}`);
  const files = { interactions: `${base}.jsonl`, labels: `${base}.labels.jsonl`, meta: `${base}.meta.json` };
  if (existsSync(files.meta) && existsSync(files.interactions) && existsSync(files.labels)) {
    const meta = JSON.parse(readFileSync(files.meta, 'utf8')) as { records: number; bytes: number };
    return {
      interactions: files.interactions,
      labels: files.labels,
      records: meta.records,
      bytes: meta.bytes,
      cached: true,
    };
  }
  // Corpora of this seed and size made by an older generator are stale: remove them.
  const stem = `detect-s${seed}-${megabytes}mb-`;
  for (const f of readdirSync(cacheDir)) {
    if (f.startsWith(stem) && !f.startsWith(`${stem}${base.slice(base.lastIndexOf('-') + 1)}.`)) {
      rmSync(join(cacheDir, f), { force: true });
    }
  }
  log(`generating a ${megabytes} MB corpus (seed ${seed}) into ${base}.*`);
  const t0 = performance.now();
  const tmp = { interactions: `${files.interactions}.tmp`, labels: `${files.labels}.tmp` };
  const out = createWriteStream(tmp.interactions);
  const lab = createWriteStream(tmp.labels);
  const target = megabytes * 1e6;
  let bytes = 0;
  let records = 0;
  for (const r of generateInteractions(seed, Number.MAX_SAFE_INTEGER)) {
    await write(out, `${JSON.stringify(r.interaction)}\n`);
    const line: LabelLine = { id: r.interaction.id, labels: r.labels, negatives: r.negatives };
    await write(lab, `${JSON.stringify(line)}\n`);
    bytes += textBytes(r.interaction);
    records++;
    if (bytes >= target) break;
  }
  await finish(out);
  await finish(lab);
  renameSync(tmp.interactions, files.interactions);
  renameSync(tmp.labels, files.labels);
  writeFileSync(files.meta, JSON.stringify({ seed, megabytes, records, bytes }));
  log(
    `  ${records} interactions, ${(bytes / 1e6).toFixed(1)} MB of text in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { interactions: files.interactions, labels: files.labels, records, bytes, cached: false };
}

function lines(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** Interactions [from, to) of a corpus file (only those lines are parsed). */
export function loadInteractions(path: string, from = 0, to = Number.POSITIVE_INFINITY): CorpusInteraction[] {
  return lines(path)
    .slice(from, to)
    .map((l) => JSON.parse(l) as CorpusInteraction);
}

export function loadRecords(files: CorpusFiles): LabelledRecord[] {
  const interactions = loadInteractions(files.interactions);
  const labels = lines(files.labels);
  return interactions.map((interaction, i) => {
    const l = JSON.parse(labels[i]!) as LabelLine;
    if (l.id !== interaction.id) throw new Error(`E_BENCH_CORPUS: labels out of step at line ${i + 1}`);
    return { interaction, labels: l.labels, negatives: l.negatives };
  });
}
