/** Readers and writers for the input formats: Interaction JSON Lines, CSV, EML/mbox, plain text. */
export { BINARY_MESSAGE, looksBinary } from './binary.js';
export * from './csv.js';
export * from './email.js';
export { describeIoError, FormatError, type FormatErrorCode } from './errors.js';
export { decodeEntities, htmlToText } from './html.js';
export * from './interaction.js';
export * from './jsonl.js';
export { type InputKind, KNOWN_EXTENSIONS, kindOf } from './kinds.js';
export { DEFAULT_MAX_LINE_BYTES, decodeLine, type RawLine, type SplitOptions, splitLines } from './lines.js';
export { fileChunks, READ_CHUNK_BYTES } from './source.js';
export { blankLabel, labelTurns, type SpeakerLabel, speakerLabel } from './speaker-label.js';
export * from './text.js';
