/**
 * The fingerprint key (HMAC-SHA256) for the `fingerprint` operator: from a file or from the
 * SEALDESK_FINGERPRINT_KEY environment variable, as base64 or hex, at least 16 bytes. Errors
 * never include the key material.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.js';

export const FINGERPRINT_KEY_ENV = 'SEALDESK_FINGERPRINT_KEY';
const MIN_KEY_BYTES = 16;

export function decodeKey(text: string, where: string): Uint8Array {
  const t = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0) key = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t))
    key = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
  if (!key || key.length === 0)
    throw new ConfigError('E_FINGERPRINT_KEY', `${where}: the key must be base64 or hex`);
  if (key.length < MIN_KEY_BYTES) {
    throw new ConfigError(
      'E_FINGERPRINT_KEY',
      `${where}: the key is too short (${key.length} bytes; at least ${MIN_KEY_BYTES})`,
    );
  }
  return new Uint8Array(key);
}

/** The key from `--fingerprint-key-file` (wins) or the environment; undefined when neither is set. */
export function loadFingerprintKey(file: string | undefined, env: NodeJS.ProcessEnv): Uint8Array | undefined {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError('E_FINGERPRINT_KEY', `--fingerprint-key-file ${file}: cannot read the file`);
    }
    return decodeKey(text, `--fingerprint-key-file ${file}`);
  }
  const v = env[FINGERPRINT_KEY_ENV];
  if (v !== undefined && v.trim() !== '') return decodeKey(v, FINGERPRINT_KEY_ENV);
  return undefined;
}
