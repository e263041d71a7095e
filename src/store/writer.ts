/**
 * The write path: one transaction per batch. Resolves customers and staff, encrypts every personal
 * field and body under the owner's data key (associated data: table, column, row id) and inserts.
 * Idempotent: an interaction whose external id is already stored, or an email whose Message-ID is,
 * is skipped (unique keyed hashes back this, so it holds across processes and restarts).
 */

import { bulkInsert } from './bulk.js';
import type { FieldCipher } from './cipher.js';
import type { Connection } from './connect.js';
import { StoreError } from './errors.js';
import { countFindings, countsText, findingsByTurn, parseCounts } from './finding-columns.js';
import { IdentityResolver, type Owner } from './identity.js';
import { newId } from './ids.js';
import type {
  EmailMessageInput,
  FindingInput,
  InteractionInput,
  StoredKey,
  TurnInput,
  WriteItem,
  WriteOutcome,
} from './records.js';
import type { InteractionsTable, TurnsTable } from './schema.js';
import type { Store } from './store.js';
import { lockIdentities, type WriteTx } from './tx.js';

/** Full-length keyed hashes would be 32 bytes; 128 bits keeps them collision-free at any realistic scale. */
const KEY_BITS = 128;
const INSERT_CHUNK = 400;

export class Writer {
  constructor(private readonly store: Store) {}

  /** The unique key of an interaction with this external id (JSON Lines, CSV, API). */
  interactionKey(externalId: string): Buffer {
    return this.store.keyring.blindIndex('external_id', externalId, KEY_BITS, 'interactions');
  }

  /** The unique key of an email thread, from its root Message-ID. */
  threadKey(root: string): Buffer {
    return this.store.keyring.blindIndex('external_id', root, KEY_BITS, 'email-threads');
  }

  /** The unique key of one email message (its Message-ID or content signature). */
  messageKey(id: string): Buffer {
    return this.store.keyring.blindIndex('external_id', id, KEY_BITS, 'email-messages');
  }

  /**
   * Which items are already stored (by ref), without a transaction: the importer skips them before
   * running detection. The write itself checks again inside its transaction.
   */
  async stored(items: readonly StoredKey[]): Promise<Set<number>> {
    const out = new Set<number>();
    const inter = items.filter((i) => i.externalId !== undefined);
    const msgs = items.filter((i) => i.messageKey !== undefined);
    if (inter.length > 0) {
      const byKey = new Map(inter.map((i) => [this.interactionKey(i.externalId!).toString('hex'), i.ref]));
      for (const h of await storedKeys(this.store.db, 'interactions', byKey.keys())) out.add(byKey.get(h)!);
    }
    if (msgs.length > 0) {
      const byKey = new Map(msgs.map((i) => [this.messageKey(i.messageKey!).toString('hex'), i.ref]));
      for (const h of await storedKeys(this.store.db, 'messages', byKey.keys())) out.add(byKey.get(h)!);
    }
    return out;
  }

  /** Stores a batch in one transaction: all of it, or (on an error) none of it. */
  async write(items: readonly WriteItem[]): Promise<WriteOutcome[]> {
    return this.store.tx(async (tx) => {
      await lockIdentities(this.store.conn, tx);
      const resolver = new IdentityResolver(this.store, tx);
      try {
        const outcomes: WriteOutcome[] = [];
        const inter = items.filter(
          (i): i is Extract<WriteItem, { kind: 'interaction' }> => i.kind === 'interaction',
        );
        if (inter.length > 0) outcomes.push(...(await this.writeInteractions(tx, resolver, inter)));
        const thread = new ThreadState();
        for (const item of items) {
          if (item.kind === 'message')
            outcomes.push(await this.writeMessage(tx, resolver, thread, item.ref, item.value));
        }
        return outcomes.sort((a, b) => a.ref - b.ref);
      } finally {
        resolver.dispose();
      }
    });
  }

