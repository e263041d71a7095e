/**
 * Crypto-shredding: erasing a customer destroys their data key and rows; an old copy of their
 * data rows cannot be decrypted with anything left in the store, and (SQLite) the erased bytes are
 * gone from the database file and the WAL.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptField } from '../../src/crypto/index.js';
import { runImport } from '../../src/ingest/index.js';
import { eraseCustomer } from '../../src/store/index.js';
import { makeFixture } from './fixture.js';
import { DIALECTS, freshStore, leaks, rawCopies } from './helpers.js';

describe.each(DIALECTS)('erase on %s', (dialect) => {
  const t = freshStore(dialect);
  const fx = makeFixture(12, 3);

  beforeAll(async () => {
    const file = join(t.place.dataDir, 'fx.jsonl');
    writeFileSync(file, `${fx.lines.join('\n')}\n`);
    await runImport(t.store, { inputs: [{ path: file }] });
  });

  it('removes the customer, destroys the key, and leaves an old copy of the rows undecryptable', async () => {
    const victim = fx.records[4]!;
    const email = (victim.customer as { email: string }).email;
    const other = fx.records[5]!;
    const reader = t.store.reader({ reveal: true });
    const found = await reader.find({ email });
    expect(found.customers).toHaveLength(1);
    const customerId = found.customers[0]!.id;
    // The "old copy": every row of that customer as a backup would hold it.
    const interactionIds = (
      await t.store.db.selectFrom('interactions').select('id').where('customer_id', '=', customerId).execute()
    ).map((r) => r.id);
    expect(interactionIds.length).toBe(1);
    const oldTurns = await t.store.db
      .selectFrom('turns')
      .selectAll()
      .where('interaction_id', 'in', interactionIds)
      .execute();
    const oldCustomer = await t.store.db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow();
    const oldKey = await t.store.db
      .selectFrom('data_keys')
      .selectAll()
      .where('id', '=', oldCustomer.key_id)
      .executeTakeFirstOrThrow();
    expect(oldTurns.length).toBe(8);

    const foundBefore = (await reader.interaction(victim.id as string)).findingList.length;
    const report = await eraseCustomer(t.store, customerId);
    expect(report).toMatchObject({
      customerId,
      dataKeys: 1,
      interactions: 1,
      turns: 8,
      blindIndexEntries: 3,
    });
    expect(foundBefore).toBeGreaterThan(0);
    expect(report.findings).toBe(foundBefore);

    // Gone from every read path.
    expect((await reader.find({ email })).customers).toEqual([]);
    await expect(reader.interaction(victim.id as string)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    for (const table of ['turns', 'call_details', 'chat_details'] as const) {
      const n = await t.store.db
        .selectFrom(table)
        .select('interaction_id')
        .where('interaction_id', 'in', interactionIds)
        .execute();
      expect(n).toEqual([]);
    }
    expect(
      await t.store.db.selectFrom('data_keys').select('id').where('id', '=', oldKey.id).execute(),
    ).toEqual([]);
    // Others untouched.
    expect((await reader.interaction(other.id as string)).turnList).toHaveLength(8);

    // The old copy: no key left in the store opens any of its ciphertexts.
    const keys = await t.store.db.selectFrom('data_keys').selectAll().execute();
    expect(keys.length).toBeGreaterThan(5);
    for (const k of keys) {
      const key = await t.store.keyring.openDataKey({
        kekVersion: k.kek_version,
        blob: Buffer.from(k.wrapped_key),
      });
      for (const turn of oldTurns) {
        const aad = { table: 'turns', column: 'body', rowId: `${turn.interaction_id}/${turn.seq}` };
        expect(() => decryptField(key, turn.body_enc, aad)).toThrow(/E_DECRYPT_FAILED/);
      }
      expect(() =>
        decryptField(key, oldCustomer.email_enc!, { table: 'customers', column: 'email', rowId: customerId }),
      ).toThrow(/E_DECRYPT_FAILED/);
    }
    reader.close();

    // An erasure record without personal data.
    const log = await t.store.db.selectFrom('erasures').selectAll().execute();
    expect(log).toHaveLength(1);
    expect(log[0]!.customer_id).toBe(customerId);

    // SQLite: the wrapped key and the ciphertexts are gone from the file and the WAL (secure_delete,
    // checkpoint + truncate). PostgreSQL: not in a dump.
    const gone = [oldKey.wrapped_key, oldCustomer.email_enc!, ...oldTurns.map((turn) => turn.body_enc)].map(
      (b) => Buffer.from(b).toString('latin1'),
    );
    for (const copy of rawCopies(t.place)) {
      const bytes = copy.bytes.toString('latin1');
      for (const g of gone) expect(bytes.includes(g)).toBe(false);
      // pg_dump writes bytea as hex.
      for (const g of gone) expect(bytes.includes(Buffer.from(g, 'latin1').toString('hex'))).toBe(false);
    }
    if (dialect === 'sqlite') {
      const wal = rawCopies(t.place).find((c) => c.name.endsWith('-wal'));
      expect(wal?.bytes.length ?? 0).toBe(0);
      const all = Buffer.concat(rawCopies(t.place).map((c) => c.bytes));
      expect(leaks(all, [email])).toEqual([]);
    }
  });

  it('reports an unknown customer', async () => {
    await expect(eraseCustomer(t.store, '01ARZ3NDEKTSV4RRFFQ69G5FAV')).rejects.toMatchObject({
      code: 'E_NOT_FOUND',
    });
  });
});
