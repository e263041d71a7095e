import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptFieldText, encryptField } from '../../src/crypto/aead.js';
import type { CryptoError } from '../../src/crypto/errors.js';
import { DEFAULT_DATA_KEY_CACHE, Keyring, type SystemKeyRecord } from '../../src/crypto/keyring.js';
import { generateKey } from '../../src/crypto/keys.js';
import type { KeyProvider, WrappedKey } from '../../src/crypto/provider.js';
import { rewrapKey } from '../../src/crypto/provider.js';
import { EnvKeyProvider } from '../../src/crypto/providers/env.js';
import { createKeyFile } from '../../src/crypto/providers/file.js';
import { rejection, useTempDirs } from './helpers.js';

const tempDir = useTempDirs();

/** Counts provider calls so the cache can be observed from outside. */
function counting(inner: KeyProvider): KeyProvider & { unwraps: number } {
  const p = {
    kind: inner.kind,
    unwraps: 0,
    currentVersion: () => inner.currentVersion(),
    wrap: (k: Uint8Array) => inner.wrap(k),
    unwrap: (w: WrappedKey) => {
      p.unwraps++;
      return inner.unwrap(w);
    },
    rotate: () => inner.rotate(),
  };
  return p;
}

describe('Keyring', () => {
  for (const batched of [true, false]) {
    it(`newDataKeys gives n distinct keys that open again (provider ${batched ? 'with' : 'without'} wrapMany)`, async () => {
      const file = await createKeyFile(join(tempDir(), 'k.key'));
      const provider = batched ? file : counting(file);
      expect(typeof provider.wrapMany === 'function').toBe(batched);
      const { keyring } = await Keyring.create(provider, { cacheSize: 2 });
      const fresh = await keyring.newDataKeys(5);
      expect(fresh).toHaveLength(5);
      expect(new Set(fresh.map((f) => f.key.toString('hex'))).size).toBe(5);
      for (const { key, wrapped } of fresh) {
        expect(wrapped.kekVersion).toBe(1);
        // Most fell out of the 2-key cache: these open through the provider.
        expect((await keyring.openDataKey(wrapped)).equals(key)).toBe(true);
      }
      expect(await keyring.newDataKeys(0)).toEqual([]);
      keyring.close();
      await expect(keyring.newDataKeys(1)).rejects.toMatchObject({ code: 'E_KEYRING_CLOSED' });
    });
  }

  it('create then open gives the same blind indexes and fingerprint key', async () => {
    const provider = await createKeyFile(join(tempDir(), 'k.key'));
    const { keyring, records } = await Keyring.create(provider);
    expect(records.map((r) => r.purpose).sort()).toEqual(['blind-index', 'fingerprint', 'originals']);
    for (const r of records) expect(r.kekVersion).toBe(1);
    const again = await Keyring.open(provider, records);
    expect(again.blindIndex('email', 'jane@example.com', 18)).toEqual(
      keyring.blindIndex('email', 'jane@example.com', 18),
    );
    expect(again.fingerprintKey().equals(keyring.fingerprintKey())).toBe(true);
    expect(again.originalsKey().equals(keyring.originalsKey())).toBe(true);
    expect(keyring.fingerprintKey().equals(keyring.originalsKey())).toBe(false);
    keyring.close();
    again.close();
  });

  it('two stores (two create calls) have unrelated blind indexes', async () => {
    const provider = await createKeyFile(join(tempDir(), 'k.key'));
    const a = (await Keyring.create(provider)).keyring;
    const b = (await Keyring.create(provider)).keyring;
    expect(a.blindIndex('email', 'jane@example.com', 256)).not.toEqual(
      b.blindIndex('email', 'jane@example.com', 256),
    );
  });

  it('gives different blind index values for the same input under different kinds', async () => {
    const provider = await createKeyFile(join(tempDir(), 'k.key'));
    const { keyring } = await Keyring.create(provider);
    const v = '+447700900123';
    const values = (['email', 'phone', 'external_id'] as const).map((k) =>
      keyring.blindIndex(k, v, 256).toString('hex'),
    );
    expect(new Set(values).size).toBe(3);
    expect(keyring.blindIndex('phone', v, 18).length).toBe(3);
  });

  it('separates scopes (tables) when asked, and keeps the unscoped value stable', async () => {
    const provider = await createKeyFile(join(tempDir(), 'k.key'));
    const { keyring, records } = await Keyring.create(provider);
    const v = 'sam@company.example';
    const customers = keyring.blindIndex('email', v, 256, 'customers');
    const staff = keyring.blindIndex('email', v, 256, 'staff');
    expect(customers).not.toEqual(staff);
    expect(customers).not.toEqual(keyring.blindIndex('email', v, 256));
    const again = await Keyring.open(provider, records);
    expect(again.blindIndex('email', v, 256, 'customers')).toEqual(customers);
    expect(() => keyring.blindIndex('name' as 'email', v, 16)).toThrow(/E_KEYRING_INVALID/);
  });

  it('opens data keys wrapped before a KEK rotation', async () => {
    const provider = await createKeyFile(join(tempDir(), 'k.key'));
    const { keyring, records } = await Keyring.create(provider);
    const { key, wrapped } = await keyring.newDataKey();
    const blob = encryptField(key, 'a transcript line', { table: 'turns', column: 'body', rowId: 't1' });
    await provider.rotate();
    const fresh = await Keyring.open(provider, records);
    const opened = await fresh.openDataKey(wrapped);
    expect(decryptFieldText(opened, blob, { table: 'turns', column: 'body', rowId: 't1' })).toBe(
      'a transcript line',
    );
    // Rewrap (what `keys rotate` does per customer) moves the key to the new version, same key inside.
    const rewrapped = await rewrapKey(provider, wrapped);
    expect(rewrapped.kekVersion).toBe(2);
    expect((await fresh.openDataKey(rewrapped)).equals(key)).toBe(true);
  });

  it('caches data keys, bounded by an LRU, and zeroizes what it evicts', async () => {
    const provider = counting(await createKeyFile(join(tempDir(), 'k.key')));
    const { keyring } = await Keyring.create(provider, { cacheSize: 3 });
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await keyring.newDataKey());
    expect(keyring.cachedDataKeys).toBe(3);
    provider.unwraps = 0;
    // The three newest are cached: no provider call.
    for (const m of made.slice(2)) expect((await keyring.openDataKey(m.wrapped)).equals(m.key)).toBe(true);
    expect(provider.unwraps).toBe(0);
    // The two oldest were evicted: one provider call each, and the cache stays at 3.
    for (const m of made.slice(0, 2)) expect((await keyring.openDataKey(m.wrapped)).equals(m.key)).toBe(true);
    expect(provider.unwraps).toBe(2);
    expect(keyring.cachedDataKeys).toBe(3);
    // Opening a recently used key again hits the cache.
    await keyring.openDataKey(made[1]!.wrapped);
    expect(provider.unwraps).toBe(2);
  });

  it('bounds the cache at 10,000 data keys by default', async () => {
    const provider = new EnvKeyProvider({ SEALDESK_KEK: generateKey().toString('base64') });
    const { keyring } = await Keyring.create(provider);
    for (let i = 0; i < DEFAULT_DATA_KEY_CACHE + 50; i++) await keyring.newDataKey();
    expect(DEFAULT_DATA_KEY_CACHE).toBe(10_000);
    expect(keyring.cachedDataKeys).toBe(10_000);
    keyring.close();
    expect(keyring.cachedDataKeys).toBe(0);
  });

  it('returns copies: zeroizing a returned key does not poison the cache', async () => {
    const provider = await createKeyFile(join(tempDir(), 'k.key'));
    const { keyring } = await Keyring.create(provider);
    const { key, wrapped } = await keyring.newDataKey();
    const copy = Buffer.from(key);
    key.fill(0);
    const k1 = await keyring.openDataKey(wrapped);
    expect(k1.equals(copy)).toBe(true);
    k1.fill(0);
    expect((await keyring.openDataKey(wrapped)).equals(copy)).toBe(true);
  });

  it('makes one provider call for concurrent opens of the same key', async () => {
    const provider = counting(await createKeyFile(join(tempDir(), 'k.key')));
    const { keyring } = await Keyring.create(provider, { cacheSize: 1 });
    const { wrapped, key } = await keyring.newDataKey();
    await keyring.newDataKey(); // evicts the first
    provider.unwraps = 0;
    const keys = await Promise.all(Array.from({ length: 10 }, () => keyring.openDataKey(wrapped)));
    expect(provider.unwraps).toBe(1);
    for (const k of keys) expect(k.equals(key)).toBe(true);
  });

  it('zeroizes on close and refuses use afterwards', async () => {
    const provider = await createKeyFile(join(tempDir(), 'k.key'));
    const { keyring } = await Keyring.create(provider);
    const fp = keyring.fingerprintKey();
    await keyring.newDataKey();
    keyring.close();
    expect(fp.every((b) => b === 0)).toBe(true);
    expect(keyring.cachedDataKeys).toBe(0);
    expect(() => keyring.blindIndex('email', 'x', 16)).toThrow(/E_KEYRING_CLOSED/);
    expect(((await rejection(keyring.newDataKey())) as CryptoError).code).toBe('E_KEYRING_CLOSED');
  });

  it('refuses incomplete, duplicated or tampered records', async () => {
    const provider = await createKeyFile(join(tempDir(), 'k.key'));
    const { records } = await Keyring.create(provider);
    const codeOf = async (recs: SystemKeyRecord[]) =>
      ((await rejection(Keyring.open(provider, recs))) as CryptoError).code;
    expect(await codeOf(records.slice(1))).toBe('E_KEYRING_INVALID');
    expect(await codeOf([...records, records[0]!])).toBe('E_KEYRING_INVALID');
    const tampered = records.map((r) => ({ ...r, blob: Buffer.from(r.blob) }));
    tampered[0]!.blob[20] = tampered[0]!.blob[20]! ^ 1;
    expect(await codeOf(tampered)).toBe('E_DECRYPT_FAILED');
  });
});
