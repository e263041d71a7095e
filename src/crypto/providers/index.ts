/**
 * Picks the key provider from configuration (no I/O here; the provider reads its source on first use):
 *   SEALDESK_KMS=vault  -> Vault transit (VAULT_ADDR, VAULT_TOKEN, SEALDESK_VAULT_KEY default "sealdesk",
 *                          SEALDESK_VAULT_MOUNT default "transit", VAULT_NAMESPACE, SEALDESK_VAULT_TIMEOUT_MS)
 *   SEALDESK_KMS=env, or SEALDESK_KEK set -> the environment
 *   otherwise (or SEALDESK_KMS=file) -> the key file, SEALDESK_KEY_FILE or <dataDir>/sealdesk.key
 */
import { CryptoError } from '../errors.js';
import type { KeyProvider } from '../provider.js';
import { type Env, EnvKeyProvider } from './env.js';
import { defaultKeyFilePath, FileKeyProvider } from './file.js';
import { type FetchLike, VaultTransitKeyProvider } from './vault.js';

export interface KeyProviderConfig {
  dataDir: string;
  env?: Env;
  /** Passed to the Vault provider (tests). */
  fetch?: FetchLike;
}

export function keyFilePathFromConfig(config: KeyProviderConfig): string {
  const env = config.env ?? process.env;
  return env.SEALDESK_KEY_FILE?.trim() || defaultKeyFilePath(config.dataDir);
}

export function keyProviderFromConfig(config: KeyProviderConfig): KeyProvider {
  const env = config.env ?? process.env;
  const kms = env.SEALDESK_KMS?.trim().toLowerCase() || undefined;
  if (kms === 'vault') {
    const timeout = env.SEALDESK_VAULT_TIMEOUT_MS?.trim();
    if (timeout !== undefined && timeout !== '' && !/^[1-9][0-9]{0,6}$/.test(timeout)) {
      throw new CryptoError(
        'E_KMS_CONFIG',
        'SEALDESK_VAULT_TIMEOUT_MS must be a positive number of milliseconds',
      );
    }
    if (!env.VAULT_ADDR) throw new CryptoError('E_KMS_CONFIG', 'SEALDESK_KMS=vault needs VAULT_ADDR');
    if (!env.VAULT_TOKEN) throw new CryptoError('E_KMS_CONFIG', 'SEALDESK_KMS=vault needs VAULT_TOKEN');
    return new VaultTransitKeyProvider({
      address: env.VAULT_ADDR,
      token: env.VAULT_TOKEN,
      keyName: env.SEALDESK_VAULT_KEY?.trim() || 'sealdesk',
      mount: env.SEALDESK_VAULT_MOUNT?.trim() || undefined,
      namespace: env.VAULT_NAMESPACE?.trim() || undefined,
      timeoutMs: timeout ? Number(timeout) : undefined,
      allowInsecureHttp: env.SEALDESK_VAULT_INSECURE_HTTP === '1',
      fetch: config.fetch,
    });
  }
  if (kms === 'env' || (kms === undefined && env.SEALDESK_KEK !== undefined && env.SEALDESK_KEK !== '')) {
    return new EnvKeyProvider(env);
  }
  if (kms === undefined || kms === 'file') return new FileKeyProvider(keyFilePathFromConfig(config));
  throw new CryptoError('E_KMS_CONFIG', 'SEALDESK_KMS must be "file", "env" or "vault"');
}
