/** init is idempotent and creates a 0600 key file; other commands refuse a missing, outdated or newer schema. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, LATEST_MIGRATION, migrateToLatest, Store } from '../../src/store/index.js';
import { DIALECTS, openStore, type TestPlace, testPlace } from './helpers.js';

describe.each(DIALECTS)('init and migrate on %s', (dialect) => {
  let place: TestPlace | undefined;
  afterEach(async () => {
    await place?.cleanup();
    place = undefined;
  });

  it('init creates schema, keys and a 0600 key file, and is idempotent', async () => {
    place = await testPlace(dialect);
    const loc = { dataDir: place.dataDir, databaseUrl: place.databaseUrl, env: {} };
    await expect(Store.open(loc)).rejects.toMatchObject({ code: 'E_STORE_NOT_INITIALISED' });
    const first = await Store.init(loc);
    expect(first.created).toBe(true);
    expect(first.keyFileCreated).toBe(join(place.dataDir, 'sealdesk.key'));
    expect(first.migrations).toEqual([LATEST_MIGRATION]);
    expect(statSync(first.keyFileCreated!).mode & 0o777).toBe(0o600);
    expect(first.store.settings.customerIndexBits).toBe(18);
    const keyring = await first.store.db
      .selectFrom('keyring')
      .select(['purpose', 'kek_version'])
      .orderBy('purpose')
      .execute();
    expect(keyring).toEqual([
      { purpose: 'blind-index', kek_version: 1 },
      { purpose: 'fingerprint', kek_version: 1 },
      { purpose: 'originals', kek_version: 1 },
    ]);
    await first.store.close();
    const second = await Store.init(loc);
    expect(second).toMatchObject({ created: false, keyFileCreated: null, migrations: [] });
    await second.store.close();
    const opened = await openStore(place);
    await opened.close();
  });

  it('two processes initialising at once end with one keyring', async () => {
    place = await testPlace(dialect);
    const loc = { dataDir: place.dataDir, databaseUrl: place.databaseUrl, env: {} };
    // The key file first (as one init would), then two concurrent inits of the database.
    const a = await Store.init(loc);
    await a.store.db.deleteFrom('keyring').execute();
    await a.store.db.deleteFrom('sealdesk_meta').execute();
    await a.store.close();
    const both = await Promise.all([Store.init(loc), Store.init(loc)]);
    expect(both.filter((r) => r.created).length).toBe(1);
    const rows = await both[0].store.db.selectFrom('keyring').selectAll().execute();
    expect(rows).toHaveLength(3);
    for (const r of both) await r.store.close();
    const opened = await openStore(place);
    await opened.close();
  });

  it('refuses a schema newer than this version; no applied migration means not initialised', async () => {
    place = await testPlace(dialect);
    const loc = { dataDir: place.dataDir, databaseUrl: place.databaseUrl, env: {} };
    (await Store.init(loc)).store.close();
    const conn = await connect(loc);
    await sql`insert into sealdesk_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01T00:00:00.000Z')`.execute(
      conn.db,
    );
    await expect(Store.open(loc)).rejects.toMatchObject({ code: 'E_STORE_TOO_NEW' });
    await expect(migrateToLatest(conn)).rejects.toMatchObject({ code: 'E_STORE_TOO_NEW' });
    await sql`delete from sealdesk_migration`.execute(conn.db);
    await expect(Store.open(loc)).rejects.toMatchObject({ code: 'E_STORE_NOT_INITIALISED' });
    await conn.close();
  });
});
