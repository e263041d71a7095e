/** Test stores for both dialects: a temporary data folder, and for PostgreSQL a fresh database. */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type InitOptions, Store } from '../../src/store/index.js';

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
  await admin((c) => c.query(`create database ${database}`));
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