  private async writeInteractions(
    tx: WriteTx,
    resolver: IdentityResolver,
    items: readonly { ref: number; value: InteractionInput }[],
  ): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = [];
    const keyed = new Map<string, { ref: number; value: InteractionInput; key: Buffer }>();
    for (const it of items) {
      const key = this.interactionKey(it.value.externalId);
      const h = key.toString('hex');
      if (keyed.has(h))
        outcomes.push({ ref: it.ref, status: 'skipped', reason: 'same id earlier in this import' });
      else keyed.set(h, { ...it, key });
    }
    for (const h of await storedKeys(tx, 'interactions', keyed.keys())) {
      outcomes.push({ ref: keyed.get(h)!.ref, status: 'skipped', reason: 'already stored' });
      keyed.delete(h);
    }
    const todo = [...keyed.values()];
    if (todo.length === 0) return outcomes;
    const customers = await resolver.customers(todo.map((t) => t.value.customer));
    const agents = await resolver.staffMany(todo.map((t) => t.value.agent));
    const conn = this.store.conn;
    // PostgreSQL: a slice's inserts are sent while the next slice is encrypted, so the server's work
    // and ours overlap (the transaction's connection runs them one after another, in order).
    // SQLite runs inserts synchronously in this thread: nothing to overlap, one flush at the end.
    const overlap = conn.dialect === 'postgres';
    // Checked before any insert is sent: nothing may still be running when the transaction ends.
    todo.forEach((t, i) => {
      if (!customers[i]) {
        throw new StoreError(
          'E_RECORD_INVALID',
          `interaction ${t.value.externalId} names no customer identity (email, phone or external id)`,
        );
      }
    });
    const inFlight: Promise<void>[] = [];
    let rows = new Rows();
    try {
      for (let i = 0; i < todo.length; i++) {
        const { ref, value, key } = todo[i]!;
        const customer = customers[i]!;
        const agent = agents[i] ?? null;
        const id = newId();
        rows.interaction(id, value, key, customer, agent, value.externalId);
        rows.turns(resolver, id, customer, value.turns, value.findings, 0, null);
        outcomes.push({ ref, status: 'imported', interactionId: id, customerId: customer.id });
        if (overlap && (i + 1) % OVERLAP_SLICE === 0) {
          inFlight.push(rows.flush(conn, tx));
          rows = new Rows();
        }
        // Lets the driver send the next queued insert as soon as the server is done with one.
        if (overlap && inFlight.length > 0 && (i + 1) % OVERLAP_YIELD === 0) await yieldToIo();
      }
      inFlight.push(rows.flush(conn, tx));
    } catch (err) {
      // Inserts already queued must finish (or fail) before the transaction is rolled back: one
      // still queued behind the rollback would run outside it and be committed on its own.
      await settleAll(inFlight).catch(() => undefined);
      throw err;
    }
    await settleAll(inFlight);
    return outcomes;
  }

  private async writeMessage(
    tx: WriteTx,
    resolver: IdentityResolver,
    state: ThreadState,
    ref: number,
    m: EmailMessageInput,
  ): Promise<WriteOutcome> {
    const mk = this.messageKey(m.messageKey);
    const mkHex = mk.toString('hex');
    if (state.messages.has(mkHex))
      return { ref, status: 'skipped', reason: 'same message earlier in this import' };
    const dup = await tx.selectFrom('turns').select('seq').where('message_key', '=', mk).executeTakeFirst();
    if (dup) return { ref, status: 'skipped', reason: 'already stored' };

    // The thread: the interaction holding a message this one names, else the one named by its root.
    let target: { interactionId: string; customerId: string; parentSeq: number | null } | null = null;
    for (const p of m.parents) {
      const pk = this.messageKey(p);
      const local = state.messages.get(pk.toString('hex'));
      if (local) {
        target = { interactionId: local.interactionId, customerId: local.customerId, parentSeq: local.seq };
        break;
      }
      const row = await tx
        .selectFrom('turns as t')
        .innerJoin('interactions as i', 'i.id', 't.interaction_id')
        .select(['t.interaction_id', 't.seq', 'i.customer_id'])
        .where('t.message_key', '=', pk)
        .executeTakeFirst();
      if (row) {
        target = { interactionId: row.interaction_id, customerId: row.customer_id, parentSeq: row.seq };
        break;
      }
    }
    const tk = this.threadKey(m.root);
    if (!target) {
      const local = state.threads.get(tk.toString('hex'));
      if (local) target = { ...local, parentSeq: null };
      else {
        const row = await tx
          .selectFrom('interactions')
          .select(['id', 'customer_id'])
          .where('external_key', '=', tk)
          .executeTakeFirst();
        if (row) target = { interactionId: row.id, customerId: row.customer_id, parentSeq: null };
      }
    }
    const agent = await resolver.staff(m.agent);
    const rows = new Rows();
    if (!target) {
      const [customer] = await resolver.customers([m.customer]);
      if (!customer) {
        throw new StoreError('E_RECORD_INVALID', `message ${m.messageKey} names no customer address`);
      }
      const id = newId();
      rows.interaction(
        id,
        { ...m, externalId: m.root, channel: 'email', source: 'email' },
        tk,
        customer,
        agent,
        m.root,
      );
      rows.turns(resolver, id, customer, m.turns, m.findings, 0, null, mk);
      await rows.flush(this.store.conn, tx);
      state.threads.set(tk.toString('hex'), { interactionId: id, customerId: customer.id });
      state.messages.set(mkHex, { interactionId: id, customerId: customer.id, seq: 0 });
      state.nextSeq.set(id, m.turns.length);
      return { ref, status: 'imported', interactionId: id, customerId: customer.id };
    }
    const owner = await resolver.ownerOf('customers', target.customerId);
    let seq = state.nextSeq.get(target.interactionId);
    if (seq === undefined) {
      const r = await tx
        .selectFrom('turns')
        .select((eb) => eb.fn.max('seq').as('max'))
        .where('interaction_id', '=', target.interactionId)
        .executeTakeFirst();
      seq = r?.max === null || r?.max === undefined ? 0 : Number(r.max) + 1;
    }
    rows.turns(resolver, target.interactionId, owner, m.turns, m.findings, seq, target.parentSeq, mk);
    await rows.flush(this.store.conn, tx);
    state.nextSeq.set(target.interactionId, seq + m.turns.length);
    state.messages.set(mkHex, { interactionId: target.interactionId, customerId: target.customerId, seq });
    const cur = await tx
      .selectFrom('interactions')
      .select(['started_at', 'ended_at', 'agent_id', 'finding_counts'])
      .where('id', '=', target.interactionId)
      .executeTakeFirstOrThrow();
    const counts = countFindings(
      m.findings,
      parseCounts(cur.finding_counts, `interaction ${target.interactionId}`),
    );
    const min = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
    const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
    await tx
      .updateTable('interactions')
      .set((eb) => ({
        turn_count: eb('turn_count', '+', m.turns.length),
        started_at: min(cur.started_at, m.startedAt),
        ended_at: max(cur.ended_at, m.endedAt ?? m.startedAt),
        agent_id: cur.agent_id ?? agent?.id ?? null,
        finding_counts: countsText(counts),
      }))
      .where('id', '=', target.interactionId)
      .execute();
    return { ref, status: 'appended', interactionId: target.interactionId, customerId: target.customerId };
  }
}

