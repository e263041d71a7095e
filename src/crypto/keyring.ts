/**
 * The one place that holds unwrapped keys at run time: the system keys (blind-index, fingerprint,
 * originals), keys derived from them, and a bounded cache of per-customer data keys. Everything it
 * holds is zeroized on eviction and on close().
 *
 * Ownership: buffers returned by newDataKey() and openDataKey() are the caller's own copies, so the
 * cache evicting (and zeroizing) its copy can never turn a key the caller is using into zeros.
 */
import { BLIND_INDEX_KINDS, type BlindIndexKind, blindIndexValue } from './blind-index.js';
import { CryptoError } from './errors.js';
import { generateKey, hkdf, KEY_BYTES, zeroize } from './keys.js';
import { KeyCache } from './lru.js';
import { type KeyProvider, type WrappedKey, wrapKeys } from './provider.js';

export type SystemKeyPurpose = 'blind-index' | 'fingerprint' | 'originals';
export const SYSTEM_KEY_PURPOSES: readonly SystemKeyPurpose[] = ['blind-index', 'fingerprint', 'originals'];

/** Stored wrapped in the database (keyring table). */
export interface SystemKeyRecord {
  purpose: SystemKeyPurpose;
  kekVersion: number;
  blob: Buffer;
}

export interface KeyringOptions {
  /** Most data keys kept unwrapped at once (default 10,000: 320 KB of keys). */
  cacheSize?: number;
}

export const DEFAULT_DATA_KEY_CACHE = 10_000;

function cacheId(w: WrappedKey): string {
  return `${w.kekVersion}:${Buffer.from(w.blob).toString('base64')}`;
}

export class Keyring {
  readonly provider: KeyProvider;
  private readonly system: Map<SystemKeyPurpose, Buffer>;
  /** Derived per kind (and per optional scope), keyed "kind" or "kind/scope". */
  private readonly indexKeys = new Map<string, Buffer>();
  private readonly cache: KeyCache;
  /** One provider call per wrapped key even when many requests for it arrive together (Vault round trips). */
  private readonly pending = new Map<string, Promise<Buffer>>();
  private closed = false;

  private constructor(provider: KeyProvider, system: Map<SystemKeyPurpose, Buffer>, options: KeyringOptions) {
    this.provider = provider;
    this.system = system;
    this.cache = new KeyCache(options.cacheSize ?? DEFAULT_DATA_KEY_CACHE);
  }

  /** New random system keys, wrapped by the provider's current KEK; the store persists `records`. */
  static async create(
    provider: KeyProvider,
    options: KeyringOptions = {},
  ): Promise<{ keyring: Keyring; records: SystemKeyRecord[] }> {
    const system = new Map<SystemKeyPurpose, Buffer>();
    const records: SystemKeyRecord[] = [];
    try {
      for (const purpose of SYSTEM_KEY_PURPOSES) {
        const key = generateKey();
        system.set(purpose, key);
        const wrapped = await provider.wrap(key);
        records.push({ purpose, kekVersion: wrapped.kekVersion, blob: wrapped.blob });
      }
    } catch (err) {
      for (const k of system.values()) zeroize(k);
      throw err;
    }
    return { keyring: new Keyring(provider, system, options), records };
  }

  /** Unwraps the stored system keys. Every purpose must be present exactly once. */
  static async open(
    provider: KeyProvider,
    records: SystemKeyRecord[],
    options: KeyringOptions = {},
  ): Promise<Keyring> {
    const system = new Map<SystemKeyPurpose, Buffer>();
    try {
      for (const r of records) {
        if (!SYSTEM_KEY_PURPOSES.includes(r.purpose)) {
          throw new CryptoError(
            'E_KEYRING_INVALID',
            `keyring has a record of unknown purpose "${String(r.purpose)}"`,
          );
        }
        if (system.has(r.purpose)) {
          throw new CryptoError('E_KEYRING_INVALID', `keyring has two "${r.purpose}" keys`);
        }
        const key = await provider.unwrap({ kekVersion: r.kekVersion, blob: r.blob });
        system.set(r.purpose, key);
        if (key.length !== KEY_BYTES) {
          throw new CryptoError('E_KEYRING_INVALID', `keyring "${r.purpose}" key is not ${KEY_BYTES} bytes`);
        }
      }
      for (const purpose of SYSTEM_KEY_PURPOSES) {
        if (!system.has(purpose)) {
          throw new CryptoError(
            'E_KEYRING_INVALID',
            `keyring has no "${purpose}" key (store not initialised?)`,
          );
        }
      }
    } catch (err) {
      for (const k of system.values()) zeroize(k);
      throw err;
    }
    return new Keyring(provider, system, options);
  }

