/**
 * Expands the paths given to `scan` into the list of files to read. Folders are walked
 * recursively in a stable (sorted) order and only files with a known extension are taken; a
 * file named explicitly with an unknown extension is read as plain text. Symbolic links to
 * folders are not followed (no loops). `-` is standard input, read as Interaction JSON Lines.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { describeIoError, FormatError, kindOf } from '../formats/index.js';
import type { InputFile } from './types.js';

export const STDIN = '-';

export interface ExpandedInputs {
  files: InputFile[];
  /** Files left out of folders because of their extension (reported with --verbose). */
  skipped: string[];
  /** Paths that could not be read at all. */
  errors: FormatError[];
  /** Real paths of the folders given (a redaction output may not lie inside one). */
  roots: string[];
}

async function walk(dir: string, display: string, rel: string, out: ExpandedInputs): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    out.errors.push(new FormatError('E_READ', display, undefined, describeIoError(e)));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const abs = join(dir, e.name);
    const shown = join(display, e.name);
    const r = rel === '' ? e.name : join(rel, e.name);
    if (e.isDirectory()) {
      await walk(abs, shown, r, out);
      continue;
    }
    if (e.isSymbolicLink()) {
      // Follow links to files, never to folders.
      try {
        const st = await stat(abs);
        if (!st.isFile()) {
          out.skipped.push(`${shown} (link to a folder)`);
          continue;
        }
      } catch {
        out.skipped.push(`${shown} (broken link)`);
        continue;
      }
    } else if (!e.isFile()) {
      continue;
    }
    const kind = kindOf(e.name);
    if (!kind) {
      out.skipped.push(shown);
      continue;
    }
    let size = 0;
    try {
      size = (await stat(abs)).size;
    } catch (err) {
      out.errors.push(new FormatError('E_READ', shown, undefined, describeIoError(err)));
      continue;
    }
    out.files.push({ display: shown, abs: resolve(abs), kind, size, outRel: r });
  }
}

export async function expandInputs(paths: readonly string[]): Promise<ExpandedInputs> {
  const out: ExpandedInputs = { files: [], skipped: [], errors: [], roots: [] };
  for (const p of paths) {
    if (p === STDIN) {
      out.files.push({ display: '<stdin>', kind: 'jsonl', size: 0, outRel: 'stdin.jsonl' });
      continue;
    }
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(p);
    } catch (e) {
      out.errors.push(new FormatError('E_READ', p, undefined, describeIoError(e)));
      continue;
    }
    if (st.isDirectory()) {
      out.roots.push(await realpath(p));
      await walk(p, p, '', out);
    } else {
      out.files.push({
        display: p,
        abs: resolve(p),
        kind: kindOf(p) ?? 'text',
        size: st.size,
        outRel: basename(p),
      });
    }
  }
  return out;
}

/** True when `child` is `parent` or lies inside it (both absolute, normalized). */
export function isInside(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r === '' || !(r === '..' || r.startsWith(`..${sep}`) || isAbsolute(r));
}