class ThreadState {
  readonly messages = new Map<string, { interactionId: string; customerId: string; seq: number }>();
  readonly threads = new Map<string, { interactionId: string; customerId: string }>();
  readonly nextSeq = new Map<string, number>();
}

/** Interactions per insert round while the next ones are encrypted (PostgreSQL). */
const OVERLAP_SLICE = 100;
/** Interactions encrypted between two turns of the event loop while inserts are in flight. */
const OVERLAP_YIELD = 10;

function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Waits for every insert round and throws the error of the first statement that failed. Rounds
 * interleave on the connection, so an earlier round's later statements fail too, only because the
 * transaction is then aborted (25P02); the first failure in time is the cause, and isolating the
 * bad record depends on its code. No rejection is left unobserved.
 */
async function settleAll(pending: readonly Promise<void>[]): Promise<void> {
  let first: { error: unknown } | undefined;
  await Promise.all(
    pending.map((p) =>
      p.catch((error: unknown) => {
        first ??= { error };
      }),
    ),
  );
  if (first) throw first.error;
}

/**
 * Which of the unique keys (hex) are stored already: interactions' external keys, or email
 * messages' keys (on their first turn), looked up in rounds of INSERT_CHUNK.
 */
async function storedKeys(
  db: WriteTx,
  what: 'interactions' | 'messages',
  hexKeys: Iterable<string>,
): Promise<string[]> {
  const found: string[] = [];
  for (const part of chunk([...hexKeys])) {
    const keys = part.map((h) => Buffer.from(h, 'hex'));
    const rows =
      what === 'interactions'
        ? await db
            .selectFrom('interactions')
            .select('external_key as key')
            .where('external_key', 'in', keys)
            .execute()
        : await db
            .selectFrom('turns')
            .select('message_key as key')
            .where('message_key', 'in', keys)
            .execute();
    for (const r of rows) if (r.key) found.push(Buffer.from(r.key).toString('hex'));
  }
  return found;
}

