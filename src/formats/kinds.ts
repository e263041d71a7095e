/** Which reader handles a file, by its extension (case-insensitive). */
import { extname } from 'node:path';

export type InputKind = 'jsonl' | 'text' | 'csv' | 'eml' | 'mbox';

const BY_EXTENSION: Record<string, InputKind> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.txt': 'text',
  '.log': 'text',
  '.md': 'text',
  '.csv': 'csv',
  '.eml': 'eml',
  '.mbox': 'mbox',
};

export const KNOWN_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

export function kindOf(path: string): InputKind | undefined {
  return BY_EXTENSION[extname(path).toLowerCase()];
}
