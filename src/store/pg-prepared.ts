/**
 * Named statements for PostgreSQL's bulk inserts. The writer sends the same few multi-row INSERT
 * texts every batch (up to 8,000 parameters each); sent unnamed, each one is parsed and planned
 * again, which was a quarter of the server's insert work (0.23 against 0.16 ms per interaction of
 * rows, docs/BENCHMARKS.md). A text marked here runs as a named statement instead: parsed and
 * planned once per connection, then only bound and executed.
 *
 * Kysely sends `client.query(text, values)`; `usePrepared` gives each pool client a query that
 * names the marked texts. Names derive from the text, so one name always means one text on every
 * connection, and a process never holds more than MAX_NAMED of them.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

const names = new Map<string, string>();
const MAX_NAMED = 64;

/** Marks `text` (an INSERT the caller sends again and again) to run as a named statement. */
export function prepared(text: string): string {
  if (!names.has(text) && names.size < MAX_NAMED) {
    names.set(text, `sealdesk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`);
  }
  return text;
}

/** Makes `client` run the marked texts as named statements. */
export function usePrepared(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const named = (...args: unknown[]): unknown => {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values)) {
      const name = names.get(text);
      if (name) return query({ name, text, values });
    }
    return query(...args);
  };
  client.query = named as typeof client.query;
}
