/**
 * KEK in HashiCorp Vault's transit secrets engine: data keys are sent to Vault to be wrapped and
 * unwrapped; the KEK never leaves Vault. The HTTP exchange is documented in docs/CRYPTO.md.
 *
 *   wrap      POST {addr}/v1/{mount}/encrypt/{key}   {"plaintext":"<base64 data key>"}
 *             -> {"data":{"ciphertext":"vault:v3:<base64>","key_version":3}}
 *   unwrap    POST {addr}/v1/{mount}/decrypt/{key}   {"ciphertext":"vault:v3:..."}
 *             -> {"data":{"plaintext":"<base64 data key>"}}
 *   rewrap    POST {addr}/v1/{mount}/rewrap/{key}    {"ciphertext":"vault:v1:..."} -> like encrypt
 *   rotate    POST {addr}/v1/{mount}/keys/{key}/rotate, then the key is read for its version
 *   version   GET  {addr}/v1/{mount}/keys/{key}      -> {"data":{"latest_version":3,...}}
 *   create    POST {addr}/v1/{mount}/keys/{key}      {"type":"aes256-gcm96"}   (ensureKey, for init)
 *
 * The wrapped key's blob is the Vault ciphertext string (UTF-8); its "vN" must equal kekVersion.
 */
import { CryptoError } from '../errors.js';
import { assertVersion } from '../kek-wrap.js';
import type { KeyProvider, WrappedKey } from '../provider.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface VaultTransitOptions {
  /** e.g. https://vault.internal:8200 (VAULT_ADDR). */
  address: string;
  /** VAULT_TOKEN; sent as X-Vault-Token, never logged. */
  token: string;
  /** Transit key name (SEALDESK_VAULT_KEY, default "sealdesk"). */
  keyName: string;
  /** Transit mount path (default "transit"). */
  mount?: string;
  /** Vault Enterprise namespace (X-Vault-Namespace). */
  namespace?: string;
  /** Injected for tests and custom agents; defaults to the global fetch. */
  fetch?: FetchLike;
  /** Per-request limit, connection to last body byte (default 5,000 ms). */
  timeoutMs?: number;
  /** Extra attempts for idempotent requests after a connection error, timeout, 429 or 5xx (default 2). */
  retries?: number;
  /** Plain HTTP is refused except to loopback, since the token and data keys would cross the network. */
  allowInsecureHttp?: boolean;
}

const CIPHERTEXT = /^vault:v([1-9][0-9]{0,8}):[A-Za-z0-9+/=]{1,8192}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const MOUNT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}(?:\/[A-Za-z0-9][A-Za-z0-9_.-]{0,127}){0,7}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

type Op = 'encrypt' | 'decrypt' | 'rewrap' | 'rotate' | 'read key' | 'create key';

function config(msg: string): CryptoError {
  return new CryptoError('E_KMS_CONFIG', msg);
}

/** Vault's own error strings, reduced to short printable text (they never hold key material). */
function vaultMessages(body: unknown): string {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return '';
  const text = errors
    .filter((e): e is string => typeof e === 'string')
    .join('; ')
    .replace(/[^\x20-\x7e]/g, ' ')
    .slice(0, 200);
  return text ? `: ${text}` : '';
}

function parseCiphertextVersion(ct: string): number | null {
  const m = CIPHERTEXT.exec(ct);
  return m ? Number(m[1]) : null;
}

export class VaultTransitKeyProvider implements KeyProvider {
  readonly kind = 'vault' as const;
  readonly address: string;
  readonly keyName: string;
  readonly mount: string;
  private readonly token: string;
  private readonly namespace: string | undefined;
  private readonly fetchFn: FetchLike;
  private readonly timeoutMs: number;
  private readonly retries: number;

  constructor(options: VaultTransitOptions) {
    let url: URL;
    try {
      url = new URL(options.address);
    } catch {
      throw config('Vault address (VAULT_ADDR) is not a URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw config('Vault address must be http(s)');
    if (url.username || url.password) throw config('Vault address must not contain credentials');
    if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname) && !options.allowInsecureHttp) {
      throw config(
        `Vault address ${url.origin} uses plain HTTP to another host: the token and data keys would cross ` +
          'the network in clear; use https (or allowInsecureHttp / SEALDESK_VAULT_INSECURE_HTTP=1 in a lab)',
      );
    }
    this.address = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    if (!options.token) throw config('Vault token (VAULT_TOKEN) is empty');
    if (!NAME.test(options.keyName ?? ''))
      throw config('Vault transit key name must be 1-128 of [A-Za-z0-9_.-]');
    const mount = options.mount ?? 'transit';
    if (!MOUNT.test(mount)) throw config('Vault transit mount path is not a valid path');
    this.token = options.token;
    this.keyName = options.keyName;
    this.mount = mount;
    this.namespace = options.namespace || undefined;
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.retries = Math.max(0, Math.trunc(options.retries ?? 2));
  }

  describe(): string {
    return `Vault transit key "${this.keyName}" at ${this.address} (mount ${this.mount})`;
  }

  private url(path: string): string {
    return `${this.address}/v1/${this.mount}/${path}`;
  }

  private unavailable(op: Op, why: string): CryptoError {
    return new CryptoError('E_KMS_UNAVAILABLE', `Vault at ${this.address} is unavailable (${op}): ${why}`);
  }

