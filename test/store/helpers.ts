/** Test stores for both dialects: a temporary data folder, and for PostgreSQL a fresh database. */

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type InitOptions, rowCounts, Store } from '../../src/store/index.js';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** PostgreSQL of the test machine (trust auth); PGUSER / SEALDESK_TEST_PG_URL override. */
export const PG_ADMIN_URL =
  process.env.SEALDESK_TEST_PG_URL ?? `postgres://${process.env.PGUSER ?? 'postgres'}@127.0.0.1:5432/test`;

export interface TestPlace {
  dialect: Dialect;
  dataDir: string;
  databaseUrl?: string;
  /** Database name (PostgreSQL). */
  database?: string;
  /** Environment for CLI runs: points at this store and nowhere else. */
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function testPlace(dialect: Dialect): Promise<TestPlace> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sealdesk-store-'));
  if (dialect === 'sqlite') {
    return {
      dialect,
      dataDir,
      env: { SEALDESK_DATA: dataDir, SEALDESK_DATABASE_URL: '', SEALDESK_KEK: '', SEALDESK_KMS: '' },
      async cleanup() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const database = `sealdesk_t_${randomBytes(6).toString('hex')}`;
  // CREATE DATABASE fails while another session uses template1 (parallel test files): retry.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`create database ${database}`));
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${database}`;
  const databaseUrl = u.toString();
  return {
    dialect,
    dataDir,
    databaseUrl,
    database,
    env: { SEALDESK_DATA: dataDir, SEALDESK_DATABASE_URL: databaseUrl, SEALDESK_KEK: '', SEALDESK_KMS: '' },
    async cleanup() {
      await admin((c) => c.query(`drop database if exists ${database} with (force)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function initStore(place: TestPlace, extra: Partial<InitOptions> = {}): Promise<Store> {
  const { store } = await Store.init({
    dataDir: place.dataDir,
    databaseUrl: place.databaseUrl,
    env: {},
    expectedCustomers: 1000,
    ...extra,
  });
  return store;
}

export async function openStore(place: TestPlace): Promise<Store> {
  return Store.open({ dataDir: place.dataDir, databaseUrl: place.databaseUrl, env: {} });
}

/** Raw bytes of the SQLite database file and its WAL (as a copy of the data folder would have them). */
export function sqliteFiles(place: TestPlace): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [];
  for (const suffix of ['', '-wal']) {
    const p = join(place.dataDir, `sealdesk.db${suffix}`);
    if (existsSync(p)) out.push({ name: `sealdesk.db${suffix}`, bytes: readFileSync(p) });
  }
  return out;
}

/** A plain-SQL pg_dump of the test database. */
export function pgDump(place: TestPlace): Buffer {
  const u = new URL(place.databaseUrl!);
  return execFileSync(
    'pg_dump',
    ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username), '-d', place.database!],
    {
      maxBuffer: 1024 * 1024 * 1024,
    },
  );
}

/** What a thief of the store would have: the SQLite file and WAL, or a pg_dump. */
export function rawCopies(place: TestPlace): { name: string; bytes: Buffer }[] {
  return place.dialect === 'sqlite' ? sqliteFiles(place) : [{ name: 'pg_dump', bytes: pgDump(place) }];
}

/** Secrets found in `bytes`: as UTF-8 text, or hex-encoded (pg_dump writes bytea as hex). */
export function leaks(bytes: Buffer, secrets: readonly string[]): string[] {
  const hex = Buffer.from(bytes.toString('latin1').toLowerCase(), 'latin1');
  return secrets.filter(
    (s) =>
      bytes.includes(Buffer.from(s, 'utf8')) ||
      hex.includes(Buffer.from(Buffer.from(s, 'utf8').toString('hex'))),
  );
}

/**
 * Everything readable in a store, keyed by external id and independent of random ids and keys:
 * two stores with this equal hold the same data. Fingerprints differ between stores (their keys
 * do), so only their presence is compared.
 */
export async function exportStore(store: Store): Promise<Record<string, unknown>> {
  const reader = store.reader({ reveal: true, originals: true });
  try {
    const list = await reader.list({ limit: 10_000 });
    const out: Record<string, unknown> = {};
    for (const s of list) {
      const v = await reader.interaction(s.id);
      out[v.externalId] = {
        channel: v.channel,
        source: v.source,
        startedAt: v.startedAt,
        endedAt: v.endedAt,
        subject: v.subject,
        tags: v.tags,
        status: v.status,
        priority: v.priority,
        customer: { ...v.customer, id: undefined, createdAt: undefined },
        agent: v.agent ? { ...v.agent, id: undefined } : null,
        call: v.call,
        chat: v.chat,
        turns: v.turnList,
        findings: v.findingList.map((f) => ({ ...f, fingerprint: f.fingerprint !== null })),
      };
    }
    const counts = await rowCounts(store);
    return { interactions: out, counts: { ...counts, erasures: undefined } };
  } finally {
    reader.close();
  }
}

/** The store of one describe block: `place` and `store` are set before its tests run. */
export interface FreshStore {
  place: TestPlace;
  store: Store;
}

/**
 * A new store of `dialect` for the tests of the calling describe block: created before them,
 * closed and removed after them.
 */
export function freshStore(dialect: Dialect, extra: Partial<InitOptions> = {}): FreshStore {
  const t = {} as FreshStore;
  beforeAll(async () => {
    t.place = await testPlace(dialect);
    t.store = await initStore(t.place, extra);
  });
  afterAll(async () => {
    await t.store?.close();
    await t.place?.cleanup();
  });
  return t;
}
