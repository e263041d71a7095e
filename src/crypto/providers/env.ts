/**
 * KEK from the environment, for containers whose secret store injects variables:
 *   SEALDESK_KEK          the current KEK, 32 bytes as 64 hex digits or base64 (standard or URL-safe)
 *   SEALDESK_KEK_VERSION  its version (default 1)
 *   SEALDESK_KEK_<N>      older versions still needed to unwrap keys wrapped before a rotation
 * Rotation happens outside Sealdesk (new SEALDESK_KEK, version + 1, old key kept as SEALDESK_KEK_<old>);
 * rotate() therefore refuses and says how. All variables are validated at construction.
 */
import { decodeBase64Strict, decodeHexStrict } from '../base64.js';
import { CryptoError } from '../errors.js';
import { assertVersion, unwrapWithKek, wrapWithKek } from '../kek-wrap.js';
import { KEY_BYTES, zeroize } from '../keys.js';
import type { KeyProvider, WrappedKey } from '../provider.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Decodes one variable; the message names the variable and the defect, never the value. */
export function decodeKekVariable(name: string, raw: string): Buffer {
  const s = raw.trim();
  const bytes = (s.length === 64 ? decodeHexStrict(s) : null) ?? decodeBase64Strict(s);
  if (bytes === null) {
    throw new CryptoError(
      'E_KEY_ENV_INVALID',
      `${name} is neither 64 hex digits nor base64 (generate one with: openssl rand -base64 32)`,
    );
  }
  if (bytes.length !== KEY_BYTES) {
    const got = bytes.length;
    zeroize(bytes);
    throw new CryptoError(
      'E_KEY_ENV_INVALID',
      `${name} decodes to ${got} bytes; a KEK is ${KEY_BYTES} bytes`,
    );
  }
  return bytes;
}

export class EnvKeyProvider implements KeyProvider {
  readonly kind = 'env' as const;
  private readonly current: number;
  private readonly keys = new Map<number, Buffer>();

  constructor(env: Env = process.env) {
    const raw = env.SEALDESK_KEK;
    if (raw === undefined || raw.trim() === '') {
      throw new CryptoError('E_KEY_ENV_INVALID', 'SEALDESK_KEK is not set');
    }
    const versionText = env.SEALDESK_KEK_VERSION?.trim() || '1';
    if (!/^[1-9][0-9]{0,8}$/.test(versionText)) {
      throw new CryptoError('E_KEY_ENV_INVALID', 'SEALDESK_KEK_VERSION must be a positive integer');
    }
    this.current = Number(versionText);
    this.keys.set(this.current, decodeKekVariable('SEALDESK_KEK', raw));
    for (const [name, value] of Object.entries(env)) {
      const m = /^SEALDESK_KEK_([1-9][0-9]{0,8})$/.exec(name);
      if (!m || value === undefined || value.trim() === '') continue;
      const version = Number(m[1]);
      if (version === this.current) {
        throw new CryptoError(
          'E_KEY_ENV_INVALID',
          `${name} names the current version ${version}; the current key belongs in SEALDESK_KEK`,
        );
      }
      this.keys.set(version, decodeKekVariable(name, value));
    }
  }

  describe(): string {
    return `environment variable SEALDESK_KEK (version ${this.current})`;
  }

  async currentVersion(): Promise<number> {
    return this.current;
  }

  async wrap(dataKey: Uint8Array): Promise<WrappedKey> {
    return wrapWithKek(this.keys.get(this.current)!, this.current, dataKey);
  }

  async wrapMany(dataKeys: readonly Uint8Array[]): Promise<WrappedKey[]> {
    const kek = this.keys.get(this.current)!;
    return dataKeys.map((k) => wrapWithKek(kek, this.current, k));
  }

  async unwrap(wrapped: WrappedKey): Promise<Buffer> {
    assertVersion(wrapped?.kekVersion);
    const kek = this.keys.get(wrapped.kekVersion);
    if (!kek) {
      throw new CryptoError(
        'E_KEK_VERSION_UNKNOWN',
        `KEK version ${wrapped.kekVersion} is not available: set SEALDESK_KEK_${wrapped.kekVersion} to that key ` +
          `(the current version is ${this.current})`,
      );
    }
    return unwrapWithKek(kek, wrapped, 'environment');
  }

  async rotate(): Promise<number> {
    throw new CryptoError(
      'E_ROTATE_UNSUPPORTED',
      'the environment key provider cannot create keys: put the old key in ' +
        `SEALDESK_KEK_${this.current}, a new key in SEALDESK_KEK, set SEALDESK_KEK_VERSION=${this.current + 1}, ` +
        'restart, then rewrap the data keys',
    );
  }

  close(): void {
    for (const k of this.keys.values()) zeroize(k);
  }
}
