/**
 * KEK rotation and key status. Rotation creates a new KEK version at the provider, then rewraps
 * every data key and system key still under an older version, a batch per transaction. Data is
 * never re-encrypted: only the 32-byte keys are. Each row carries its own KEK version and is
 * updated in place (compare-and-set on the old version), so a rotation stopped at any point leaves
 * every key unwrappable (old versions stay in the provider) and `keys rotate` run again finishes the
 * rewrap instead of starting another version.
 */
import { FileKeyProvider, rewrapKey, type WrappedKey } from '../crypto/index.js';
import { StoreError } from './errors.js';
import { rowCounts } from './maintenance.js';
import type { Store } from './store.js';

export interface RotateOptions {
  batch?: number;
  /** After a complete rewrap, destroy older KEK versions (key file provider only). */
  retire?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface RotateReport {
  /** True when this run created a new KEK version; false when it finished an interrupted rotation. */
  newVersion: boolean;
  version: number;
  dataKeys: number;
  systemKeys: number;
  retired: number[];
}

async function lagging(store: Store, version: number): Promise<{ data: number; system: number }> {
  const d = await store.db
    .selectFrom('data_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kek_version', '<', version)
    .executeTakeFirstOrThrow();
  const s = await store.db
    .selectFrom('keyring')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kek_version', '<', version)
    .executeTakeFirstOrThrow();
  return { data: Number(d.n), system: Number(s.n) };
}

export async function rotateKeys(store: Store, options: RotateOptions = {}): Promise<RotateReport> {
  const provider = store.provider;
  const batch = options.batch ?? 500;
  let version = await provider.currentVersion();
  let pending = await lagging(store, version);
  let newVersion = false;
  if (pending.data + pending.system === 0) {
    version = await provider.rotate();
    newVersion = true;
    pending = await lagging(store, version);
  }
  const total = pending.data + pending.system;
  let done = 0;
  let systemKeys = 0;
  const system = await store.db
    .selectFrom('keyring')
    .select(['purpose', 'kek_version', 'wrapped_key'])
    .where('kek_version', '<', version)
    .execute();
  for (const r of system) {
    const w = await rewrapKey(provider, { kekVersion: r.kek_version, blob: Buffer.from(r.wrapped_key) });
    checkVersion(w, version);
    const res = await store.tx((tx) =>
      tx
        .updateTable('keyring')
        .set({ kek_version: w.kekVersion, wrapped_key: w.blob, updated_at: Date.now() })
        .where('purpose', '=', r.purpose)
        .where('kek_version', '=', r.kek_version)
        .executeTakeFirst(),
    );
    systemKeys += Number(res.numUpdatedRows);
    options.onProgress?.(++done, total);
  }
  let dataKeys = 0;
  let after = '';
  for (;;) {
    const rows = await store.db
      .selectFrom('data_keys')
      .select(['id', 'kek_version', 'wrapped_key'])
      .where('kek_version', '<', version)
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    // Unwrap/wrap (or Vault's rewrap) outside the transaction; the update is a compare-and-set.
    const rewrapped: WrappedKey[] = [];
    for (const r of rows) {
      const w = await rewrapKey(provider, { kekVersion: r.kek_version, blob: Buffer.from(r.wrapped_key) });
      checkVersion(w, version);
      rewrapped.push(w);
    }
    dataKeys += await store.tx(async (tx) => {
      let n = 0;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        const w = rewrapped[i]!;
        const res = await tx
          .updateTable('data_keys')
          .set({ kek_version: w.kekVersion, wrapped_key: w.blob })
          .where('id', '=', r.id)
          .where('kek_version', '=', r.kek_version)
          .executeTakeFirst();
        n += Number(res.numUpdatedRows);
      }
      return n;
    });
    done += rows.length;
    options.onProgress?.(done, total);
  }
  let retired: number[] = [];
  if (options.retire) {
    const left = await lagging(store, version);
    if (left.data + left.system > 0) {
      throw new StoreError(
        'E_ROTATE',
        `${left.data + left.system} key(s) are still under an older KEK version; not retiring (run \`sealdesk keys rotate\` again)`,
      );
    }
    if (!(provider instanceof FileKeyProvider)) {
      throw new StoreError(
        'E_ROTATE',
        `--retire works with the key file only; with ${provider.kind}, retire old versions at the provider ` +
          '(Vault: raise min_decryption_version)',
      );
    }
    retired = await provider.retire(version);
  }
  return { newVersion, version, dataKeys, systemKeys, retired };
}

function checkVersion(w: WrappedKey, version: number): void {
  if (w.kekVersion < version) {
    throw new StoreError(
      'E_ROTATE',
      `the key provider wrapped with KEK version ${w.kekVersion}, older than ${version}: was it rolled back?`,
    );
  }
}

export interface KeyStatus {
  provider: string;
  location: string;
  currentVersion: number;
  /** Data keys per KEK version. */
  dataKeys: Record<string, number>;
  /** System keys: purpose -> KEK version. */
  systemKeys: Record<string, number>;
  /** Keys under a version older than the current one (a rotation to finish). */
  behind: number;
  /** Keys under a version newer than the provider's current one: the provider is not this store's. */
  ahead: number;
  customerIndexBits: number;
  staffIndexBits: number;
  counts: Record<string, number>;
}

export async function keyStatus(store: Store): Promise<KeyStatus> {
  const provider = store.provider;
  const currentVersion = await provider.currentVersion();
  const per = await store.db
    .selectFrom('data_keys')
    .select(['kek_version', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('kek_version')
    .orderBy('kek_version')
    .execute();
  const sys = await store.db
    .selectFrom('keyring')
    .select(['purpose', 'kek_version'])
    .orderBy('purpose')
    .execute();
  const dataKeys: Record<string, number> = {};
  let behind = 0;
  let ahead = 0;
  for (const r of per) {
    dataKeys[String(r.kek_version)] = Number(r.n);
    if (r.kek_version < currentVersion) behind += Number(r.n);
    if (r.kek_version > currentVersion) ahead += Number(r.n);
  }
  const systemKeys: Record<string, number> = {};
  for (const r of sys) {
    systemKeys[r.purpose] = r.kek_version;
    if (r.kek_version < currentVersion) behind++;
    if (r.kek_version > currentVersion) ahead++;
  }
  return {
    provider: provider.kind,
    location: provider.describe?.() ?? provider.kind,
    currentVersion,
    dataKeys,
    systemKeys,
    behind,
    ahead,
    customerIndexBits: store.settings.customerIndexBits,
    staffIndexBits: store.settings.staffIndexBits,
    counts: await rowCounts(store),
  };
}
