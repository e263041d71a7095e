/** File chunk sources whose I/O errors surface as FormatError E_READ (no OS message echoing paths twice). */
import { createReadStream } from 'node:fs';
import { describeIoError, FormatError } from './errors.js';

export const READ_CHUNK_BYTES = 64 * 1024;

export async function* fileChunks(path: string, file = path): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    throw new FormatError('E_READ', file, undefined, describeIoError(e));
  } finally {
    stream.destroy();
  }
}
