/**
 * The read path: find through the blind index (even when many customers share an index value),
 * show, list with filters, masking by default, and one hook that sees every read.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/ingest/index.js';
import type { ReadEvent } from '../../src/store/index.js';
import { makeFixture } from './fixture.js';
import { DIALECTS, freshStore } from './helpers.js';

describe.each(DIALECTS)('reads on %s', (dialect) => {
  const t = freshStore(dialect, { expectedCustomers: 16 });
  const events: ReadEvent[] = [];
  const fx = makeFixture(24, 9);
  type Rec = {
    id: string;
    channel: string;
    customer: { email: string; phone: string; external_id: string; name: string };
    agent: { email: string; name: string };
    started_at: string;
  };
  const recs = fx.records as unknown as Rec[];

  beforeAll(async () => {
    // A tiny planned size gives 3-bit blind indexes: most customers share an index value with others.
    expect(t.store.settings.customerIndexBits).toBe(3);
    t.store.onRead((e) => {
      events.push(e);
    });
    const file = join(t.place.dataDir, 'fx.jsonl');
    writeFileSync(file, `${fx.lines.join('\n')}\n`);
    await runImport(t.store, { inputs: [{ path: file }] });
  });

  it('finds exactly one customer by email, phone and external id despite index collisions', async () => {
    const rows = await t.store.db.selectFrom('customers').select('email_bidx').execute();
    const distinct = new Set(rows.map((r) => Buffer.from(r.email_bidx!).toString('hex')));
    expect(distinct.size).toBeLessThanOrEqual(8);
    expect(rows.length).toBe(24);
    const reader = t.store.reader({ reveal: true });
    for (const r of recs.slice(0, 8)) {
      const byEmail = await reader.find({ email: r.customer.email.toUpperCase() });
      expect(byEmail.customers.map((c) => c.email)).toEqual([r.customer.email]);
      const byExt = await reader.find({ externalId: r.customer.external_id });
      expect(byExt.customers.map((c) => c.id)).toEqual([byEmail.customers[0]!.id]);
      expect(byEmail.customers[0]!.interactions).toBe(1);
    }
    // Phones: +44 numbers also found in national form; two customers may share a fixture phone.
    const gb = recs[0]!.customer.phone;
    const national = `0${gb.replace(/\s/g, '').slice(3)}`;
    const byPhone = await reader.find({ phone: national });
    expect(byPhone.customers.length).toBeGreaterThanOrEqual(1);
    for (const c of byPhone.customers) expect(c.phone?.replace(/\s/g, '')).toBe(gb.replace(/\s/g, ''));
    expect((await reader.find({ email: 'nobody.at.all@example.com' })).customers).toEqual([]);
    // An interaction's own external id.
    const byInteraction = await reader.find({ externalId: recs[3]!.id });
    expect(byInteraction.interactions.map((i) => i.externalId)).toEqual([recs[3]!.id]);
    reader.close();
  });

  it('masks personal fields unless revealed; bodies are always redacted', async () => {
    const masked = t.store.reader();
    const r = recs[2]!;
    const v = await masked.interaction(r.id);
    expect(v.customer.email).not.toBe(r.customer.email);
    expect(v.customer.email).toMatch(/^\w\*+@example\.com$/);
    expect(v.customer.name).not.toContain(r.customer.name.split(' ')[0]!.slice(1));
    expect(v.customer.phone?.slice(-3)).toBe(r.customer.phone.slice(-3));
    expect(v.agent?.name).not.toBe(r.agent.name);
    const revealed = await t.store.reader({ reveal: true }).interaction(r.id);
    expect(revealed.customer.email).toBe(r.customer.email);
    expect(revealed.agent?.email).toBe(r.agent.email);
    for (const view of [v, revealed]) {
      const text = view.turnList.map((turn) => turn.text).join('\n');
      expect(text).not.toContain(r.customer.email);
      expect(text).not.toContain(r.customer.name);
    }
    masked.close();
  });

  it('lists with filters on channel, dates, agent and finding type', async () => {
    const reader = t.store.reader({ reveal: true });
    const all = await reader.list({ limit: 100 });
    expect(all).toHaveLength(24);
    const times = all.map((s) => s.startedAt!);
    expect([...times].sort().reverse()).toEqual(times);
    const chats = await reader.list({ channel: 'chat', limit: 100 });
    expect(chats.length).toBe(recs.filter((r) => r.channel === 'chat').length);
    expect(chats.every((s) => s.channel === 'chat')).toBe(true);
    const since = Date.parse('2019-09-10T00:00:00Z');
    const until = Date.parse('2019-09-20T00:00:00Z');
    const window = await reader.list({ since, until, limit: 100 });
    const expected = recs.filter(
      (r) => Date.parse(r.started_at) >= since && Date.parse(r.started_at) < until,
    );
    expect(window.map((s) => s.externalId).sort()).toEqual(expected.map((r) => r.id).sort());
    const agent = recs[0]!.agent;
    const byAgent = await reader.list({ agent: agent.email.toUpperCase(), limit: 100 });
    expect(byAgent.map((s) => s.externalId).sort()).toEqual(
      recs
        .filter((r) => r.agent.email === agent.email)
        .map((r) => r.id)
        .sort(),
    );
    const byAgentName = await reader.list({ agent: agent.name, limit: 100 });
    expect(byAgentName.length).toBe(byAgent.length);
    expect(await reader.list({ agent: 'nobody@printco.example' })).toEqual([]);
    const cards = await reader.list({ hasFinding: 'CREDIT_CARD', limit: 100 });
    expect(cards).toHaveLength(24);
    expect(await reader.list({ hasFinding: 'IBAN_CODE' })).toEqual([]);
    const page = await reader.list({ limit: 5, offset: 5 });
    expect(page.map((s) => s.id)).toEqual(all.slice(5, 10).map((s) => s.id));
    reader.close();
  });

  it('reports every read to the hooks, with what was read', async () => {
    events.length = 0;
    const reader = t.store.reader();
    await reader.find({ email: recs[1]!.customer.email });
    const shown = await reader.interaction(recs[1]!.id);
    const listed = await reader.list({ limit: 3 });
    await reader.customer(shown.customer.id);
    reader.close();
    expect(events.map((e) => e.action)).toEqual(['find', 'show', 'list', 'customer']);
    expect(events[0]!.customerIds).toEqual([shown.customer.id]);
    expect(events[1]!.interactionIds).toEqual([shown.id]);
    expect(events[2]!.interactionIds).toEqual(listed.map((s) => s.id));
    expect(events[3]!.customerIds).toEqual([shown.customer.id]);
    expect(events.every((e) => e.reveal === false)).toBe(true);
  });
});
