/**
 * The Store: one connection, the keyring, and the store's settings. `Store.init` creates the schema
 * and the keys; `Store.open` refuses a store that is missing, outdated, or whose keys do not open.
 * Reads go through `store.reader()` (one read path), writes through `store.writer()`.
 */
import {
  blindIndexBits,
  CryptoError,
  createKeyFile,
  DEFAULT_EXPECTED_ROWS,
  FileKeyProvider,
  type KeyProvider,
  Keyring,
  keyProviderFromConfig,
  type SystemKeyPurpose,
  type SystemKeyRecord,
  VaultTransitKeyProvider,
} from '../crypto/index.js';
import { type Connection, connect, type DialectName, type StoreLocation } from './connect.js';
import { StoreError } from './errors.js';
import { assertSchemaCurrent, migrateToLatest } from './migrate.js';
import { Reader, type ReaderOptions, type ReadHook } from './reader.js';
import { lockIdentities, type WriteTx, writeTx } from './tx.js';
import { Writer } from './writer.js';

export interface StoreSettings {
  /** Blind-index length for customers' email, phone and external id (bits). */
  customerIndexBits: number;
  /** Blind-index length for staff email and name. */
  staffIndexBits: number;
  createdAt: number;
}

export interface StoreOptions extends StoreLocation {
  env?: NodeJS.ProcessEnv;
  /** The KEK provider; by default chosen from the environment (keyProviderFromConfig). */
  provider?: KeyProvider;
  /** Data keys kept unwrapped at once (keyring LRU). */
  keyCacheSize?: number;
}

export interface InitOptions extends StoreOptions {
  /** Customers the store is planned for; fixes the blind-index length (default one million). */
  expectedCustomers?: number;
  expectedStaff?: number;
}

export interface InitResult {
  store: Store;
  /** False when the store already existed (init is idempotent). */
  created: boolean;
  keyFileCreated: string | null;
  migrations: string[];
}

const DEFAULT_EXPECTED_STAFF = 10_000;

function providerFor(options: StoreOptions): KeyProvider {
  return (
    options.provider ?? keyProviderFromConfig({ dataDir: options.dataDir, env: options.env ?? process.env })
  );
}

async function readKeyring(conn: Connection): Promise<SystemKeyRecord[]> {
  const rows = await conn.db
    .selectFrom('keyring')
    .select(['purpose', 'kek_version', 'wrapped_key'])
    .execute();
  return rows.map((r) => ({
    purpose: r.purpose as SystemKeyPurpose,
    kekVersion: r.kek_version,
    blob: Buffer.from(r.wrapped_key),
  }));
}

async function readSettings(conn: Connection): Promise<StoreSettings> {
  const rows = await conn.db.selectFrom('sealdesk_meta').select(['key', 'value']).execute();
  const m = new Map(rows.map((r) => [r.key, r.value]));
  const num = (k: string): number => {
    const v = Number(m.get(k));
    if (!Number.isInteger(v) || v < 1) {
      throw new StoreError(
        'E_STORE_CORRUPT',
        `the store's setting "${k}" is missing or invalid (${conn.where})`,
      );
    }
    return v;
  };
  return {
    customerIndexBits: num('customer_index_bits'),
    staffIndexBits: num('staff_index_bits'),
    createdAt: num('created_at'),
  };
}

async function openKeyring(
  conn: Connection,
  provider: KeyProvider,
  records: SystemKeyRecord[],
  cacheSize?: number,
): Promise<Keyring> {
  try {
    return await Keyring.open(provider, records, cacheSize === undefined ? {} : { cacheSize });
  } catch (err) {
    if (err instanceof CryptoError && err.code === 'E_DECRYPT_FAILED') {
      const where = provider.describe?.() ?? `the ${provider.kind} key provider`;
      throw new StoreError(
        'E_STORE_KEY_MISMATCH',
        `${where} does not open the keys of the store at ${conn.where}: a different key file or KEK than the ` +
          'one this store was created with (restore the right key; nothing was changed)',
      );
    }
    throw err;
  }
}

export class Store {
  readonly conn: Connection;
  readonly keyring: Keyring;
  readonly settings: StoreSettings;
  private readonly readHooks: ReadHook[] = [];
  private closed = false;

  private constructor(conn: Connection, keyring: Keyring, settings: StoreSettings) {
    this.conn = conn;
    this.keyring = keyring;
    this.settings = settings;
  }

