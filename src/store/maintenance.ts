/**
 * Erasure (crypto-shredding), retention, and making deleted bytes go away from the SQLite files.
 *
 * Erasing a customer destroys their data key and deletes their rows (interactions, turns with their
 * findings, call and chat details, the customer row with its blind-index entries) in one transaction. Every
 * ciphertext of that customer was under that key, so a copy of the data rows taken before the
 * erasure cannot be decrypted afterwards by anyone holding the current database and the KEK.
 * SQLite runs with secure_delete, so freed pages are zeroed, and the WAL is checkpointed and
 * truncated afterwards, so the old pages are gone from both files.
 */
import { sql } from 'kysely';
import { StoreError } from './errors.js';
import { parseCounts } from './finding-columns.js';
import { newId } from './ids.js';
import type { Store } from './store.js';
import type { WriteTx } from './tx.js';

export interface EraseReport {
  customerId: string;
  dataKeys: number;
  interactions: number;
  turns: number;
  findings: number;
  callDetails: number;
  chatDetails: number;
  /** Blind-index entries removed with the customer row (email, phone, external id). */
  blindIndexEntries: number;
  erasedAt: string;
}

async function count(tx: WriteTx, table: 'turns' | 'call_details' | 'chat_details', ids: string[]) {
  let n = 0;
  for (let i = 0; i < ids.length; i += 400) {
    const r = await tx
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('interaction_id', 'in', ids.slice(i, i + 400))
      .executeTakeFirstOrThrow();
    n += Number(r.n);
  }
  return n;
}

async function deleteInteractions(tx: WriteTx, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 400) {
    const part = ids.slice(i, i + 400);
    await tx.deleteFrom('turns').where('interaction_id', 'in', part).execute();
    await tx.deleteFrom('call_details').where('interaction_id', 'in', part).execute();
    await tx.deleteFrom('chat_details').where('interaction_id', 'in', part).execute();
    await tx.deleteFrom('interactions').where('id', 'in', part).execute();
  }
}

/** SQLite: move the WAL into the database and truncate it, so deleted pages leave both files. */
export async function scrubFiles(store: Store): Promise<void> {
  if (store.dialect !== 'sqlite') return;
  const db = store.conn.sqlite!;
  db.pragma('wal_checkpoint(TRUNCATE)');
}

export async function eraseCustomer(store: Store, customerId: string): Promise<EraseReport> {
  const report = await store.tx(async (tx) => {
    const customer = await tx
      .selectFrom('customers as c')
      .innerJoin('data_keys as k', 'k.id', 'c.key_id')
      .select([
        'c.id',
        'c.key_id',
        'k.kek_version',
        'k.wrapped_key',
        'c.email_bidx',
        'c.phone_bidx',
        'c.external_id_bidx',
      ])
      .where('c.id', '=', customerId)
      .executeTakeFirst();
    if (!customer) throw new StoreError('E_NOT_FOUND', `no customer with id ${customerId}`);
    const rows = await tx
      .selectFrom('interactions')
      .select(['id', 'finding_counts'])
      .where('customer_id', '=', customerId)
      .execute();
    const ids = rows.map((r) => r.id);
    let findings = 0;
    for (const row of rows) {
      // The count is for the report only: a damaged counts value must never stop an erasure.
      try {
        for (const n of Object.values(parseCounts(row.finding_counts, `interaction ${row.id}`)))
          findings += n;
      } catch {}
    }
    const now = Date.now();
    const r: EraseReport = {
      customerId,
      dataKeys: 1,
      interactions: ids.length,
      turns: await count(tx, 'turns', ids),
      findings,
      callDetails: await count(tx, 'call_details', ids),
      chatDetails: await count(tx, 'chat_details', ids),
      blindIndexEntries: [customer.email_bidx, customer.phone_bidx, customer.external_id_bidx].filter(
        (b) => b !== null,
      ).length,
      erasedAt: new Date(now).toISOString(),
    };
    await deleteInteractions(tx, ids);
    await tx.deleteFrom('customers').where('id', '=', customerId).execute();
    // The key goes last in the same transaction: either everything is gone or nothing is.
    await tx.deleteFrom('data_keys').where('id', '=', customer.key_id).execute();
    await tx
      .insertInto('erasures')
      .values({
        id: newId(now),
        customer_id: customerId,
        erased_at: now,
        interactions: r.interactions,
        turns: r.turns,
        findings: r.findings,
      })
      .execute();
    store.keyring.forgetDataKey({
      kekVersion: customer.kek_version,
      blob: Buffer.from(customer.wrapped_key),
    });
    return r;
  });
  await scrubFiles(store);
  return report;
}

// ---- retention ----------------------------------------------------------------------------------

export interface RetentionRule {
  channel: 'call' | 'chat' | 'email';
  /** Keep interactions this many days after they started (or were stored, when they have no start). */
  days: number;
}

export interface RetentionReport {
  rules: { channel: string; days: number; cutoff: string; interactions: number; turns: number }[];
  dryRun: boolean;
}

/**
 * Deletes interactions older than each rule's limit, in batches (one transaction each, so a
 * long run never holds the write lock for long and an interrupted run simply continues next time).
 * Customers are kept: retention applies to interactions; erase a customer to remove them.
 */
export async function applyRetention(
  store: Store,
  rules: readonly RetentionRule[],
  options: { now?: number; dryRun?: boolean; batch?: number } = {},
): Promise<RetentionReport> {
  const now = options.now ?? Date.now();
  const batch = options.batch ?? 500;
  const report: RetentionReport = { rules: [], dryRun: options.dryRun === true };
  for (const rule of rules) {
    const cutoff = now - rule.days * 86_400_000;
    const old = (eb: WriteTx) =>
      eb
        .selectFrom('interactions')
        .select('id')
        .where('channel', '=', rule.channel)
        .where((w) =>
          w.or([
            w('started_at', '<', cutoff),
            w.and([w('started_at', 'is', null), w('created_at', '<', cutoff)]),
          ]),
        );
    let interactions = 0;
    let turns = 0;
    if (options.dryRun) {
      const ids = (await old(store.db).execute()).map((r) => r.id);
      interactions = ids.length;
      turns = ids.length === 0 ? 0 : await store.tx((tx) => count(tx, 'turns', ids));
    } else {
      for (;;) {
        const done = await store.tx(async (tx) => {
          const ids = (await old(tx).orderBy('id').limit(batch).execute()).map((r) => r.id);
          if (ids.length === 0) return 0;
          turns += await count(tx, 'turns', ids);
          await deleteInteractions(tx, ids);
          return ids.length;
        });
        interactions += done;
        if (done < batch) break;
      }
    }
    report.rules.push({
      channel: rule.channel,
      days: rule.days,
      cutoff: new Date(cutoff).toISOString(),
      interactions,
      turns,
    });
  }
  if (!options.dryRun) await scrubFiles(store);
  return report;
}

/** Row counts for `keys status` and reports (no personal data). */
export async function rowCounts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['customers', 'staff', 'interactions', 'turns', 'data_keys', 'erasures'] as const) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(store.db);
    out[t] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}
