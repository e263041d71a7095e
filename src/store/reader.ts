/**
 * The one read path. Every read of customer data (find, show, list, a customer's interactions) is a
 * method here, and each reports what it returned to the read hooks before returning it, so an audit
 * trail hooks every read in one place (Store.onRead). Reads decrypt with the owner's data key,
 * return redacted bodies, and mask personal fields unless `reveal` is set.
 */
import { sql } from 'kysely';
import { CryptoError, constantTimeEqual, hkdf, normalizePhone } from '../crypto/index.js';
import { FieldCipher } from './cipher.js';
import { CUSTOMER_COLUMNS } from './customer-columns.js';
import { StoreError } from './errors.js';
import { countsPattern, parseCounts, parseTurnFindings } from './finding-columns.js';
import { isId } from './ids.js';
import { maskEmail, maskId, maskIp, maskMailbox, maskName, maskPhone, maskUrl } from './mask.js';
import { DEFAULT_PHONE_REGIONS, emailKey, externalIdKey, nameKey, phoneKey } from './normalize.js';
import type { Store } from './store.js';
import type {
  CustomerView,
  EmailView,
  FindResult,
  InteractionSummary,
  InteractionView,
  ListFilter,
  StaffView,
  TurnView,
} from './views.js';

export interface ReaderOptions {
  /** Show personal fields in full instead of masked. */
  reveal?: boolean;
  /** Include the keep_original texts (card numbers and CVVs are redacted in them too). */
  originals?: boolean;
}

export type ReadAction = 'find' | 'show' | 'list' | 'customer';

export interface ReadEvent {
  action: ReadAction;
  customerIds: string[];
  interactionIds: string[];
  reveal: boolean;
  originals: boolean;
  at: number;
}

export type ReadHook = (event: ReadEvent) => void | Promise<void>;

export const DEFAULT_LIST_LIMIT = 50;
const MAX_LIST_LIMIT = 10_000;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

interface CustomerRow {
  id: string;
  key_id: string;
  kek_version: number;
  wrapped_key: Buffer;
  name_enc: Buffer | null;
  email_enc: Buffer | null;
  phone_enc: Buffer | null;
  external_id_enc: Buffer | null;
  country_enc: Buffer | null;
  region_enc: Buffer | null;
  created_at: number;
}

export class Reader {
  private readonly reveal: boolean;
  private readonly originals: boolean;
  private readonly ciphers = new Map<string, FieldCipher>();

  constructor(
    private readonly store: Store,
    private readonly hooks: readonly ReadHook[],
    options: ReaderOptions,
  ) {
    this.reveal = options.reveal === true;
    this.originals = options.originals === true;
  }

  private get db() {
    return this.store.db;
  }

  private async emit(action: ReadAction, customerIds: string[], interactionIds: string[]): Promise<void> {
    const event: ReadEvent = {
      action,
      customerIds: [...new Set(customerIds)],
      interactionIds: [...new Set(interactionIds)],
      reveal: this.reveal,
      originals: this.originals,
      at: Date.now(),
    };
    for (const h of this.hooks) await h(event);
  }

  private async cipher(keyId: string, kekVersion: number, wrapped: Buffer): Promise<FieldCipher> {
    const cached = this.ciphers.get(keyId);
    if (cached) return cached;
    const c = new FieldCipher(
      await this.store.keyring.openDataKey({ kekVersion, blob: Buffer.from(wrapped) }),
    );
    const raced = this.ciphers.get(keyId);
    if (raced) {
      c.dispose();
      return raced;
    }
    this.ciphers.set(keyId, c);
    return c;
  }

  private m(value: string | null, mask: (s: string) => string): string | null {
    if (value === null) return null;
    return this.reveal ? value : mask(value);
  }

  /** Zeroizes the data keys this reader opened. */
  close(): void {
    for (const c of this.ciphers.values()) c.dispose();
    this.ciphers.clear();
  }

  // ---- customers ------------------------------------------------------------------------------

  private customerQuery() {
    return this.db
      .selectFrom('customers as c')
      .innerJoin('data_keys as k', 'k.id', 'c.key_id')
      .select([...CUSTOMER_COLUMNS, 'c.created_at']);
  }