  get db() {
    return this.conn.db;
  }

  get dialect(): DialectName {
    return this.conn.dialect;
  }

  get provider(): KeyProvider {
    return this.keyring.provider;
  }

  /** Opens an initialised, up-to-date store and unwraps its system keys. */
  static async open(options: StoreOptions): Promise<Store> {
    const conn = await connect(options);
    try {
      await assertSchemaCurrent(conn);
      const records = await readKeyring(conn);
      if (records.length === 0) {
        throw new StoreError(
          'E_STORE_NOT_INITIALISED',
          `the store at ${conn.where} has no keys yet (run \`sealdesk init\`)`,
        );
      }
      const settings = await readSettings(conn);
      const keyring = await openKeyring(conn, providerFor(options), records, options.keyCacheSize);
      return new Store(conn, keyring, settings);
    } catch (err) {
      await conn.close().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Creates the store (schema, system keys, settings) and, for the file provider, the key file.
   * Idempotent: on an existing store it applies pending migrations and checks that the keys open.
   */
  static async init(options: InitOptions): Promise<InitResult> {
    const conn = await connect(options, { create: true });
    try {
      const migrations = await migrateToLatest(conn);
      const provider = providerFor(options);
      const existing = await readKeyring(conn);
      if (existing.length > 0) {
        const settings = await readSettings(conn);
        const keyring = await openKeyring(conn, provider, existing, options.keyCacheSize);
        return {
          store: new Store(conn, keyring, settings),
          created: false,
          keyFileCreated: null,
          migrations,
        };
      }
      let keyFileCreated: string | null = null;
      if (provider instanceof FileKeyProvider) {
        try {
          await provider.load();
        } catch (err) {
          if (!(err instanceof CryptoError) || err.code !== 'E_KEY_FILE_MISSING') throw err;
          await createKeyFile(provider.path);
          await provider.load();
          keyFileCreated = provider.path;
        }
      } else if (provider instanceof VaultTransitKeyProvider) {
        await provider.ensureKey();
      }
      const { keyring, records } = await Keyring.create(
        provider,
        options.keyCacheSize === undefined ? {} : { cacheSize: options.keyCacheSize },
      );
      const now = Date.now();
      const customerBits = blindIndexBits(options.expectedCustomers ?? DEFAULT_EXPECTED_ROWS);
      const staffBits = blindIndexBits(options.expectedStaff ?? DEFAULT_EXPECTED_STAFF);
      let raced = false;
      await writeTx(conn, async (tx: WriteTx) => {
        // Two inits at once (two servers starting): one writes the keyring, the other sees it.
        await lockIdentities(conn, tx);
        if ((await tx.selectFrom('keyring').select('purpose').execute()).length > 0) {
          raced = true; // another process initialised the store between our read and this transaction
          return;
        }
        await tx
          .insertInto('keyring')
          .values(
            records.map((r) => ({
              purpose: r.purpose,
              kek_version: r.kekVersion,
              wrapped_key: r.blob,
              updated_at: now,
            })),
          )
          .execute();
        await tx
          .insertInto('sealdesk_meta')
          .values([
            { key: 'customer_index_bits', value: String(customerBits) },
            { key: 'staff_index_bits', value: String(staffBits) },
            { key: 'created_at', value: String(now) },
          ])
          .execute();
      });
      if (raced) {
        keyring.close();
        const keyring2 = await openKeyring(conn, provider, await readKeyring(conn), options.keyCacheSize);
        return {
          store: new Store(conn, keyring2, await readSettings(conn)),
          created: false,
          keyFileCreated,
          migrations,
        };
      }
      return {
        store: new Store(conn, keyring, await readSettings(conn)),
        created: true,
        keyFileCreated,
        migrations,
      };
    } catch (err) {
      await conn.close().catch(() => undefined);
      throw err;
    }
  }

  /** Every read of customer data goes through a Reader, and every Reader reports to these hooks. */
  onRead(hook: ReadHook): void {
    this.readHooks.push(hook);
  }

  reader(options: ReaderOptions = {}): Reader {
    return new Reader(this, this.readHooks, options);
  }

  writer(): Writer {
    return new Writer(this);
  }

  /** Runs `fn` in one write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction). */
  tx<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    return writeTx(this.conn, fn);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.keyring.close();
    await this.conn.close();
  }
}
