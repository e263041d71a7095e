import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CryptoError } from '../../src/crypto/errors.js';
import { Keyring } from '../../src/crypto/keyring.js';
import { generateKey } from '../../src/crypto/keys.js';
import { rewrapKey } from '../../src/crypto/provider.js';
import { keyProviderFromConfig } from '../../src/crypto/providers/index.js';
import { type FetchLike, VaultTransitKeyProvider } from '../../src/crypto/providers/vault.js';
import { FakeVault } from './fake-vault.js';
import { rejection } from './helpers.js';

let vault: FakeVault;

beforeEach(async () => {
  vault = new FakeVault();
  await vault.start();
  vault.createKey('sealdesk');
});
afterEach(async () => {
  await vault.stop();
});

function provider(extra: Partial<ConstructorParameters<typeof VaultTransitKeyProvider>[0]> = {}) {
  return new VaultTransitKeyProvider({
    address: vault.address,
    token: vault.token,
    keyName: 'sealdesk',
    ...extra,
  });
}

async function failure(p: Promise<unknown>): Promise<CryptoError> {
  const err = await rejection(p);
  expect(err).toBeInstanceOf(CryptoError);
  return err as CryptoError;
}

/** A port nothing listens on: bind, read the port, close. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('VaultTransitKeyProvider', () => {
  it('wraps and unwraps through encrypt/decrypt with the documented HTTP exchange', async () => {
    const p = provider();
    const dataKey = generateKey();
    const wrapped = await p.wrap(dataKey);
    expect(wrapped.kekVersion).toBe(1);
    expect(wrapped.blob.toString('utf8')).toMatch(/^vault:v1:[A-Za-z0-9+/=]+$/);
    expect((await p.unwrap(wrapped)).equals(dataKey)).toBe(true);
    const [enc, dec] = vault.log;
    expect(enc).toMatchObject({ method: 'POST', path: '/v1/transit/encrypt/sealdesk', token: vault.token });
    expect(enc!.contentType).toBe('application/json');
    expect(enc!.body).toEqual({ plaintext: dataKey.toString('base64') });
    expect(dec).toMatchObject({ method: 'POST', path: '/v1/transit/decrypt/sealdesk' });
    expect(dec!.body).toEqual({ ciphertext: wrapped.blob.toString('utf8') });
    expect(await p.currentVersion()).toBe(1);
    expect(vault.log.at(-1)).toMatchObject({ method: 'GET', path: '/v1/transit/keys/sealdesk' });
  });

  it('rotates: new wraps use the new version, old ones still unwrap, rewrap moves them inside Vault', async () => {
    const p = provider();
    const k1 = generateKey();
    const w1 = await p.wrap(k1);
    expect(await p.rotate()).toBe(2);
    expect(vault.log.some((r) => r.method === 'POST' && r.path === '/v1/transit/keys/sealdesk/rotate')).toBe(
      true,
    );
    vault.rotateReturnsBody = false; // older Vault: 204 No Content
    expect(await p.rotate()).toBe(3);
    const w3 = await p.wrap(generateKey());
    expect(w3.kekVersion).toBe(3);
    expect((await p.unwrap(w1)).equals(k1)).toBe(true);
    const before = vault.log.length;
    const moved = await rewrapKey(p, w1);
    expect(moved.kekVersion).toBe(3);
    expect(vault.log.slice(before).map((r) => r.path)).toEqual(['/v1/transit/rewrap/sealdesk']);
    expect((await p.unwrap(moved)).equals(k1)).toBe(true);
  });

  it('serves a Keyring end to end', async () => {
    const p = provider();
    const { keyring, records } = await Keyring.create(p);
    const { key, wrapped } = await keyring.newDataKey();
    await p.rotate();
    const again = await Keyring.open(p, records);
    expect((await again.openDataKey(wrapped)).equals(key)).toBe(true);
    expect(again.blindIndex('email', 'jane@example.com', 18)).toEqual(
      keyring.blindIndex('email', 'jane@example.com', 18),
    );
  });

  it('maps 403 (bad token) to E_KMS_DENIED without echoing the token', async () => {
    const p = provider({ token: 'hvs.not-the-right-token' });
    const err = await failure(p.wrap(generateKey()));
    expect(err.code).toBe('E_KMS_DENIED');
    expect(err.message).toContain('403');
    expect(err.message).toContain('permission denied');
    expect(String(err)).not.toContain('hvs.not-the-right-token');
  });

  it('retries a 500 and a 503, then reports E_KMS_UNAVAILABLE when Vault keeps failing', async () => {
    const p = provider({ retries: 2 });
    vault.faults.push({ status: 500 }, { status: 503 });
    const dataKey = generateKey();
    const w = await p.wrap(dataKey);
    expect(vault.log.length).toBe(3);
    vault.faults.push({ status: 500 }, { status: 500 }, { status: 500 });
    const err = await failure(p.unwrap(w));
    expect(err.code).toBe('E_KMS_UNAVAILABLE');
    expect(err.message).toContain('HTTP 500');
    expect(err.message).toContain(vault.address);
    expect(vault.log.length).toBe(6);
  });

  it('does not retry rotate (not idempotent)', async () => {
    const p = provider({ retries: 3 });
    vault.faults.push({ status: 502 });
    expect((await failure(p.rotate())).code).toBe('E_KMS_UNAVAILABLE');
    expect(vault.log.length).toBe(1);
    expect(vault.keys.get('sealdesk')!.latest).toBe(1);
  });

  it('times out a Vault that does not answer', async () => {
    const p = provider({ timeoutMs: 150, retries: 0 });
    vault.faults.push({ delayMs: 1_000 });
    const started = Date.now();
    const err = await failure(p.wrap(generateKey()));
    expect(err.code).toBe('E_KMS_UNAVAILABLE');
    expect(err.message).toContain('150 ms');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('reports an unreachable Vault (nothing listening) and a dropped connection', async () => {
    const port = await closedPort();
    const down = new VaultTransitKeyProvider({
      address: `http://127.0.0.1:${port}`,
      token: vault.token,
      keyName: 'sealdesk',
      retries: 0,
    });
    const err = await failure(down.wrap(generateKey()));
    expect(err.code).toBe('E_KMS_UNAVAILABLE');
    expect(err.message).toContain('ECONNREFUSED');
    vault.faults.push({ drop: true });
    expect((await failure(provider({ retries: 0 }).currentVersion())).code).toBe('E_KMS_UNAVAILABLE');
  });

  it('fails to unwrap a tampered ciphertext, a relabelled version and a too-old version', async () => {
    const p = provider();
    const w = await p.wrap(generateKey());
    const text = w.blob.toString('utf8');
    const body = Buffer.from(text.slice('vault:v1:'.length), 'base64');
    body[20] = body[20]! ^ 1;
    const tampered = { kekVersion: 1, blob: Buffer.from(`vault:v1:${body.toString('base64')}`) };
    const e1 = await failure(p.unwrap(tampered));
    expect(e1.code).toBe('E_DECRYPT_FAILED');
    expect(e1.message).toContain('message authentication failed');
    const before = vault.log.length;
    expect((await failure(p.unwrap({ kekVersion: 2, blob: w.blob }))).code).toBe('E_DECRYPT_FAILED');
    expect((await failure(p.unwrap({ kekVersion: 1, blob: Buffer.from('not vault') }))).code).toBe(
      'E_DECRYPT_FAILED',
    );
    expect(vault.log.length).toBe(before); // refused locally, no request sent
    await p.rotate();
    vault.keys.get('sealdesk')!.minDecryptionVersion = 2;
    const e3 = await failure(p.unwrap(w));
    expect(e3.code).toBe('E_DECRYPT_FAILED');
    expect(e3.message).toContain('too old');
  });

  it('reports a missing transit key and creates it with ensureKey()', async () => {
    const p = provider({ keyName: 'other' });
    expect((await failure(p.currentVersion())).code).toBe('E_KMS_KEY_NOT_FOUND');
    expect(await p.ensureKey()).toBe(1);
    expect(await p.ensureKey()).toBe(1);
    expect(vault.log.filter((r) => r.method === 'POST' && r.path === '/v1/transit/keys/other')).toHaveLength(
      1,
    );
  });

  it('uses an injected fetch, a custom mount and a namespace header', async () => {
    await vault.stop();
    vault = new FakeVault('kms/transit');
    await vault.start();
    vault.createKey('sealdesk');
    const urls: string[] = [];
    const spy: FetchLike = (input, init) => {
      urls.push(input);
      return fetch(input, init);
    };
    const p = provider({ fetch: spy, mount: 'kms/transit', namespace: 'team-a' });
    const k = generateKey();
    expect((await p.unwrap(await p.wrap(k))).equals(k)).toBe(true);
    expect(urls).toEqual([
      `${vault.address}/v1/kms/transit/encrypt/sealdesk`,
      `${vault.address}/v1/kms/transit/decrypt/sealdesk`,
    ]);
    expect(vault.log.every((r) => r.namespace === 'team-a')).toBe(true);
  });

  it('refuses unsafe configuration', () => {
    const make = (o: Partial<ConstructorParameters<typeof VaultTransitKeyProvider>[0]>) => () =>
      new VaultTransitKeyProvider({ address: vault.address, token: 't', keyName: 'k', ...o });
    expect(make({ address: 'http://vault.example:8200' })).toThrow(/E_KMS_CONFIG/);
    expect(make({ address: 'http://vault.example:8200', allowInsecureHttp: true })).not.toThrow();
    expect(make({ address: 'https://user:pw@vault.example' })).toThrow(/E_KMS_CONFIG/);
    expect(make({ address: 'not a url' })).toThrow(/E_KMS_CONFIG/);
    expect(make({ token: '' })).toThrow(/E_KMS_CONFIG/);
    expect(make({ keyName: '../sys/seal' })).toThrow(/E_KMS_CONFIG/);
    expect(make({ mount: 'transit/../sys' })).toThrow(/E_KMS_CONFIG/);
    expect(make({ mount: '../sys' })).toThrow(/E_KMS_CONFIG/);
    expect(make({ mount: 'kms/transit' })).not.toThrow();
  });
});

describe('keyProviderFromConfig', () => {
  it('picks Vault with SEALDESK_KMS=vault and reports missing settings', async () => {
    const env = { SEALDESK_KMS: 'vault', VAULT_ADDR: vault.address, VAULT_TOKEN: vault.token };
    const p = keyProviderFromConfig({ dataDir: '/nonexistent', env });
    expect(p.kind).toBe('vault');
    expect(await p.currentVersion()).toBe(1);
    expect(() => keyProviderFromConfig({ dataDir: '/x', env: { SEALDESK_KMS: 'vault' } })).toThrow(
      /VAULT_ADDR/,
    );
    expect(() => keyProviderFromConfig({ dataDir: '/x', env: { SEALDESK_KMS: 'hsm' } })).toThrow(
      /E_KMS_CONFIG/,
    );
  });

  it('picks env when SEALDESK_KEK is set and the file otherwise', () => {
    const kek = generateKey().toString('base64');
    expect(keyProviderFromConfig({ dataDir: '/x', env: { SEALDESK_KEK: kek } }).kind).toBe('env');
    const file = keyProviderFromConfig({ dataDir: '/srv/data', env: {} });
    expect(file.kind).toBe('file');
    expect(file.describe?.()).toContain('/srv/data/sealdesk.key');
    const moved = keyProviderFromConfig({
      dataDir: '/srv/data',
      env: { SEALDESK_KEY_FILE: '/etc/sealdesk/kek.json' },
    });
    expect(moved.describe?.()).toContain('/etc/sealdesk/kek.json');
  });
});
