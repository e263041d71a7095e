/**
 * Who is who, inside a write transaction: customers are matched by external id, else email, else
 * phone (the first the record has, in that order: a CRM id is authoritative, an email more
 * specific than a phone a household may share); staff by work email, else name. Matching goes
 * through the blind index, then decrypts the candidates and compares in constant time. A matched
 * customer gets the fields it lacked (never overwritten); an unmatched one is created with a new
 * data key. Callers hold lockIdentities() so two processes never create the same customer twice.
 */
import { constantTimeEqual, hkdf } from '../crypto/index.js';
import { bulkInsert } from './bulk.js';
import { FieldCipher } from './cipher.js';
import { CUSTOMER_COLUMNS } from './customer-columns.js';
import { newId } from './ids.js';
import { emailKey, externalIdKey, nameKey, phoneKey } from './normalize.js';
import type { CustomerInput, StaffInput } from './records.js';
import type { CustomersTable, StaffTable } from './schema.js';
import type { Store } from './store.js';
import type { WriteTx } from './tx.js';

export interface Owner {
  id: string;
  keyId: string;
  cipher: FieldCipher;
  /** Only when keep_original is used: key for the originals of this owner (see originalsCipher). */
  dataKey: Buffer;
}

type Kind = 'external_id' | 'email' | 'phone';
const CUSTOMER_SCOPE = 'customers';
const STAFF_SCOPE = 'staff';
const CHUNK = 400;

function chunks<T>(list: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}

function hex(b: Buffer): string {
  return b.toString('hex');
}

interface CustomerKeys {
  externalId: string | null;
  email: string | null;
  phone: string | null;
}

function customerKeys(c: CustomerInput): CustomerKeys {
  return {
    externalId: externalIdKey(c.externalId),
    email: emailKey(c.email),
    phone: phoneKey(c.phone, c.country),
  };
}

function primary(k: CustomerKeys): { kind: Kind; value: string } | null {
  if (k.externalId) return { kind: 'external_id', value: k.externalId };
  if (k.email) return { kind: 'email', value: k.email };
  if (k.phone) return { kind: 'phone', value: k.phone };
  return null;
}

type CustomersInsert = Omit<CustomersTable, never>;

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
}