  /** One request with timeout; maps transport failures and statuses to CryptoErrors. */
  private async once(op: Op, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { 'X-Vault-Token': this.token, Accept: 'application/json' };
    if (this.namespace) headers['X-Vault-Namespace'] = this.namespace;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(this.url(path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
      text = await res.text();
    } catch (err) {
      const name = (err as { name?: unknown } | null)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw this.unavailable(op, `no answer within ${this.timeoutMs} ms`);
      }
      // undici puts the socket error (ECONNREFUSED, ENOTFOUND...) in cause.code; nothing else is kept.
      const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
      const code = typeof cause?.code === 'string' ? cause.code : 'connection failed';
      throw this.unavailable(op, code);
    }
    let json: unknown = null;
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    const status = res.status;
    if (status >= 200 && status < 300) return json;
    const detail = vaultMessages(json);
    if (status === 401 || status === 403) {
      throw new CryptoError(
        'E_KMS_DENIED',
        `Vault denied ${op} on transit key "${this.keyName}" (HTTP ${status}${detail}); check VAULT_TOKEN ` +
          'and that its policy allows this path',
      );
    }
    if (status === 404) {
      throw new CryptoError(
        'E_KMS_KEY_NOT_FOUND',
        `Vault has no transit key "${this.keyName}" at mount "${this.mount}" (${op}, HTTP 404${detail})`,
      );
    }
    if (status === 429 || status >= 500) {
      const sealed = status === 503 ? ', Vault may be sealed or in standby' : '';
      throw this.unavailable(op, `HTTP ${status}${sealed}${detail}`);
    }
    if (status === 400 && (op === 'decrypt' || op === 'rewrap')) {
      throw new CryptoError(
        'E_DECRYPT_FAILED',
        `Vault could not ${op} a wrapped key with transit key "${this.keyName}" (HTTP 400${detail})`,
      );
    }
    throw new CryptoError(
      'E_KMS_ERROR',
      `Vault refused ${op} on transit key "${this.keyName}" (HTTP ${status}${detail})`,
    );
  }

  /** Retries only what is safe to repeat and only transient failures, with short exponential backoff. */
  private async request(
    op: Op,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    idempotent = true,
  ): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(op, method, path, body);
      } catch (err) {
        const transient = err instanceof CryptoError && err.code === 'E_KMS_UNAVAILABLE';
        if (!transient || !idempotent || attempt >= this.retries) throw err;
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  }

  private unexpected(op: Op): CryptoError {
    return new CryptoError(
      'E_KMS_ERROR',
      `Vault answered ${op} on transit key "${this.keyName}" with an unexpected body`,
    );
  }

  private wrappedFrom(op: Op, json: unknown): WrappedKey {
    const ct = (json as { data?: { ciphertext?: unknown } } | null)?.data?.ciphertext;
    const version = typeof ct === 'string' ? parseCiphertextVersion(ct) : null;
    if (typeof ct !== 'string' || version === null) throw this.unexpected(op);
    return { kekVersion: version, blob: Buffer.from(ct, 'utf8') };
  }

  private ciphertextOf(wrapped: WrappedKey): string {
    assertVersion(wrapped?.kekVersion);
    const ct = Buffer.from(wrapped.blob).toString('utf8');
    const version = parseCiphertextVersion(ct);
    if (version === null) {
      throw new CryptoError(
        'E_DECRYPT_FAILED',
        `wrapped key (KEK version ${wrapped.kekVersion}) is not a Vault transit ciphertext`,
      );
    }
    if (version !== wrapped.kekVersion) {
      throw new CryptoError(
        'E_DECRYPT_FAILED',
        `wrapped key records KEK version ${wrapped.kekVersion} but its Vault ciphertext is version ${version}`,
      );
    }
    return ct;
  }

  async currentVersion(): Promise<number> {
    const json = await this.request('read key', 'GET', `keys/${this.keyName}`);
    const v = (json as { data?: { latest_version?: unknown } } | null)?.data?.latest_version;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw this.unexpected('read key');
    return v;
  }

  async wrap(dataKey: Uint8Array): Promise<WrappedKey> {
    if (!(dataKey instanceof Uint8Array) || dataKey.length === 0 || dataKey.length > 1024) {
      throw new CryptoError('E_KEY_INVALID', 'a key to wrap must be 1 to 1024 bytes');
    }
    const json = await this.request('encrypt', 'POST', `encrypt/${this.keyName}`, {
      plaintext: Buffer.from(dataKey).toString('base64'),
    });
    return this.wrappedFrom('encrypt', json);
  }

  async unwrap(wrapped: WrappedKey): Promise<Buffer> {
    const ciphertext = this.ciphertextOf(wrapped);
    const json = await this.request('decrypt', 'POST', `decrypt/${this.keyName}`, { ciphertext });
    const pt = (json as { data?: { plaintext?: unknown } } | null)?.data?.plaintext;
    if (typeof pt !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(pt)) throw this.unexpected('decrypt');
    return Buffer.from(pt, 'base64');
  }

  /** Vault re-encrypts under its latest version; the data key never comes back to this process. */
  async rewrap(wrapped: WrappedKey): Promise<WrappedKey> {
    const ciphertext = this.ciphertextOf(wrapped);
    const json = await this.request('rewrap', 'POST', `rewrap/${this.keyName}`, { ciphertext });
    return this.wrappedFrom('rewrap', json);
  }

  /** Not retried: a retry after a lost answer could rotate twice (harmless, but not what was asked). */
  async rotate(): Promise<number> {
    await this.request('rotate', 'POST', `keys/${this.keyName}/rotate`, {}, false);
    return this.currentVersion();
  }

  /** (Additive, for `init`) creates the transit key if it does not exist; returns its latest version. */
  async ensureKey(): Promise<number> {
    try {
      return await this.currentVersion();
    } catch (err) {
      if (!(err instanceof CryptoError) || err.code !== 'E_KMS_KEY_NOT_FOUND') throw err;
    }
    await this.request('create key', 'POST', `keys/${this.keyName}`, { type: 'aes256-gcm96' }, false);
    return this.currentVersion();
  }
}
