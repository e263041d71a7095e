/**
 * KEK rotation: every data key and system key is rewrapped under the new version without touching
 * the data; a rotation that stops midway leaves every key unwrappable, and running it again finishes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileKeyProvider, type KeyProvider, type WrappedKey } from '../../src/crypto/index.js';
import { runImport } from '../../src/ingest/index.js';
import { keyStatus, rotateKeys, Store } from '../../src/store/index.js';
import { makeFixture } from './fixture.js';
import { DIALECTS, exportStore, initStore, openStore, type TestPlace, testPlace } from './helpers.js';

/** A provider that fails after `n` wraps: a crash in the middle of a rotation. */
class FailingProvider implements KeyProvider {
  readonly kind = 'file' as const;
  private wraps = 0;
  constructor(
    private readonly inner: KeyProvider,
    private readonly n: number,
  ) {}
  currentVersion() {
    return this.inner.currentVersion();
  }
  async wrap(k: Uint8Array): Promise<WrappedKey> {
    if (++this.wraps > this.n) throw new Error('simulated crash');
    return this.inner.wrap(k);
  }
  unwrap(w: WrappedKey) {
    return this.inner.unwrap(w);
  }
  rotate() {
    return this.inner.rotate();
  }
}

describe.each(DIALECTS)('key rotation on %s', (dialect) => {
  let place: TestPlace;
  let before: Record<string, unknown>;
  const fx = makeFixture(20, 11);

  beforeAll(async () => {
    place = await testPlace(dialect);
    const store = await initStore(place);
    const file = join(place.dataDir, 'fx.jsonl');
    writeFileSync(file, `${fx.lines.join('\n')}\n`);
    await runImport(store, { inputs: [{ path: file }] });
    before = await exportStore(store);
    await store.close();
  });
  afterAll(async () => {
    await place?.cleanup();
  });

  it('rotates, rewraps every key, re-encrypts nothing', async () => {
    const store = await openStore(place);
    const turnsBefore = await store.db
      .selectFrom('turns')
      .select(['interaction_id', 'seq', 'body_enc'])
      .orderBy('interaction_id')
      .orderBy('seq')
      .execute();
    const r = await rotateKeys(store, { batch: 7 });
    expect(r).toMatchObject({ newVersion: true, version: 2, systemKeys: 3 });
    expect(r.dataKeys).toBe(22); // 20 customers + 2 staff
    const s = await keyStatus(store);
    expect(s.dataKeys).toEqual({ '2': 22 });
    expect(Object.values(s.systemKeys)).toEqual([2, 2, 2]);
    const turnsAfter = await store.db
      .selectFrom('turns')
      .select(['interaction_id', 'seq', 'body_enc'])
      .orderBy('interaction_id')
      .orderBy('seq')
      .execute();
    expect(turnsAfter).toEqual(turnsBefore);
    await store.close();
    const reopened = await openStore(place);
    expect(await exportStore(reopened)).toEqual(before);
    await reopened.close();
  });

  it('survives a crash midway: every key still opens, and a rerun finishes', async () => {
    const file = new FileKeyProvider(join(place.dataDir, 'sealdesk.key'));
    const failing = new FailingProvider(file, 9);
    const store = await Store.open({
      dataDir: place.dataDir,
      databaseUrl: place.databaseUrl,
      provider: failing,
    });
    await expect(rotateKeys(store, { batch: 4 })).rejects.toThrow('simulated crash');
    await store.close();

    const mid = await openStore(place);
    const s = await keyStatus(mid);
    expect(s.currentVersion).toBe(3);
    expect(s.behind).toBeGreaterThan(0);
    expect(Object.keys(s.dataKeys).sort()).toEqual(['2', '3']);
    // Every key unwraps and every record reads in the half-rotated state.
    expect(await exportStore(mid)).toEqual(before);
    const again = await rotateKeys(mid, { batch: 4 });
    expect(again.newVersion).toBe(false);
    expect(again.version).toBe(3);
    const done = await keyStatus(mid);
    expect(done.behind).toBe(0);
    expect(done.dataKeys).toEqual({ '3': 22 });
    expect(Object.values(done.systemKeys)).toEqual([3, 3, 3]);
    await mid.close();
  });

  it('retires old KEK versions after a complete rewrap, and the store still opens', async () => {
    const store = await openStore(place);
    const r = await rotateKeys(store, { retire: true });
    expect(r.version).toBe(4);
    expect(r.retired).toEqual([1, 2, 3]);
    await store.close();
    const keyFile = JSON.parse(readFileSync(join(place.dataDir, 'sealdesk.key'), 'utf8')) as {
      keys: Record<string, string>;
    };
    expect(Object.keys(keyFile.keys)).toEqual(['4']);
    const reopened = await openStore(place);
    expect(await exportStore(reopened)).toEqual(before);
    await reopened.close();
  });
});
