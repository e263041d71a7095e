import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CryptoError } from '../../src/crypto/errors.js';
import { generateKey } from '../../src/crypto/keys.js';
import {
  createKeyFile,
  DEFAULT_KEY_FILE_NAME,
  defaultKeyFilePath,
  FileKeyProvider,
  KEY_FILE_FORMAT,
} from '../../src/crypto/providers/file.js';
import { rejection, useTempDirs } from './helpers.js';

const tempDir = useTempDirs();
const posix = process.platform !== 'win32';

async function codeOf(p: Promise<unknown>): Promise<string> {
  const err = await rejection(p);
  expect(err).toBeInstanceOf(CryptoError);
  return (err as CryptoError).code;
}

function writeKeyFile(path: string, content: string, mode = 0o600): void {
  writeFileSync(path, content, { mode });
  chmodSync(path, mode);
}

describe('createKeyFile', () => {
  it.runIf(posix)('creates the file with mode 0600 and its folder with 0700', async () => {
    const dir = join(tempDir(), 'nested', 'data');
    const path = defaultKeyFilePath(dir);
    expect(path.endsWith(DEFAULT_KEY_FILE_NAME)).toBe(true);
    const provider = await createKeyFile(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    expect(doc.format).toBe(KEY_FILE_FORMAT);
    expect(doc.current).toBe(1);
    expect(Buffer.from(doc.keys['1'], 'base64').length).toBe(32);
    expect(await provider.currentVersion()).toBe(1);
  });

  it.runIf(posix)('ignores a permissive umask', async () => {
    const old = process.umask(0o000);
    try {
      const path = join(tempDir(), 'k.key');
      await createKeyFile(path);
      expect(statSync(path).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it('refuses to overwrite an existing key file', async () => {
    const path = join(tempDir(), 'k.key');
    await createKeyFile(path);
    const before = readFileSync(path, 'utf8');
    expect(await codeOf(createKeyFile(path))).toBe('E_KEY_FILE_EXISTS');
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('leaves no temporary files behind', async () => {
    const dir = tempDir();
    const provider = await createKeyFile(join(dir, 'k.key'));
    await provider.rotate();
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir)).toEqual(['k.key']);
  });
});

describe('FileKeyProvider', () => {
  it('wraps and unwraps a data key; the wrapped blob does not contain the key', async () => {
    const provider = await createKeyFile(join(tempDir(), 'k.key'));
    const dataKey = generateKey();
    const wrapped = await provider.wrap(dataKey);
    expect(wrapped.kekVersion).toBe(1);
    expect(wrapped.blob.includes(dataKey)).toBe(false);
    expect((await provider.unwrap(wrapped)).equals(dataKey)).toBe(true);
  });

  it('rotates: new version becomes current, keys wrapped under old versions still unwrap', async () => {
    const path = join(tempDir(), 'k.key');
    const provider = await createKeyFile(path);
    const k1 = generateKey();
    const w1 = await provider.wrap(k1);
    expect(await provider.rotate()).toBe(2);
    expect(await provider.currentVersion()).toBe(2);
    const k2 = generateKey();
    const w2 = await provider.wrap(k2);
    expect(w2.kekVersion).toBe(2);
    expect(await provider.rotate()).toBe(3);
    expect((await provider.unwrap(w1)).equals(k1)).toBe(true);
    expect((await provider.unwrap(w2)).equals(k2)).toBe(true);
    // A fresh process sees the rotated file, and its mode is still 0600.
    const reopened = await FileKeyProvider.open(path);
    expect(await reopened.currentVersion()).toBe(3);
    expect((await reopened.unwrap(w1)).equals(k1)).toBe(true);
    if (posix) expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('sees a rotation done by another provider instance (another process) on the same file', async () => {
    const path = join(tempDir(), 'k.key');
    const a = await createKeyFile(path);
    const b = await FileKeyProvider.open(path);
    await a.rotate();
    const w = await b.wrap(generateKey());
    expect(w.kekVersion).toBe(2);
  });

  it('unwrap trusts its last check of the file for the recheck interval, then checks again', async () => {
    const path = join(tempDir(), 'k.key');
    await createKeyFile(path);
    let clock = 5_000;
    const provider = await FileKeyProvider.open(path, { now: () => clock, recheckMs: 1000 });
    const dataKey = generateKey();
    const wrapped = await provider.wrap(dataKey);
    // With the file gone, any stat or read would fail: unwraps inside the interval touch neither.
    unlinkSync(path);
    for (let i = 0; i < 50; i++) expect((await provider.unwrap(wrapped)).equals(dataKey)).toBe(true);
    clock += 999;
    expect((await provider.unwrap(wrapped)).equals(dataKey)).toBe(true);
    // wrap() never relies on the interval: new keys are only wrapped under a KEK the file still has.
    expect(await codeOf(provider.wrap(generateKey()))).toBe('E_KEY_FILE_MISSING');
    clock += 1;
    expect(await codeOf(provider.unwrap(wrapped))).toBe('E_KEY_FILE_MISSING');
  });

  it('a clock going backwards does not extend the trust in the last check', async () => {
    const path = join(tempDir(), 'k.key');
    await createKeyFile(path);
    let clock = 5_000;
    const provider = await FileKeyProvider.open(path, { now: () => clock });
    const wrapped = await provider.wrap(generateKey());
    unlinkSync(path);
    clock -= 1;
    expect(await codeOf(provider.unwrap(wrapped))).toBe('E_KEY_FILE_MISSING');
  });

  it('inside the interval, an unknown KEK version (rotation by another instance) checks the file at once', async () => {
    const path = join(tempDir(), 'k.key');
    const a = await createKeyFile(path);
    const clock = 5_000; // never advances: only the unknown-version path can pick up the rotation
    const b = await FileKeyProvider.open(path, { now: () => clock });
    const k1 = generateKey();
    const w1 = await b.wrap(k1);
    expect((await b.unwrap(w1)).equals(k1)).toBe(true);
    expect(await a.rotate()).toBe(2);
    const k2 = generateKey();
    const w2 = await a.wrap(k2);
    expect(w2.kekVersion).toBe(2);
    expect((await b.unwrap(w2)).equals(k2)).toBe(true);
    expect((await b.unwrap(w1)).equals(k1)).toBe(true);
    // A version that exists nowhere still fails, after the check.
    expect(await codeOf(b.unwrap({ kekVersion: 9, blob: w2.blob }))).toBe('E_KEK_VERSION_UNKNOWN');
  });

  it('inside the interval, a cached key that fails to authenticate checks the file before failing', async () => {
    const dir = tempDir();
    const path = join(dir, 'k.key');
    await createKeyFile(path);
    const clock = 5_000;
    const b = await FileKeyProvider.open(path, { now: () => clock });
    // Another key file with the same version number replaces this one (a restore, say).
    const other = await createKeyFile(join(dir, 'other.key'));
    const dataKey = generateKey();
    const w = await other.wrap(dataKey);
    expect(w.kekVersion).toBe(1);
    renameSync(join(dir, 'other.key'), path);
    expect((await b.unwrap(w)).equals(dataKey)).toBe(true);
  });

  it('wrapMany wraps every key under the current version, checking the file (another instance rotated)', async () => {
    const path = join(tempDir(), 'k.key');
    const a = await createKeyFile(path);
    const clock = 5_000; // frozen: only the check wrapMany makes can see the rotation
    const b = await FileKeyProvider.open(path, { now: () => clock });
    await a.rotate();
    const keys = [generateKey(), generateKey(), generateKey()];
    const wrapped = await b.wrapMany(keys);
    expect(wrapped.map((w) => w.kekVersion)).toEqual([2, 2, 2]);
    for (let i = 0; i < keys.length; i++) {
      expect(wrapped[i]!.blob.includes(keys[i]!)).toBe(false);
      expect((await a.unwrap(wrapped[i]!)).equals(keys[i]!)).toBe(true);
    }
    unlinkSync(path);
    expect(await codeOf(b.wrapMany([generateKey()]))).toBe('E_KEY_FILE_MISSING');
  });

  it('retires old KEK versions after a rewrap: rewrapped keys open, old wrapped keys no longer do', async () => {
    const path = join(tempDir(), 'k.key');
    const provider = await createKeyFile(path);
    const dataKey = generateKey();
    const w1 = await provider.wrap(dataKey);
    await provider.rotate();
    const w2 = await provider.wrap(await provider.unwrap(w1));
    expect(await codeOf(provider.retire(3))).toBe('E_KEK_VERSION_UNKNOWN');
    expect(await provider.retire(2)).toEqual([1]);
    expect(await provider.versions()).toEqual([2]);
    expect((await provider.unwrap(w2)).equals(dataKey)).toBe(true);
    expect(await codeOf(provider.unwrap(w1))).toBe('E_KEK_VERSION_UNKNOWN');
    expect(JSON.parse(readFileSync(path, 'utf8')).keys).not.toHaveProperty('1');
    if (posix) expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('serialises concurrent rotations (lock file): no version is lost', async () => {
    const path = join(tempDir(), 'k.key');
    const a = await createKeyFile(path);
    const b = await FileKeyProvider.open(path);
    const got = await Promise.all([a.rotate(), b.rotate(), a.rotate(), b.rotate()]);
    expect(got.sort()).toEqual([2, 3, 4, 5]);
    expect(await (await FileKeyProvider.open(path)).versions()).toEqual([1, 2, 3, 4, 5]);
  });

  it('binds the wrapped key to its KEK version: relabelling the version fails', async () => {
    const provider = await createKeyFile(join(tempDir(), 'k.key'));
    const w1 = await provider.wrap(generateKey());
    await provider.rotate();
    const err = await rejection(provider.unwrap({ kekVersion: 2, blob: w1.blob }));
    expect((err as CryptoError).code).toBe('E_DECRYPT_FAILED');
  });

  it('reports an unknown KEK version', async () => {
    const provider = await createKeyFile(join(tempDir(), 'k.key'));
    const w = await provider.wrap(generateKey());
    expect(await codeOf(provider.unwrap({ kekVersion: 7, blob: w.blob }))).toBe('E_KEK_VERSION_UNKNOWN');
  });

  it('fails to unwrap with another key file (wrong key)', async () => {
    const a = await createKeyFile(join(tempDir(), 'a.key'));
    const b = await createKeyFile(join(tempDir(), 'b.key'));
    const w = await a.wrap(generateKey());
    expect(await codeOf(b.unwrap(w))).toBe('E_DECRYPT_FAILED');
  });

  it.runIf(posix)('refuses a key file readable by group or others, naming the path and the fix', async () => {
    const path = join(tempDir(), 'k.key');
    await createKeyFile(path);
    for (const mode of [0o644, 0o640, 0o604, 0o660]) {
      chmodSync(path, mode);
      const err = await rejection(FileKeyProvider.open(path));
      expect((err as CryptoError).code).toBe('E_KEY_FILE_PERMISSIONS');
      expect(err.message).toContain(path);
      expect(err.message).toContain(mode.toString(8));
      expect(err.message).toContain('chmod 600');
    }
    chmodSync(path, 0o400);
    await expect(FileKeyProvider.open(path)).resolves.toBeInstanceOf(FileKeyProvider);
  });

  it('reports a missing key file naming the path', async () => {
    const path = join(tempDir(), 'absent.key');
    const err = await rejection(FileKeyProvider.open(path));
    expect((err as CryptoError).code).toBe('E_KEY_FILE_MISSING');
    expect(err.message).toContain(path);
  });

  it('notices a key file deleted under a running provider', async () => {
    const path = join(tempDir(), 'k.key');
    const provider = await createKeyFile(path);
    unlinkSync(path);
    expect(await codeOf(provider.wrap(generateKey()))).toBe('E_KEY_FILE_MISSING');
  });

  const key = generateKey().toString('base64');
  const malformed: [string, string, RegExp][] = [
    ['not JSON', '{"format": "sealdesk-key/1", ', /not valid JSON/],
    ['an array', '[]', /not a JSON object/],
    ['no format', JSON.stringify({ current: 1, keys: { 1: key } }), /no "format" field/],
    ['wrong format', JSON.stringify({ format: 'other/9', current: 1, keys: { 1: key } }), /"format" field/],
    ['bad current', JSON.stringify({ format: KEY_FILE_FORMAT, current: 0, keys: { 1: key } }), /"current"/],
    [
      'current missing key',
      JSON.stringify({ format: KEY_FILE_FORMAT, current: 2, keys: { 1: key } }),
      /version 2/,
    ],
    ['no keys', JSON.stringify({ format: KEY_FILE_FORMAT, current: 1 }), /"keys"/],
    [
      'version name',
      JSON.stringify({ format: KEY_FILE_FORMAT, current: 1, keys: { 1: key, x: key } }),
      /version name/,
    ],
    [
      'not base64',
      JSON.stringify({ format: KEY_FILE_FORMAT, current: 1, keys: { 1: '!!!!' } }),
      /not base64/,
    ],
    [
      'truncated key',
      JSON.stringify({ format: KEY_FILE_FORMAT, current: 1, keys: { 1: key.slice(0, 40) } }),
      /is 30 bytes, expected 32/,
    ],
  ];
  for (const [name, content, why] of malformed) {
    it(`reports a malformed key file (${name}) naming the path and the defect, not the content`, async () => {
      const path = join(tempDir(), 'k.key');
      writeKeyFile(path, content);
      const err = await rejection(FileKeyProvider.open(path));
      expect((err as CryptoError).code).toBe('E_KEY_FILE_INVALID');
      expect(err.message).toContain(path);
      expect(err.message).toMatch(why);
      expect(String(err)).not.toContain(key.slice(0, 12));
      expect(err.cause).toBeUndefined();
    });
  }

  it('reports a key file truncated mid-write as invalid JSON without echoing it', async () => {
    const path = join(tempDir(), 'k.key');
    const full = JSON.stringify({ format: KEY_FILE_FORMAT, current: 1, keys: { 1: key } });
    writeKeyFile(path, full.slice(0, full.length - 10));
    const err = await rejection(FileKeyProvider.open(path));
    expect((err as CryptoError).code).toBe('E_KEY_FILE_INVALID');
    expect(String(err)).not.toContain(key.slice(0, 12));
  });
});
