/**
 * Invariant 5 (keys never in errors): provoke every error path with known key material and plaintext,
 * and search each error's message, String(err), stack and cause chain for any form of them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptField, encryptField } from '../../src/crypto/aead.js';
import { Keyring } from '../../src/crypto/keyring.js';
import { generateKey } from '../../src/crypto/keys.js';
import { EnvKeyProvider } from '../../src/crypto/providers/env.js';
import { createKeyFile, FileKeyProvider, KEY_FILE_FORMAT } from '../../src/crypto/providers/file.js';
import { VaultTransitKeyProvider } from '../../src/crypto/providers/vault.js';
import { FakeVault } from './fake-vault.js';
import { useTempDirs } from './helpers.js';

const tempDir = useTempDirs();
const PLAINTEXT = 'Jane Doe, card 4111 1111 1111 1111, jane@example.com';

function forms(secret: Uint8Array | string): string[] {
  if (typeof secret === 'string')
    return [secret, secret.slice(0, 12), Buffer.from(secret).toString('base64').slice(0, 16)];
  const b = Buffer.from(secret);
  return [
    b.toString('hex').slice(0, 16),
    b.toString('base64').slice(0, 16),
    b.toString('base64url').slice(0, 16),
    b.toString('latin1').slice(0, 8),
    [...b.subarray(0, 6)].join(','),
  ];
}

function everything(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    parts.push(String(e));
    if (e instanceof Error) parts.push(e.message, e.stack ?? '', JSON.stringify(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join('\n');
}

async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

function assertClean(err: unknown, secrets: (Uint8Array | string)[]): void {
  const text = everything(err);
  expect(text.length).toBeGreaterThan(0);
  for (const s of secrets) for (const f of forms(s)) expect(text).not.toContain(f);
}

let vault: FakeVault;
beforeAll(async () => {
  vault = new FakeVault();
  await vault.start();
  vault.createKey('sealdesk');
});
afterAll(async () => {
  await vault.stop();
});

describe('no error carries key material or plaintext', () => {
  it('field decryption failures', async () => {
    const key = generateKey();
    const other = generateKey();
    const aad = { table: 'turns', column: 'body', rowId: 'r1' };
    const blob = encryptField(key, PLAINTEXT, aad);
    const tampered = Buffer.from(blob);
    tampered[20] = tampered[20]! ^ 1;
    for (const fn of [
      () => decryptField(other, blob, aad),
      () => decryptField(key, tampered, aad),
      () => decryptField(key, blob, { ...aad, rowId: 'r2' }),
      () => decryptField(key, blob.subarray(0, 10), aad),
      () => encryptField(key.subarray(0, 31), PLAINTEXT, aad),
    ]) {
      assertClean(await caught(fn), [key, other, PLAINTEXT]);
    }
  });

  it('key file failures', async () => {
    const kek = generateKey();
    const b64 = kek.toString('base64');
    const dir = tempDir();
    const cases: string[] = [
      `{"format":"${KEY_FILE_FORMAT}","current":1,"keys":{"1":"${b64}"`,
      `{"format":"${b64}","current":1,"keys":{"1":"${b64}"}}`,
      `{"format":"${KEY_FILE_FORMAT}","current":1,"keys":{"${b64.slice(0, 8)}":"${b64}"}}`,
      `{"format":"${KEY_FILE_FORMAT}","current":2,"keys":{"1":"${b64}"}}`,
      `{"format":"${KEY_FILE_FORMAT}","current":1,"keys":{"1":"${b64.slice(0, 30)}"}}`,
      `${b64}`,
    ];
    for (const [i, text] of cases.entries()) {
      const path = join(dir, `k${i}.key`);
      writeFileSync(path, text, { mode: 0o600 });
      assertClean(await caught(() => FileKeyProvider.open(path)), [kek]);
    }
    const path = join(dir, 'good.key');
    const provider = await createKeyFile(path, { initialKey: kek });
    const dataKey = generateKey();
    const w = await provider.wrap(dataKey);
    const bad = Buffer.from(w.blob);
    bad[15] = bad[15]! ^ 1;
    assertClean(await caught(() => provider.unwrap({ kekVersion: 1, blob: bad })), [kek, dataKey]);
    assertClean(await caught(() => provider.unwrap({ kekVersion: 9, blob: w.blob })), [kek, dataKey]);
    assertClean(await caught(() => createKeyFile(path)), [kek]);
  });

  it('environment failures', async () => {
    const kek = generateKey();
    for (const v of [
      kek.toString('base64').slice(0, 40),
      `${kek.toString('hex')}zz`,
      kek.toString('base64').replace(/.$/, '!'),
    ]) {
      assertClean(await caught(() => new EnvKeyProvider({ SEALDESK_KEK: v })), [kek, v]);
    }
    const p = new EnvKeyProvider({ SEALDESK_KEK: kek.toString('base64') });
    const dataKey = generateKey();
    const w = await p.wrap(dataKey);
    const bad = Buffer.from(w.blob);
    bad[30] = bad[30]! ^ 1;
    assertClean(await caught(() => p.unwrap({ kekVersion: 1, blob: bad })), [kek, dataKey]);
  });

  it('Vault failures never show the token or the data key', async () => {
    const dataKey = generateKey();
    const good = new VaultTransitKeyProvider({
      address: vault.address,
      token: vault.token,
      keyName: 'sealdesk',
      retries: 0,
    });
    const w = await good.wrap(dataKey);
    const wrongToken = 'hvs.CAESIwrong-token-value-xyz';
    const denied = new VaultTransitKeyProvider({
      address: vault.address,
      token: wrongToken,
      keyName: 'sealdesk',
    });
    assertClean(await caught(() => denied.unwrap(w)), [wrongToken, dataKey, vault.token]);
    vault.faults.push({ status: 500 });
    assertClean(await caught(() => good.wrap(dataKey)), [vault.token, dataKey]);
    vault.faults.push({ delayMs: 400 });
    const slow = new VaultTransitKeyProvider({
      address: vault.address,
      token: vault.token,
      keyName: 'sealdesk',
      timeoutMs: 100,
      retries: 0,
    });
    assertClean(await caught(() => slow.wrap(dataKey)), [vault.token, dataKey]);
  });

  it('keyring failures', async () => {
    const provider = await createKeyFile(join(tempDir(), 'k.key'));
    const { keyring, records } = await Keyring.create(provider);
    const fp = Buffer.from(keyring.fingerprintKey());
    const tampered = records.map((r) => ({ ...r, blob: Buffer.from(r.blob) }));
    tampered[1]!.blob[14] = tampered[1]!.blob[14]! ^ 1;
    assertClean(await caught(() => Keyring.open(provider, tampered)), [fp]);
    keyring.close();
    assertClean(await caught(() => keyring.newDataKey()), [fp]);
  });
});
