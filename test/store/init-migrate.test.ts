/** init is idempotent and creates a 0600 key file; other commands refuse a missing, outdated or newer schema. */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { runImport } from '../../src/ingest/index.js';
import { connect, LATEST_MIGRATION, migrateToLatest, Store } from '../../src/store/index.js';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from '../../src/store/migrate.js';
import { migrationList } from '../../src/store/migrations/index.js';
import { makeFixture } from './fixture.js';
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
    expect(first.migrations).toEqual(Object.keys(migrationList(dialect)).sort());
    expect(first.migrations.at(-1)).toBe(LATEST_MIGRATION);
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
  it('a store at the first schema is refused until `migrate` moves its findings into their turns', async () => {
    place = await testPlace(dialect);
    const loc = { dataDir: place.dataDir, databaseUrl: place.databaseUrl, env: {} };
    const { store } = await Store.init(loc);
    const fx = makeFixture(12, 5);
    const file = join(place.dataDir, 'f.jsonl');
    writeFileSync(file, `${fx.lines.join('\n')}\n`);
    const imported = await runImport(store, { inputs: [{ path: file }] });
    expect(imported.imported).toBe(12);
    const reader = store.reader({ reveal: true });
    const views = [];
    for (const r of fx.records) views.push(await reader.interaction(r.id as string));
    const withCards = await reader.list({ hasFinding: 'CREDIT_CARD', limit: 100 });
    const total = views.reduce((n, v) => n + v.findingList.length, 0);
    expect(total).toBeGreaterThan(20);
    await store.close();

    // Back to the first schema: findings are rows of their own table again.
    const conn = await connect(loc);
    const migrator = new Migrator({
      db: conn.db,
      provider: { getMigrations: async () => migrationList(dialect) },
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
    });
    const down = await migrator.migrateTo('0001-initial');
    expect(down.error).toBeUndefined();
    const rows = await sql<{ n: number }>`select count(*) as n from findings`.execute(conn.db);
    expect(Number(rows.rows[0]!.n)).toBe(total);
    expect(await indexNames(conn, 'findings')).toContain('findings_fingerprint');
    await expect(Store.open(loc)).rejects.toMatchObject({
      code: 'E_STORE_OUTDATED',
      message: expect.stringContaining('0002-findings-in-turns'),
    });

    expect(await migrateToLatest(conn)).toEqual(['0002-findings-in-turns']);
    const tables =
      dialect === 'postgres'
        ? sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`
        : sql<{ name: string }>`select name from sqlite_master where type = 'table'`;
    expect((await tables.execute(conn.db)).rows.map((r) => r.name)).not.toContain('findings');
    await conn.close();

    // Everything reads back as it did before the round trip.
    const opened = await openStore(place);
    const again = opened.reader({ reveal: true });
    for (let i = 0; i < fx.records.length; i++) {
      expect(await again.interaction(fx.records[i]!.id as string)).toEqual(views[i]);
    }
    expect(await again.list({ hasFinding: 'CREDIT_CARD', limit: 100 })).toEqual(withCards);
    expect(withCards.length).toBeGreaterThan(0);
    await opened.close();
  });
});

/** Names of the indexes on `table`. */
async function indexNames(conn: Awaited<ReturnType<typeof connect>>, table: string): Promise<string[]> {
  const q =
    conn.dialect === 'postgres'
      ? sql<{ name: string }>`select indexname as name from pg_indexes where tablename = ${table}`
      : sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${table}`;
  return (await q.execute(conn.db)).rows.map((r) => r.name);
}
