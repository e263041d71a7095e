/** Bulk-insert texts run as named statements on PostgreSQL: prepared once per connection, reused. */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { prepared, usePrepared } from '../../src/store/pg-prepared.js';
import { PG_ADMIN_URL } from './helpers.js';

describe('named statements on PostgreSQL', () => {
  it('runs a marked text as one named statement per connection, and others as before', async () => {
    const pool = new pg.Pool({ connectionString: PG_ADMIN_URL, max: 1 });
    pool.on('connect', usePrepared);
    const client = await pool.connect();
    try {
      const marked = prepared('select $1::int + 1 as n /* pg-prepared test */');
      const plain = 'select $1::int + 2 as n /* pg-prepared test, unmarked */';
      for (const v of [1, 2, 3]) expect((await client.query(marked, [v])).rows).toEqual([{ n: v + 1 }]);
      expect((await client.query(plain, [1])).rows).toEqual([{ n: 3 }]);
      const held = await client.query<{ name: string; statement: string }>(
        'select name, statement from pg_prepared_statements',
      );
      const ours = held.rows.filter((r) => r.statement.includes('pg-prepared test'));
      expect(ours).toHaveLength(1);
      expect(ours[0]!.statement).toBe(marked);
      expect(ours[0]!.name).toMatch(/^sealdesk_[0-9a-f]{24}$/);
      // A query with a config object or a callback goes through untouched.
      expect((await client.query({ text: marked, values: [5] })).rows).toEqual([{ n: 6 }]);
    } finally {
      client.release();
      await pool.end();
    }
  });
});
