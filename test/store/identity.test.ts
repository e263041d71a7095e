/**
 * Matching customers through truncated blind indexes: values that share an index value in one
 * batch are told apart by decrypting the candidates, so a returning customer is never duplicated.
 */
import { describe, expect, it } from 'vitest';
import type { InteractionInput } from '../../src/store/index.js';
import { DIALECTS, freshStore } from './helpers.js';

function record(id: string, email: string): InteractionInput {
  return {
    source: 'api',
    externalId: id,
    channel: 'chat',
    startedAt: null,
    endedAt: null,
    customer: { email },
    turns: [{ speaker: 'customer', at: null, text: 'hello' }],
    findings: [],
  };
}

describe.each(DIALECTS)('identity resolution on %s', (dialect) => {
  const t = freshStore(dialect, { expectedCustomers: 16 }); // 3-bit indexes: collisions everywhere

  it('matches the stored customer even when a new one in the batch shares its index value', async () => {
    const bits = t.store.settings.customerIndexBits;
    const bidx = (e: string) => t.store.keyring.blindIndex('email', e, bits, 'customers').toString('hex');
    const a = 'collide.a@example.com';
    const others: string[] = [];
    for (let i = 0; others.length < 3; i++) {
      const e = `collide.${i}@example.com`;
      if (e !== a && bidx(e) === bidx(a)) others.push(e);
    }
    const w = t.store.writer();
    await w.write([{ kind: 'interaction', ref: 0, value: record('c-1', a) }]);
    // New customers with the same index value come before and after the returning one.
    const out = await w.write([
      { kind: 'interaction', ref: 0, value: record('c-2', others[0]!) },
      { kind: 'interaction', ref: 1, value: record('c-3', a.toUpperCase()) },
      { kind: 'interaction', ref: 2, value: record('c-4', others[1]!) },
      { kind: 'interaction', ref: 3, value: record('c-5', others[0]!) },
    ]);
    const first = (await t.store.reader().find({ email: a })).customers;
    expect(first).toHaveLength(1);
    expect(first[0]!.interactions).toBe(2);
    const ids = out.map((o) => (o.status === 'imported' ? o.customerId : null));
    expect(ids[1]).toBe(first[0]!.id);
    expect(ids[0]).toBe(ids[3]);
    expect(new Set(ids).size).toBe(3);
    // Next batch: still matched, still one customer per address.
    await w.write([{ kind: 'interaction', ref: 0, value: record('c-6', others[1]!) }]);
    for (const e of [a, others[0]!, others[1]!])
      expect((await t.store.reader().find({ email: e })).customers).toHaveLength(1);
    expect((await t.store.reader().find({ email: others[2]! })).customers).toHaveLength(0);
  });
});
