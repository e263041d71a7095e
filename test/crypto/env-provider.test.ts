import { describe, expect, it } from 'vitest';
import { CryptoError } from '../../src/crypto/errors.js';
import { generateKey } from '../../src/crypto/keys.js';
import { EnvKeyProvider } from '../../src/crypto/providers/env.js';
import { rejection } from './helpers.js';

function envError(env: Record<string, string>): CryptoError {
  try {
    new EnvKeyProvider(env);
  } catch (err) {
    expect(err).toBeInstanceOf(CryptoError);
    return err as CryptoError;
  }
  throw new Error('expected a CryptoError');
}

describe('EnvKeyProvider', () => {
  it('accepts base64, URL-safe base64 and hex keys, and they wrap compatibly', async () => {
    const kek = generateKey();
    const forms = [
      kek.toString('base64'),
      kek.toString('base64url'),
      kek.toString('hex'),
      kek.toString('hex').toUpperCase(),
    ];
    const providers = forms.map((f) => new EnvKeyProvider({ SEALDESK_KEK: ` ${f}\n` }));
    const dataKey = generateKey();
    const wrapped = await providers[0]!.wrap(dataKey);
    expect(wrapped.kekVersion).toBe(1);
    for (const p of providers) expect((await p.unwrap(wrapped)).equals(dataKey)).toBe(true);
  });

  it('uses SEALDESK_KEK_VERSION and unwraps older versions from SEALDESK_KEK_<N>', async () => {
    const old = generateKey().toString('base64');
    const v1 = new EnvKeyProvider({ SEALDESK_KEK: old });
    const dataKey = generateKey();
    const w1 = await v1.wrap(dataKey);
    const v2 = new EnvKeyProvider({
      SEALDESK_KEK: generateKey().toString('base64'),
      SEALDESK_KEK_VERSION: '2',
      SEALDESK_KEK_1: old,
    });
    expect(await v2.currentVersion()).toBe(2);
    expect((await v2.wrap(dataKey)).kekVersion).toBe(2);
    expect((await v2.unwrap(w1)).equals(dataKey)).toBe(true);
    const withoutOld = new EnvKeyProvider({
      SEALDESK_KEK: generateKey().toString('base64'),
      SEALDESK_KEK_VERSION: '2',
    });
    const err = (await rejection(withoutOld.unwrap(w1))) as CryptoError;
    expect(err.code).toBe('E_KEK_VERSION_UNKNOWN');
    expect(err.message).toContain('SEALDESK_KEK_1');
  });

  it('fails to unwrap with a different key', async () => {
    const a = new EnvKeyProvider({ SEALDESK_KEK: generateKey().toString('base64') });
    const b = new EnvKeyProvider({ SEALDESK_KEK: generateKey().toString('base64') });
    expect(((await rejection(b.unwrap(await a.wrap(generateKey())))) as CryptoError).code).toBe(
      'E_DECRYPT_FAILED',
    );
  });

  it('rejects bad base64, wrong lengths and bad versions, naming the variable only', () => {
    const e1 = envError({ SEALDESK_KEK: 'this is not base64!' });
    expect(e1.code).toBe('E_KEY_ENV_INVALID');
    expect(e1.message).toContain('SEALDESK_KEK');
    expect(e1.message).not.toContain('this is not');
    const short = generateKey().subarray(0, 31).toString('base64');
    const e2 = envError({ SEALDESK_KEK: short });
    expect(e2.message).toMatch(/31 bytes/);
    expect(e2.message).not.toContain(short);
    expect(envError({ SEALDESK_KEK: Buffer.alloc(48, 7).toString('base64') }).message).toMatch(/48 bytes/);
    expect(envError({ SEALDESK_KEK: 'ab'.repeat(31) }).code).toBe('E_KEY_ENV_INVALID');
    expect(envError({}).message).toContain('not set');
    expect(
      envError({ SEALDESK_KEK: generateKey().toString('base64'), SEALDESK_KEK_VERSION: 'two' }).code,
    ).toBe('E_KEY_ENV_INVALID');
    const bad = envError({
      SEALDESK_KEK: generateKey().toString('base64'),
      SEALDESK_KEK_VERSION: '2',
      SEALDESK_KEK_1: 'short',
    });
    expect(bad.message).toContain('SEALDESK_KEK_1');
  });

  it('refuses to rotate, explaining how', async () => {
    const p = new EnvKeyProvider({
      SEALDESK_KEK: generateKey().toString('base64'),
      SEALDESK_KEK_VERSION: '3',
    });
    const err = (await rejection(p.rotate())) as CryptoError;
    expect(err.code).toBe('E_ROTATE_UNSUPPORTED');
    expect(err.message).toContain('SEALDESK_KEK_3');
    expect(err.message).toContain('SEALDESK_KEK_VERSION=4');
  });
});