  private async customerView(row: CustomerRow, interactions: number): Promise<CustomerView> {
    const c = await this.cipher(row.key_id, row.kek_version, row.wrapped_key);
    const f = (col: string, blob: Buffer | null) => c.openOpt('customers', col, row.id, blob);
    return {
      id: row.id,
      name: this.m(f('name', row.name_enc), maskName),
      email: this.m(f('email', row.email_enc), maskEmail),
      phone: this.m(f('phone', row.phone_enc), maskPhone),
      country: f('country', row.country_enc),
      region: this.m(f('region', row.region_enc), maskName),
      externalId: this.m(f('external_id', row.external_id_enc), maskId),
      createdAt: iso(row.created_at)!,
      interactions,
    };
  }

  private async interactionCounts(customerIds: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (customerIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('interactions')
      .select(['customer_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('customer_id', 'in', customerIds)
      .groupBy('customer_id')
      .execute();
    for (const r of rows) out.set(r.customer_id, Number(r.n));
    return out;
  }

  /**
   * Customers by email, phone or external id through the blind index: the index narrows the search
   * to a few candidates, which are decrypted and compared in constant time. --external-id also
   * matches interactions by their own external id.
   */
  async find(query: {
    email?: string;
    phone?: string;
    externalId?: string;
    region?: string;
  }): Promise<FindResult> {
    const given = [query.email, query.phone, query.externalId].filter((v) => v !== undefined);
    if (given.length !== 1)
      throw new StoreError('E_USAGE', 'find needs exactly one of email, phone or external id');
    const bits = this.store.settings.customerIndexBits;
    const kr = this.store.keyring;
    let kind: 'email' | 'phone' | 'external_id';
    let wanted: string[];
    if (query.email !== undefined) {
      kind = 'email';
      wanted = [emailKey(query.email)].filter((v): v is string => v !== null);
    } else if (query.phone !== undefined) {
      kind = 'phone';
      // A national number may belong to any of the product's markets: look in each.
      const regions = query.region ? [query.region] : DEFAULT_PHONE_REGIONS;
      wanted = [
        ...new Set(regions.map((r) => normalizePhone(query.phone!, r)).filter((v): v is string => !!v)),
      ];
      if (wanted.length === 0) {
        throw new StoreError(
          'E_USAGE',
          'the phone number is not a possible number (give it with +country code)',
        );
      }
    } else {
      kind = 'external_id';
      wanted = [externalIdKey(query.externalId)].filter((v): v is string => v !== null);
    }
    const customers: CustomerView[] = [];
    const interactions: InteractionSummary[] = [];
    if (wanted.length > 0) {
      const col = `c.${kind}_bidx` as const;
      const bidxs = wanted.map((w) => kr.blindIndex(kind, w, bits, 'customers'));
      const rows = await this.customerQuery().where(col, 'in', bidxs).orderBy('c.id').execute();
      const matched: CustomerRow[] = [];
      // The candidates' keys are unwrapped together: one provider round trip of latency, not one each.
      const ciphers = await Promise.all(rows.map((r) => this.cipher(r.key_id, r.kek_version, r.wrapped_key)));
      for (const [i, row] of rows.entries()) {
        const c = ciphers[i]!;
        let stored: string | null;
        if (kind === 'email') stored = emailKey(c.openOpt('customers', 'email', row.id, row.email_enc));
        else if (kind === 'phone')
          stored = phoneKey(
            c.openOpt('customers', 'phone', row.id, row.phone_enc),
            c.openOpt('customers', 'country', row.id, row.country_enc),
          );
        else stored = externalIdKey(c.openOpt('customers', 'external_id', row.id, row.external_id_enc));
        if (stored !== null && wanted.some((w) => constantTimeEqual(stored!, w))) matched.push(row);
      }
      const counts = await this.interactionCounts(matched.map((r) => r.id));
      for (const row of matched) customers.push(await this.customerView(row, counts.get(row.id) ?? 0));
      if (kind === 'external_id') {
        const w = this.store.writer();
        const keys = wanted.flatMap((v) => [w.interactionKey(v), w.threadKey(v)]);
        const ids = await this.db
          .selectFrom('interactions')
          .select('id')
          .where('external_key', 'in', keys)
          .execute();
        interactions.push(...(await this.summaries(ids.map((r) => r.id))));
      }
    }
    await this.emit(
      'find',
      [...customers.map((c) => c.id), ...interactions.map((i) => i.customerId)],
      interactions.map((i) => i.id),
    );
    return { customers, interactions };
  }

  /** One customer and the summaries of their interactions (newest first). */
  async customer(id: string): Promise<{ customer: CustomerView; interactions: InteractionSummary[] }> {
    const row = await this.customerQuery().where('c.id', '=', id).executeTakeFirst();
    if (!row) throw new StoreError('E_NOT_FOUND', `no customer with id ${id}`);
    const ids = await this.db
      .selectFrom('interactions')
      .select('id')
      .where('customer_id', '=', id)
      .orderBy('started_at', (ob) => ob.desc().nullsLast())
      .orderBy('id', 'desc')
      .execute();
    const customer = await this.customerView(row, ids.length);
    const interactions = await this.summaries(ids.map((r) => r.id));
    await this.emit(
      'customer',
      [id],
      interactions.map((i) => i.id),
    );
    return { customer, interactions };
  }

  // ---- interactions ---------------------------------------------------------------------------

  private async staffViews(ids: string[]): Promise<Map<string, StaffView>> {
    const out = new Map<string, StaffView>();
    const unique = [...new Set(ids)];
    if (unique.length === 0) return out;
    const rows = await this.db
      .selectFrom('staff as s')
      .innerJoin('data_keys as k', 'k.id', 's.key_id')
      .select([
        's.id',
        's.key_id',
        'k.kek_version',
        'k.wrapped_key',
        's.name_enc',
        's.email_enc',
        's.phone_enc',
        's.role',
      ])
      .where('s.id', 'in', unique)
      .execute();
    for (const r of rows) {
      const c = await this.cipher(r.key_id, r.kek_version, r.wrapped_key);
      out.set(r.id, {
        id: r.id,
        name: this.m(c.openOpt('staff', 'name', r.id, r.name_enc), maskName),
        email: this.m(c.openOpt('staff', 'email', r.id, r.email_enc), maskEmail),
        phone: this.m(c.openOpt('staff', 'phone', r.id, r.phone_enc), maskPhone),
        role: r.role,
      });
    }
    return out;
  }

  /** Summaries in the order of `ids`. A row that cannot be decrypted is returned marked `unreadable`. */
  private async summaries(ids: string[]): Promise<InteractionSummary[]> {
    if (ids.length === 0) return [];
    const out = new Map<string, InteractionSummary>();
    for (let i = 0; i < ids.length; i += 400) {
      const part = ids.slice(i, i + 400);
      const rows = await this.db
        .selectFrom('interactions as i')
        .innerJoin('customers as c', 'c.id', 'i.customer_id')
        .innerJoin('data_keys as k', 'k.id', 'c.key_id')
        .select([
          'i.id',
          'i.customer_id',
          'i.agent_id',
          'i.channel',
          'i.source',
          'i.status',
          'i.priority',
          'i.started_at',
          'i.ended_at',
          'i.external_id_enc',
          'i.subject_enc',
          'i.turn_count',
          'i.finding_counts',
          'c.name_enc',
          'c.key_id',
          'k.kek_version',
          'k.wrapped_key',
        ])
        .where('i.id', 'in', part)
        .execute();
      const staff = await this.staffViews(rows.map((r) => r.agent_id).filter((a): a is string => a !== null));
      for (const r of rows) {
        const s: InteractionSummary = {
          id: r.id,
          externalId: '',
          channel: r.channel,
          source: r.source,
          status: r.status,
          priority: r.priority,
          startedAt: iso(r.started_at),
          endedAt: iso(r.ended_at),
          customerId: r.customer_id,
          customerName: null,
          agentId: r.agent_id,
          agentName: r.agent_id ? (staff.get(r.agent_id)?.name ?? null) : null,
          subject: null,
          turns: r.turn_count,
          findings: {},
        };
        try {
          s.findings = parseCounts(r.finding_counts, `interaction ${r.id}`);
          const c = await this.cipher(r.key_id, r.kek_version, r.wrapped_key);
          s.externalId = c.open('interactions', 'external_id', r.id, r.external_id_enc);
          s.subject = c.openOpt('interactions', 'subject', r.id, r.subject_enc);
          s.customerName = this.m(c.openOpt('customers', 'name', r.customer_id, r.name_enc), maskName);
        } catch (err) {
          if (!(err instanceof CryptoError || (err instanceof StoreError && err.code === 'E_STORE_CORRUPT')))
            throw err;
          s.unreadable = err instanceof CryptoError ? `interaction ${r.id}: ${err.message}` : err.message;
        }
        out.set(r.id, s);
      }
    }
    return ids.map((id) => out.get(id)).filter((s): s is InteractionSummary => s !== undefined);
  }

  /** Resolves `show ID`: a Sealdesk id, else an interaction's external id (or email thread root). */
  private async resolveInteractionId(idOrExternal: string): Promise<string | null> {
    if (isId(idOrExternal)) {
      const r = await this.db
        .selectFrom('interactions')
        .select('id')
        .where('id', '=', idOrExternal)
        .executeTakeFirst();
      if (r) return r.id;
    }
    const ext = externalIdKey(idOrExternal);
    if (ext === null) return null;
    const w = this.store.writer();
    const r = await this.db
      .selectFrom('interactions')
      .select('id')
      .where('external_key', 'in', [w.interactionKey(ext), w.threadKey(ext)])
      .orderBy('id')
      .executeTakeFirst();
    return r?.id ?? null;
  }

  /** One interaction in full: customer, agent, details, turns (redacted), findings. */
  async interaction(idOrExternal: string): Promise<InteractionView> {
    const id = await this.resolveInteractionId(idOrExternal);
    if (id === null) throw new StoreError('E_NOT_FOUND', 'no interaction with that id or external id');
    const [summary] = await this.summaries([id]);
    if (!summary) throw new StoreError('E_NOT_FOUND', 'no interaction with that id or external id');
    if (summary.unreadable) throw new StoreError('E_DECRYPT_FAILED', summary.unreadable);
    const i = await this.db
      .selectFrom('interactions as i')
      .innerJoin('customers as c', 'c.id', 'i.customer_id')
      .innerJoin('data_keys as k', 'k.id', 'c.key_id')
      .select(['i.tags_enc', ...CUSTOMER_COLUMNS, 'c.created_at'])
      .where('i.id', '=', id)
      .executeTakeFirstOrThrow();
    try {
      const c = await this.cipher(i.key_id, i.kek_version, i.wrapped_key);
      const counts = await this.interactionCounts([i.id]);
      const customer = await this.customerView(i, counts.get(i.id) ?? 0);
      const agent = summary.agentId
        ? ((await this.staffViews([summary.agentId])).get(summary.agentId) ?? null)
        : null;
      const tagsText = c.openOpt('interactions', 'tags', id, i.tags_enc);
      const view: InteractionView = {
        ...summary,
        tags: tagsText ? (JSON.parse(tagsText) as string[]) : [],
        customer,
        agent,
        turnList: [],
        findingList: [],
      };
      const call = await this.db
        .selectFrom('call_details')
        .selectAll()
        .where('interaction_id', '=', id)
        .executeTakeFirst();
      if (call) {
        view.call = {
          durationSeconds: call.duration_seconds,
          holdSeconds: call.hold_seconds,
          direction: call.direction,
          recordingUrl: this.m(c.openOpt('call_details', 'recording', id, call.recording_enc), maskUrl),
        };
      }
      const chat = await this.db
        .selectFrom('chat_details')
        .selectAll()
        .where('interaction_id', '=', id)
        .executeTakeFirst();
      if (chat?.client_enc) {
        const client = JSON.parse(c.open('chat_details', 'client', id, chat.client_enc)) as Record<
          string,
          string | null
        >;
        if (!this.reveal) {
          if (client['ip']) client['ip'] = maskIp(client['ip']);
          if (client['location']) client['location'] = maskName(client['location']);
        }
        view.chat = { client };
      }
      const turns = await this.db
        .selectFrom('turns')
        .selectAll()
        .where('interaction_id', '=', id)
        .orderBy('seq')
        .execute();
      let originals: FieldCipher | undefined;
      for (const t of turns) {
        const rowId = `${id}/${t.seq}`;
        const tv: TurnView = {
          seq: t.seq,
          speaker: t.speaker,
          at: iso(t.at),
          text: c.open('turns', 'body', rowId, t.body_enc),
        };
        if (t.email_enc) {
          const e = JSON.parse(c.open('turns', 'email', rowId, t.email_enc)) as EmailView;
          if (!this.reveal) {
            if (e.from) e.from = maskMailbox(e.from);
            if (e.to) e.to = e.to.map(maskMailbox);
            if (e.cc) e.cc = e.cc.map(maskMailbox);
          }
          tv.email = e;
          tv.parentSeq = t.parent_seq;
        }
        if (this.originals) {
          if (t.original_enc) {
            originals ??= new FieldCipher(
              hkdf(
                await this.dataKey(i.kek_version, i.wrapped_key),
                'sealdesk originals',
                32,
                this.store.keyring.originalsKey(),
              ),
            );
            tv.original = originals.open('turns', 'original', rowId, t.original_enc);
          } else tv.original = null;
        }
        view.turnList.push(tv);
      }
      originals?.dispose();
      // Email threads: the order the messages were written, whatever order they were imported in.
      if (summary.channel === 'email') {
        view.turnList.sort((a, b) => (a.at && b.at ? a.at.localeCompare(b.at) : 0) || a.seq - b.seq);
      }
      // Findings in turn order, whatever order an email thread's turns are shown in.
      for (const t of turns) {
        for (const f of parseTurnFindings(t.findings, `turn ${id}/${t.seq}`)) {
          view.findingList.push({
            turn: t.seq,
            type: f[0],
            start: f[1],
            end: f[2],
            redactedStart: f[3],
            redactedEnd: f[4],
            operator: f[5],
            score: f[6],
            fingerprint: f[7],
            last4: f[8],
            split: f[9] === 1,
          });
        }
      }
      await this.emit('show', [customer.id], [id]);
      return view;
    } catch (err) {
      if (err instanceof CryptoError)
        throw new StoreError('E_DECRYPT_FAILED', `interaction ${id}: ${err.message}`);
      throw err;
    }
  }

  private async dataKey(kekVersion: number, wrapped: Buffer): Promise<Buffer> {
    return this.store.keyring.openDataKey({ kekVersion, blob: Buffer.from(wrapped) });
  }

  /** Staff ids whose email (or, for a value without @, name) is `who`. */
  private async staffIds(who: string): Promise<string[]> {
    const bits = this.store.settings.staffIndexBits;
    const kr = this.store.keyring;
    const email = who.includes('@') ? emailKey(who) : null;
    const name = email ? null : nameKey(who);
    if (!email && !name) return [];
    const bidx = email
      ? kr.blindIndex('email', email, bits, 'staff')
      : kr.blindIndex('external_id', name!, bits, 'staff-name');
    const rows = await this.db
      .selectFrom('staff as s')
      .innerJoin('data_keys as k', 'k.id', 's.key_id')
      .select(['s.id', 's.key_id', 'k.kek_version', 'k.wrapped_key', 's.email_enc', 's.name_enc'])
      .where(email ? 's.email_bidx' : 's.name_bidx', '=', bidx)
      .execute();
    const out: string[] = [];
    for (const r of rows) {
      const c = await this.cipher(r.key_id, r.kek_version, r.wrapped_key);
      const stored = email
        ? emailKey(c.openOpt('staff', 'email', r.id, r.email_enc))
        : nameKey(c.openOpt('staff', 'name', r.id, r.name_enc));
      if (stored !== null && constantTimeEqual(stored, email ?? name!)) out.push(r.id);
    }
    return out;
  }

  /** Interactions, newest first, filtered on plain columns (channel, time, agent, finding types). */
  async list(filter: ListFilter = {}): Promise<InteractionSummary[]> {
    const limit = Math.min(Math.max(1, filter.limit ?? DEFAULT_LIST_LIMIT), MAX_LIST_LIMIT);
    let q = this.db.selectFrom('interactions as i').select('i.id');
    if (filter.channel) q = q.where('i.channel', '=', filter.channel);
    if (filter.since !== undefined) q = q.where('i.started_at', '>=', filter.since);
    if (filter.until !== undefined) q = q.where('i.started_at', '<', filter.until);
    if (filter.customerId) q = q.where('i.customer_id', '=', filter.customerId);
    if (filter.agent !== undefined) {
      const ids = await this.staffIds(filter.agent);
      if (ids.length === 0) {
        await this.emit('list', [], []);
        return [];
      }
      q = q.where('i.agent_id', 'in', ids);
    }
    if (filter.hasFinding) {
      const type = filter.hasFinding;
      // The counts column names every type found in the interaction (src/store/finding-columns.ts).
      q = q.where(sql<boolean>`${sql.ref('i.finding_counts')} like ${countsPattern(type)} escape '\\'`);
    }
    const rows = await q
      .orderBy('i.started_at', (ob) => ob.desc().nullsLast())
      .orderBy('i.id', 'desc')
      .limit(limit)
      .offset(Math.max(0, filter.offset ?? 0))
      .execute();
    const out = await this.summaries(rows.map((r) => r.id));
    await this.emit(
      'list',
      out.map((s) => s.customerId),
      out.map((s) => s.id),
    );
    return out;
  }
}
