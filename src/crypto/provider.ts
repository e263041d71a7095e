/**
 * Where the key-encryption key (KEK) lives. A provider wraps and unwraps data keys; it never hands out
 * the KEK itself. Every wrapped key records the KEK version that wrapped it, so after rotate() old
 * wrapped keys still unwrap and the store can rewrap them at its own pace.
 */
import { zeroize } from './keys.js';

export interface WrappedKey {
  kekVersion: number;
  blob: Buffer;
}

export type KeyProviderKind = 'file' | 'env' | 'vault';

export interface KeyProvider {
  readonly kind: KeyProviderKind;
  /** The KEK version wrap() uses now. */
  currentVersion(): Promise<number>;
  /** Wraps with the current KEK version. */
  wrap(dataKey: Uint8Array): Promise<WrappedKey>;
  /**
   * Optional (additive): wraps several keys under one current version, with one check of the KEK's
   * source for all (the key file's stat). Use wrapKeys() below, which falls back to wrap() per key.
   */
  wrapMany?(dataKeys: readonly Uint8Array[]): Promise<WrappedKey[]>;
  /** Unwraps with the version recorded in `wrapped`; E_KEK_VERSION_UNKNOWN if that version is gone. */
  unwrap(wrapped: WrappedKey): Promise<Buffer>;
  /** Creates a new KEK version and returns it (the env provider refuses: E_ROTATE_UNSUPPORTED). */
  rotate(): Promise<number>;
  /**
   * Optional (additive): re-wrap under the current version without the data key leaving the provider
   * (Vault's transit rewrap). Use rewrapKey() below, which falls back to unwrap + wrap.
   */
  rewrap?(wrapped: WrappedKey): Promise<WrappedKey>;
  /** Optional (additive): a human-readable location for `keys status` (path, env var, Vault URL + key). */
  describe?(): string;
}

/** Wraps `dataKeys` in order: the provider's wrapMany when it has one, else wrap() concurrently. */
export async function wrapKeys(
  provider: KeyProvider,
  dataKeys: readonly Uint8Array[],
): Promise<WrappedKey[]> {
  if (dataKeys.length === 0) return [];
  if (provider.wrapMany) return provider.wrapMany(dataKeys);
  // Concurrent: a KMS round trip per key would otherwise add up.
  return Promise.all(dataKeys.map((k) => provider.wrap(k)));
}

/** Re-wraps one data key under the provider's current KEK version (the store's rotation loop calls this). */
export async function rewrapKey(provider: KeyProvider, wrapped: WrappedKey): Promise<WrappedKey> {
  if (provider.rewrap) return provider.rewrap(wrapped);
  const key = await provider.unwrap(wrapped);
  try {
    return await provider.wrap(key);
  } finally {
    zeroize(key);
  }
}