  private live(): void {
    if (this.closed) throw new CryptoError('E_KEYRING_CLOSED', 'the keyring is closed');
  }

  /**
   * HMAC-SHA256 under hkdf(blind-index key, "sealdesk blind-index " + kind), truncated to `bits`.
   * (Additive) `scope`, e.g. a table name, derives a separate key ("... kind/scope") so equal values in
   * two tables (a customer's and a staff member's email) do not get linkable index values.
   */
  blindIndex(kind: BlindIndexKind, normalized: string, bits: number, scope?: string): Buffer {
    this.live();
    if (!BLIND_INDEX_KINDS.includes(kind)) {
      throw new CryptoError('E_KEYRING_INVALID', `unknown blind index kind "${String(kind)}"`);
    }
    const id = scope === undefined ? kind : `${kind}/${scope}`;
    let key = this.indexKeys.get(id);
    if (!key) {
      key = hkdf(this.system.get('blind-index')!, `sealdesk blind-index ${id}`);
      this.indexKeys.set(id, key);
    }
    return blindIndexValue(key, normalized, bits);
  }

  /**
   * Key for src/detect redact() fingerprints. Returned by reference (redaction runs per turn, a copy
   * each time would leave thousands of unzeroized copies); do not modify it; it is zeroed on close().
   */
  fingerprintKey(): Buffer {
    this.live();
    return this.system.get('fingerprint')!;
  }

  /** (Additive) key for the keep_original policy's separate encryption of unredacted text. By reference. */
  originalsKey(): Buffer {
    this.live();
    return this.system.get('originals')!;
  }

  /** A fresh per-customer data key and its wrapped form (persist `wrapped`, encrypt with `key`). */
  async newDataKey(): Promise<{ key: Buffer; wrapped: WrappedKey }> {
    return (await this.newDataKeys(1))[0]!;
  }

  /**
   * `n` fresh data keys and their wrapped forms, wrapped together (one check of the key file, or
   * concurrent KMS calls), for a batch that creates many customers at once.
   */
  async newDataKeys(n: number): Promise<{ key: Buffer; wrapped: WrappedKey }[]> {
    this.live();
    const keys = Array.from({ length: n }, () => generateKey());
    let wrapped: WrappedKey[];
    try {
      wrapped = await wrapKeys(this.provider, keys);
      this.live();
    } catch (err) {
      for (const k of keys) zeroize(k);
      throw err;
    }
    return keys.map((key, i) => {
      const w = wrapped[i]!;
      this.cache.set(cacheId(w), Buffer.from(key));
      return { key, wrapped: w };
    });
  }

  /** The data key inside `wrapped` (a copy the caller may zeroize), from the cache or the provider. */
  async openDataKey(wrapped: WrappedKey): Promise<Buffer> {
    this.live();
    const id = cacheId(wrapped);
    const hit = this.cache.get(id);
    if (hit) return Buffer.from(hit);
    let p = this.pending.get(id);
    if (!p) {
      p = this.provider.unwrap(wrapped).finally(() => this.pending.delete(id));
      this.pending.set(id, p);
      p.then(
        (key) => {
          // The cache owns its own copy: evicting it must not zero the buffer waiters are copying.
          if (!this.closed) this.cache.set(id, Buffer.from(key));
        },
        () => undefined,
      );
    }
    const key = await p;
    this.live();
    return Buffer.from(key);
  }

  /** (Additive) drop one data key from the cache, e.g. after crypto-shredding its customer. */
  forgetDataKey(wrapped: WrappedKey): void {
    this.cache.delete(cacheId(wrapped));
  }

  /** (Additive) number of data keys held unwrapped now. */
  get cachedDataKeys(): number {
    return this.cache.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Zeroizes every key held. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    for (const k of this.indexKeys.values()) zeroize(k);
    for (const k of this.system.values()) zeroize(k);
  }
}
