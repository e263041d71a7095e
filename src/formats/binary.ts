/** The binary-file check shared by every reader: a NUL byte in the first 8 KB, as git and grep do. */
export const BINARY_SNIFF_BYTES = 8192;

export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (head[i] === 0) return true;
  return false;
}

export const BINARY_MESSAGE = 'binary file (NUL bytes in the first 8 KB); skipped';