function chunk<T>(list: readonly T[], n = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}

function json(v: unknown): string {
  return JSON.stringify(v);
}

/** Rows of one batch, encrypted as they are added and inserted together. */
class Rows {
  private readonly interactions: InteractionsTable[] = [];
  private readonly calls: {
    interaction_id: string;
    duration_seconds: number | null;
    hold_seconds: number | null;
    direction: string | null;
    recording_enc: Buffer | null;
  }[] = [];
  private readonly chats: { interaction_id: string; client_enc: Buffer | null }[] = [];
  private readonly turnRows: TurnsTable[] = [];

  interaction(
    id: string,
    v: InteractionInput,
    key: Buffer,
    customer: Owner,
    agent: Owner | null,
    externalId: string,
  ): void {
    const c: FieldCipher = customer.cipher;
    this.interactions.push({
      id,
      customer_id: customer.id,
      agent_id: agent?.id ?? null,
      channel: v.channel,
      source: v.source,
      status: v.status ?? null,
      priority: v.priority ?? null,
      started_at: v.startedAt,
      ended_at: v.endedAt,
      external_key: key,
      external_id_enc: c.seal('interactions', 'external_id', id, externalId),
      subject_enc: c.sealOpt('interactions', 'subject', id, v.subject),
      tags_enc: v.tags && v.tags.length > 0 ? c.seal('interactions', 'tags', id, json(v.tags)) : null,
      turn_count: v.turns.length,
      finding_counts: countsText(countFindings(v.findings)),
      created_at: Date.now(),
    });
    const call = v.call;
    if (v.channel === 'call' || (call && Object.values(call).some((x) => x !== null && x !== undefined))) {
      const duration =
        call?.durationSeconds ??
        (v.startedAt !== null && v.endedAt !== null && v.endedAt >= v.startedAt
          ? Math.round((v.endedAt - v.startedAt) / 1000)
          : null);
      this.calls.push({
        interaction_id: id,
        duration_seconds: duration,
        hold_seconds:
          call?.holdSeconds === null || call?.holdSeconds === undefined ? null : Math.round(call.holdSeconds),
        direction: call?.direction ?? null,
        recording_enc: c.sealOpt('call_details', 'recording', id, call?.recordingUrl),
      });
    }
    const client = v.chat?.client;
    if (client && Object.values(client).some((x) => x !== null && x !== undefined && x !== '')) {
      this.chats.push({ interaction_id: id, client_enc: c.seal('chat_details', 'client', id, json(client)) });
    }
  }

  turns(
    resolver: IdentityResolver,
    interactionId: string,
    owner: Owner,
    turns: readonly TurnInput[],
    findings: readonly FindingInput[],
    seqOffset: number,
    parentSeq: number | null,
    messageKey?: Buffer,
  ): void {
    const c = owner.cipher;
    let originals: FieldCipher | undefined;
    const found = findingsByTurn(findings);
    turns.forEach((t, i) => {
      const seq = seqOffset + i;
      const rowId = `${interactionId}/${seq}`;
      let original: Buffer | null = null;
      if (t.original !== null && t.original !== undefined) {
        originals ??= resolver.originalsCipher(owner);
        original = originals.seal('turns', 'original', rowId, t.original);
      }
      this.turnRows.push({
        interaction_id: interactionId,
        seq,
        speaker: t.speaker,
        at: t.at,
        body_enc: c.seal('turns', 'body', rowId, t.text),
        original_enc: original,
        email_enc: t.email ? c.seal('turns', 'email', rowId, json(t.email)) : null,
        message_key: i === 0 && messageKey ? messageKey : null,
        parent_seq: i === 0 ? parentSeq : null,
        findings: found.get(i) ?? null,
      });
    });
    originals?.dispose();
  }

  async flush(conn: Connection, tx: WriteTx): Promise<void> {
    await bulkInsert(conn, tx, 'interactions', this.interactions);
    await bulkInsert(conn, tx, 'call_details', this.calls);
    await bulkInsert(conn, tx, 'chat_details', this.chats);
    await bulkInsert(conn, tx, 'turns', this.turnRows);
    this.interactions.length = 0;
    this.calls.length = 0;
    this.chats.length = 0;
    this.turnRows.length = 0;
  }
}