export class IdentityResolver {
  private readonly owners = new Map<string, Owner>();
  /** "kind:normalized" -> customer id, for customers matched or created in this transaction. */
  private readonly known = new Map<string, string>();
  private readonly rows = new Map<string, CustomerRow>();
  private readonly staffKnown = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly tx: WriteTx,
  ) {}

  private bidx(kind: Kind, value: string, scope: string, bits: number): Buffer {
    return this.store.keyring.blindIndex(kind, value, bits, scope);
  }

  private customerBidx(kind: Kind, value: string): Buffer {
    return this.bidx(kind, value, CUSTOMER_SCOPE, this.store.settings.customerIndexBits);
  }

  private async owner(id: string, keyId: string, kekVersion: number, wrapped: Buffer): Promise<Owner> {
    let o = this.owners.get(id);
    if (!o) {
      const key = await this.store.keyring.openDataKey({ kekVersion, blob: Buffer.from(wrapped) });
      o = { id, keyId, cipher: new FieldCipher(Buffer.from(key)), dataKey: key };
      this.owners.set(id, o);
    }
    return o;
  }

  /** Opens an existing customer's (or staff member's) key by owner id. */
  async ownerOf(table: 'customers' | 'staff', id: string): Promise<Owner> {
    const cached = this.owners.get(id);
    if (cached) return cached;
    const row =
      table === 'customers'
        ? await this.tx
            .selectFrom('customers as o')
            .innerJoin('data_keys as k', 'k.id', 'o.key_id')
            .select(['o.id', 'o.key_id', 'k.kek_version', 'k.wrapped_key'])
            .where('o.id', '=', id)
            .executeTakeFirstOrThrow()
        : await this.tx
            .selectFrom('staff as o')
            .innerJoin('data_keys as k', 'k.id', 'o.key_id')
            .select(['o.id', 'o.key_id', 'k.kek_version', 'k.wrapped_key'])
            .where('o.id', '=', id)
            .executeTakeFirstOrThrow();
    return this.owner(row.id, row.key_id, row.kek_version, row.wrapped_key);
  }

  /**
   * Customers for `inputs`, in order; null where a record names no identity at all. New customers
   * are created together at the end (their data keys wrapped concurrently, one insert for all).
   * Only identities a customer really has stored are remembered for the rest of the batch, so the
   * outcome never depends on where batch boundaries fall (a resumed import equals a clean one).
   */
  async customers(inputs: readonly CustomerInput[]): Promise<(Owner | null)[]> {
    const keys = inputs.map(customerKeys);
    await this.loadCandidates(keys);
    const ids: (string | null)[] = [];
    const pending = new Map<string, { input: CustomerInput; keys: CustomerKeys }>();
    for (let i = 0; i < inputs.length; i++) {
      const k = keys[i]!;
      const p = primary(k);
      if (!p) {
        ids.push(null);
        continue;
      }
      const matched = this.known.get(`${p.kind}:${p.value}`);
      if (matched === undefined) {
        const id = newId();
        pending.set(id, { input: { ...inputs[i]!, externalId: k.externalId }, keys: { ...k } });
        this.remember(id, k);
        ids.push(id);
        continue;
      }
      const pend = pending.get(matched);
      if (pend) this.merge(matched, pend, inputs[i]!, k);
      else await this.fillBlanks(matched, inputs[i]!, k);
      ids.push(matched);
    }
    if (pending.size > 0) await this.createCustomers(pending);
    return ids.map((id) => (id === null ? null : this.owners.get(id)!));
  }

  /** A second record of a customer created in this batch fills the fields the first lacked. */
  private merge(
    id: string,
    pend: { input: CustomerInput; keys: CustomerKeys },
    input: CustomerInput,
    k: CustomerKeys,
  ): void {
    const into = pend.input;
    const added: CustomerKeys = { externalId: null, email: null, phone: null };
    into.name ??= input.name ?? null;
    if (!into.email && input.email && k.email) {
      into.email = input.email;
      pend.keys.email = added.email = k.email;
    }
    if (!into.phone && input.phone) {
      into.phone = input.phone;
      pend.keys.phone = added.phone = k.phone;
    }
    if (!into.externalId && k.externalId) {
      into.externalId = k.externalId;
      pend.keys.externalId = added.externalId = k.externalId;
    }
    into.country ??= input.country ?? null;
    into.region ??= input.region ?? null;
    this.remember(id, added);
  }

  private async createCustomers(
    pending: Map<string, { input: CustomerInput; keys: CustomerKeys }>,
  ): Promise<void> {
    const entries = [...pending.entries()];
    // Wrapped together: one check of the key file (or concurrent KMS calls), not one per key.
    const keys = await this.store.keyring.newDataKeys(entries.length);
    const now = Date.now();
    const keyRows: { id: string; kek_version: number; wrapped_key: Buffer; created_at: number }[] = [];
    const rows: CustomersInsert[] = [];
    entries.forEach(([id, { input, keys: k }], i) => {
      const { key, wrapped } = keys[i]!;
      const keyId = newId(now);
      const cipher = new FieldCipher(Buffer.from(key));
      keyRows.push({
        id: keyId,
        kek_version: wrapped.kekVersion,
        wrapped_key: wrapped.blob,
        created_at: now,
      });
      const row: CustomersInsert = {
        id,
        key_id: keyId,
        name_enc: cipher.sealOpt('customers', 'name', id, input.name),
        email_enc: cipher.sealOpt('customers', 'email', id, input.email),
        phone_enc: cipher.sealOpt('customers', 'phone', id, input.phone),
        external_id_enc: cipher.sealOpt('customers', 'external_id', id, k.externalId),
        country_enc: cipher.sealOpt('customers', 'country', id, input.country),
        region_enc: cipher.sealOpt('customers', 'region', id, input.region),
        email_bidx: k.email ? this.customerBidx('email', k.email) : null,
        phone_bidx: k.phone ? this.customerBidx('phone', k.phone) : null,
        external_id_bidx: k.externalId ? this.customerBidx('external_id', k.externalId) : null,
        created_at: now,
        updated_at: now,
      };
      rows.push(row);
      this.owners.set(id, { id, keyId, cipher, dataKey: key });
      this.rows.set(id, { ...row, kek_version: wrapped.kekVersion, wrapped_key: wrapped.blob });
    });
    await bulkInsert(this.store.conn, this.tx, 'data_keys', keyRows);
    await bulkInsert(this.store.conn, this.tx, 'customers', rows);
  }

  private async loadCandidates(keys: readonly CustomerKeys[]): Promise<void> {
    // Index value -> the values of this batch that have it: truncation makes collisions normal.
    const wanted: Record<Kind, Map<string, Set<string>>> = {
      external_id: new Map(),
      email: new Map(),
      phone: new Map(),
    };
    for (const k of keys) {
      const p = primary(k);
      if (p && !this.known.has(`${p.kind}:${p.value}`)) {
        const h = hex(this.customerBidx(p.kind, p.value));
        const set = wanted[p.kind].get(h) ?? new Set<string>();
        set.add(p.value);
        wanted[p.kind].set(h, set);
      }
    }
    for (const kind of ['external_id', 'email', 'phone'] as const) {
      const col = `${kind}_bidx` as const;
      if (wanted[kind].size === 0) continue;
      const bidxs = [...wanted[kind].keys()].map((h) => Buffer.from(h, 'hex'));
      for (const part of chunks(bidxs)) {
        const rows = await this.tx
          .selectFrom('customers as c')
          .innerJoin('data_keys as k', 'k.id', 'c.key_id')
          .select([...CUSTOMER_COLUMNS, `c.${col} as bidx`])
          .where(`c.${col}`, 'in', part)
          .orderBy('c.id')
          .execute();
        // Unwrap the candidates' keys together (a KMS round trip each otherwise adds up).
        const owners = await Promise.all(
          rows.map((row) => this.owner(row.id, row.key_id, row.kek_version, row.wrapped_key)),
        );
        rows.forEach((row, i) => {
          this.rows.set(row.id, row);
          const values = row.bidx ? wanted[kind].get(hex(Buffer.from(row.bidx))) : undefined;
          if (!values) return;
          const stored = this.storedKey(owners[i]!, row, kind);
          if (stored === null) return;
          for (const v of values) {
            // Constant time: the comparison must not tell how much of a guessed value matched.
            if (constantTimeEqual(stored, v) && !this.known.has(`${kind}:${v}`)) {
              this.known.set(`${kind}:${v}`, row.id);
            }
          }
        });
      }
    }
  }

  private storedKey(owner: Owner, row: CustomerRow, kind: Kind): string | null {
    const c = owner.cipher;
    switch (kind) {
      case 'external_id':
        return externalIdKey(c.openOpt('customers', 'external_id', row.id, row.external_id_enc));
      case 'email':
        return emailKey(c.openOpt('customers', 'email', row.id, row.email_enc));
      case 'phone':
        return phoneKey(
          c.openOpt('customers', 'phone', row.id, row.phone_enc),
          c.openOpt('customers', 'country', row.id, row.country_enc),
        );
    }
  }

  private remember(id: string, k: CustomerKeys): void {
    if (k.externalId) this.known.set(`external_id:${k.externalId}`, id);
    if (k.email) this.known.set(`email:${k.email}`, id);
    if (k.phone) this.known.set(`phone:${k.phone}`, id);
  }

  /** Adds the fields a matched customer lacks; existing values are never overwritten by an import. */
  private async fillBlanks(id: string, input: CustomerInput, k: CustomerKeys): Promise<Owner> {
    const owner = this.owners.get(id)!;
    const row = this.rows.get(id)!;
    const c = owner.cipher;
    const set: Record<string, Buffer> = {};
    if (!row.name_enc && input.name) set['name_enc'] = c.seal('customers', 'name', id, input.name);
    if (!row.email_enc && input.email && k.email) {
      set['email_enc'] = c.seal('customers', 'email', id, input.email);
      set['email_bidx'] = this.customerBidx('email', k.email);
    }
    if (!row.phone_enc && input.phone) {
      set['phone_enc'] = c.seal('customers', 'phone', id, input.phone);
      if (k.phone) set['phone_bidx'] = this.customerBidx('phone', k.phone);
    }
    if (!row.external_id_enc && k.externalId) {
      set['external_id_enc'] = c.seal('customers', 'external_id', id, k.externalId);
      set['external_id_bidx'] = this.customerBidx('external_id', k.externalId);
    }
    if (!row.country_enc && input.country)
      set['country_enc'] = c.seal('customers', 'country', id, input.country);
    if (!row.region_enc && input.region) set['region_enc'] = c.seal('customers', 'region', id, input.region);
    if (Object.keys(set).length > 0) {
      await this.tx
        .updateTable('customers')
        .set({ ...set, updated_at: Date.now() })
        .where('id', '=', id)
        .execute();
      Object.assign(row, set);
    }
    this.remember(id, {
      externalId: set['external_id_bidx'] ? k.externalId : null,
      email: set['email_bidx'] ? k.email : null,
      phone: set['phone_bidx'] ? k.phone : null,
    });
    return owner;
  }

  /** The staff member for an agent, matched by work email, else name; created when new. */
  async staff(input: StaffInput | null | undefined): Promise<Owner | null> {
    return (await this.staffMany([input]))[0]!;
  }

  /**
   * Staff for `inputs`, in order (null where an agent has neither email nor name): matched through
   * the blind index like customers, new ones created together.
   */
  async staffMany(inputs: readonly (StaffInput | null | undefined)[]): Promise<(Owner | null)[]> {
    const bits = this.store.settings.staffIndexBits;
    const keyOf = (i: StaffInput | null | undefined): { kind: 'email' | 'name'; value: string } | null => {
      const email = emailKey(i?.email);
      if (email) return { kind: 'email', value: email };
      const name = nameKey(i?.name);
      return name ? { kind: 'name', value: name } : null;
    };
    const bidxOf = (k: { kind: 'email' | 'name'; value: string }) =>
      k.kind === 'email' ? this.bidx('email', k.value, STAFF_SCOPE, bits) : this.staffNameBidx(k.value);
    const keys = inputs.map(keyOf);
    // Candidates of every unknown key, grouped per index value, decrypted and compared.
    for (const kind of ['email', 'name'] as const) {
      const wanted = new Map<string, Set<string>>();
      for (const k of keys) {
        if (!k || k.kind !== kind || this.staffKnown.has(`${kind}:${k.value}`)) continue;
        const h = hex(bidxOf(k));
        const set = wanted.get(h) ?? new Set<string>();
        set.add(k.value);
        wanted.set(h, set);
      }
      if (wanted.size === 0) continue;
      for (const part of chunks([...wanted.keys()].map((h) => Buffer.from(h, 'hex')))) {
        const col = kind === 'email' ? 's.email_bidx' : 's.name_bidx';
        const rows = await this.tx
          .selectFrom('staff as s')
          .innerJoin('data_keys as k', 'k.id', 's.key_id')
          .select([
            's.id',
            's.key_id',
            'k.kek_version',
            'k.wrapped_key',
            's.email_enc',
            's.name_enc',
            `${col} as bidx`,
          ])
          .where(col, 'in', part)
          .orderBy('s.id')
          .execute();
        const owners = await Promise.all(
          rows.map((row) => this.owner(row.id, row.key_id, row.kek_version, row.wrapped_key)),
        );
        rows.forEach((row, i) => {
          const values = row.bidx ? wanted.get(hex(Buffer.from(row.bidx))) : undefined;
          if (!values) return;
          const c = owners[i]!.cipher;
          const stored =
            kind === 'email'
              ? emailKey(c.openOpt('staff', 'email', row.id, row.email_enc))
              : nameKey(c.openOpt('staff', 'name', row.id, row.name_enc));
          if (stored === null) return;
          for (const v of values) {
            if (constantTimeEqual(stored, v) && !this.staffKnown.has(`${kind}:${v}`)) {
              this.staffKnown.set(`${kind}:${v}`, row.id);
            }
          }
        });
      }
    }
    const ids: (string | null)[] = [];
    const pending = new Map<string, StaffInput>();
    inputs.forEach((input, i) => {
      const k = keys[i];
      if (!k || !input) {
        ids.push(null);
        return;
      }
      const mapKey = `${k.kind}:${k.value}`;
      let id = this.staffKnown.get(mapKey);
      if (id === undefined) {
        id = newId();
        pending.set(id, input);
        this.staffKnown.set(mapKey, id);
        // A new staff member with both is findable by name too (list --agent "Name").
        const name = nameKey(input.name);
        if (k.kind === 'email' && name && !this.staffKnown.has(`name:${name}`))
          this.staffKnown.set(`name:${name}`, id);
      }
      ids.push(id);
    });
    if (pending.size > 0) {
      const entries = [...pending.entries()];
      const dataKeys = await this.store.keyring.newDataKeys(entries.length);
      const now = Date.now();
      const keyRows: { id: string; kek_version: number; wrapped_key: Buffer; created_at: number }[] = [];
      const rows: StaffTable[] = [];
      entries.forEach(([id, input], i) => {
        const { key, wrapped } = dataKeys[i]!;
        const keyId = newId(now);
        const cipher = new FieldCipher(Buffer.from(key));
        const email = emailKey(input.email);
        const name = nameKey(input.name);
        keyRows.push({
          id: keyId,
          kek_version: wrapped.kekVersion,
          wrapped_key: wrapped.blob,
          created_at: now,
        });
        rows.push({
          id,
          key_id: keyId,
          name_enc: cipher.sealOpt('staff', 'name', id, input.name),
          email_enc: cipher.sealOpt('staff', 'email', id, input.email),
          phone_enc: cipher.sealOpt('staff', 'phone', id, input.phone),
          role: input.role ?? 'agent',
          email_bidx: email ? this.bidx('email', email, STAFF_SCOPE, bits) : null,
          name_bidx: name ? this.staffNameBidx(name) : null,
          created_at: now,
        });
        this.owners.set(id, { id, keyId, cipher, dataKey: key });
      });
      await bulkInsert(this.store.conn, this.tx, 'data_keys', keyRows);
      await bulkInsert(this.store.conn, this.tx, 'staff', rows);
    }
    return ids.map((id) => (id === null ? null : this.owners.get(id)!));
  }

  /** Names have no blind-index kind of their own: a separately scoped key of the external_id kind. */
  staffNameBidx(name: string): Buffer {
    return this.bidx('external_id', name, 'staff-name', this.store.settings.staffIndexBits);
  }

  /** Cipher for keep_original texts: a key derived from the owner's data key and the originals key. */
  originalsCipher(owner: Owner): FieldCipher {
    return new FieldCipher(hkdf(owner.dataKey, 'sealdesk originals', 32, this.store.keyring.originalsKey()));
  }

  /** Zeroizes every data key this resolver opened. */
  dispose(): void {
    for (const o of this.owners.values()) {
      o.cipher.dispose();
      o.dataKey.fill(0);
    }
    this.owners.clear();
  }
}
