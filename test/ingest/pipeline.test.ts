/**
 * The pipeline's own rules: names passed to detection, keep_original (separate key, cards and
 * CVVs still redacted), metadata cleared of card numbers, CSV mapping, and email threading by
 * Message-ID / In-Reply-To / References (also when a reply arrives before its parent).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/detect/index.js';
import { analyzeJob, runImport } from '../../src/ingest/index.js';
import type { Store } from '../../src/store/index.js';
import { initStore, leaks, rawCopies, type TestPlace, testPlace } from '../store/helpers.js';

const KEY = Buffer.alloc(32, 7);

describe('analyzeJob', () => {
  const analyzer = createAnalyzer();
  it('finds the known names of customer and agent in the text', () => {
    const r = analyzeJob(
      analyzer,
      {
        turns: [
          { speaker: 'agent', text: 'hello, how can i help' },
          { speaker: 'customer', text: 'hi, this is zebedee quartermain calling about my order' },
        ],
        knownNames: ['Zebedee Quartermain'],
        meta: [],
        keepOriginal: false,
      },
      { policy: {}, fingerprintKey: KEY },
    );
    expect(r.texts[1]).not.toMatch(/zebedee|quartermain/i);
    expect(r.items.some((i) => i.type === 'PERSON' && i.turn === 1)).toBe(true);
  });

  it('keeps originals with card numbers masked and CVVs removed, and clears metadata of cards', () => {
    const r = analyzeJob(
      analyzer,
      {
        turns: [
          { speaker: 'customer', text: 'my card is 4111 1111 1111 1111, email jo@example.com' },
          { speaker: 'agent', text: 'and the three digit security code on the back?' },
          { speaker: 'customer', text: '737' },
        ],
        knownNames: [],
        meta: ['Refund to card 5555 5555 5555 4444 please', 'plain subject'],
        keepOriginal: true,
      },
      { policy: {}, fingerprintKey: KEY },
    );
    expect(r.originals).not.toBeNull();
    const [o0, , o2] = r.originals!;
    expect(o0).toContain('jo@example.com'); // the original keeps what is not card data
    expect(o0).toContain('1111');
    expect(o0!.replace(/\D/g, '')).not.toContain('4111111111111111');
    expect(o2!.trim()).toBe('');
    expect(r.texts[0]).not.toContain('jo@example.com');
    expect(r.meta[0]).not.toMatch(/5555 5555 5555 4444/);
    expect(r.meta[0]).toContain('4444');
    expect(r.meta[1]).toBe('plain subject');
    const card = r.items.find((i) => i.type === 'CREDIT_CARD')!;
    expect(card.last4).toBe('1111');
    expect(card.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('importers', () => {
  let place: TestPlace;
  let store: Store;
  beforeAll(async () => {
    place = await testPlace('sqlite');
    store = await initStore(place);
  });
  afterAll(async () => {
    await store?.close();
    await place?.cleanup();
  });

  it('stores originals only with keep_original, readable only when asked for', async () => {
    const file = join(place.dataDir, 'orig.jsonl');
    const line = {
      id: 'orig-1',
      channel: 'chat',
      customer: { email: 'keeper@example.com', name: 'Keeper Person' },
      turns: [{ speaker: 'customer', text: 'card 4111 1111 1111 1111, reach me at keeper.alt@example.com' }],
    };
    writeFileSync(file, `${JSON.stringify(line)}\n${JSON.stringify({ ...line, id: 'orig-2' })}\n`);
    await runImport(store, { inputs: [{ path: file }], keepOriginal: true });
    const plain = await store.reader().interaction('orig-1');
    expect(plain.turnList[0]!.original).toBeUndefined();
    const withOriginals = await store.reader({ originals: true }).interaction('orig-1');
    expect(withOriginals.turnList[0]!.original).toContain('keeper.alt@example.com');
    expect(withOriginals.turnList[0]!.original).not.toContain('4111 1111 1111 1111');
    expect(withOriginals.turnList[0]!.text).not.toContain('keeper.alt@example.com');
    const row = await store.db
      .selectFrom('turns')
      .select('original_enc')
      .where('interaction_id', '=', plain.id)
      .executeTakeFirstOrThrow();
    expect(row.original_enc).not.toBeNull();
    // Without the policy nothing is kept.
    const file2 = join(place.dataDir, 'noorig.jsonl');
    writeFileSync(file2, `${JSON.stringify({ ...line, id: 'orig-3' })}\n`);
    await runImport(store, { inputs: [{ path: file2 }] });
    const v3 = await store.reader({ originals: true }).interaction('orig-3');
    expect(v3.turnList[0]!.original).toBeNull();
    for (const copy of rawCopies(place))
      expect(leaks(copy.bytes, ['keeper.alt@example.com', 'Keeper Person'])).toEqual([]);
  });

  it('imports CSV call exports through a column mapping', async () => {
    const file = join(place.dataDir, 'calls.csv');
    writeFileSync(
      file,
      [
        'call_id,start,end,hold,caller_email,caller_name,agent_email,recording,transcript',
        'csv-1,2019-09-02T10:00:00Z,2019-09-02T10:05:00Z,1:30,cara.csvington@example.com,Cara Csvington,rosalind.ashcombe@printco.example,https://pbx.example/r/1.wav,"Agent: PrintCo, how can I help?',
        'Customer: my card is 5555 5555 5555 4444"',
        'csv-2,2019-09-02T11:00:00Z,,,,,,,Customer: hello',
      ].join('\n'),
    );
    const s = await runImport(store, {
      inputs: [{ path: file }],
      mapping: {
        id: 'call_id',
        started_at: 'start',
        ended_at: 'end',
        hold_seconds: 'hold',
        'customer.email': 'caller_email',
        'customer.name': 'caller_name',
        'agent.email': 'agent_email',
        recording_url: 'recording',
        transcript: 'transcript',
      },
    });
    expect(s.imported).toBe(1);
    expect(s.rejections.map((r) => [r.line, r.code])).toEqual([[4, 'E_NO_CUSTOMER']]);
    const v = await store.reader({ reveal: true }).interaction('csv-1');
    expect(v.source).toBe('csv');
    expect(v.call).toEqual({
      durationSeconds: 300,
      holdSeconds: 90,
      direction: null,
      recordingUrl: 'https://pbx.example/r/1.wav',
    });
    expect(v.turnList.map((t) => t.speaker)).toEqual(['agent', 'customer']);
    expect(v.turnList[1]!.text).toContain('4444');
    expect(v.turnList[1]!.text).not.toContain('5555 5555 5555 4444');
  });

  it('threads emails by Message-ID, In-Reply-To and References, in any order, across imports', async () => {
    const msg = (
      id: string,
      from: string,
      to: string,
      date: string,
      body: string,
      reply?: string,
      refs?: string,
    ) =>
      [
        `From x Mon Sep  2 10:00:00 2019`,
        `From: ${from}`,
        `To: ${to}`,
        `Subject: ${reply ? 'Re: ' : ''}Misprinted banner`,
        `Message-ID: <${id}>`,
        ...(reply ? [`In-Reply-To: <${reply}>`] : []),
        ...(refs ? [`References: ${refs}`] : []),
        `Date: ${date}`,
        '',
        body,
        '',
      ].join('\n');
    const cust = 'Dora Threadwell <dora.threadwell@example.com>';
    const staff = 'Cornelius Vantreight <cornelius.vantreight@printco.example>';
    // The reply comes first in the file, the root second; a third message arrives in a later import.
    const first = join(place.dataDir, 'a.mbox');
    writeFileSync(
      first,
      msg(
        'r2@printco.example',
        staff,
        cust,
        'Tue, 03 Sep 2019 09:00:00 +0000',
        'We will reprint it.',
        'r1@example.com',
        '<r1@example.com>',
      ) +
        msg(
          'r1@example.com',
          cust,
          'help@printco.example',
          'Mon, 02 Sep 2019 09:00:00 +0000',
          'My banner is misprinted.',
        ) +
        msg(
          'other@example.com',
          'Eli Unrelated <eli.unrelated@example.com>',
          'help@printco.example',
          'Mon, 02 Sep 2019 12:00:00 +0000',
          'Separate question.',
        ),
    );
    const s1 = await runImport(store, { inputs: [{ path: first }], staffDomains: ['printco.example'] });
    expect(s1).toMatchObject({ imported: 2, appended: 1, rejected: 0 });
    const second = join(place.dataDir, 'b.mbox');
    writeFileSync(
      second,
      msg(
        'r3@example.com',
        cust,
        staff,
        'Wed, 04 Sep 2019 09:00:00 +0000',
        'Thank you!',
        'r2@printco.example',
        '<r1@example.com> <r2@printco.example>',
      ),
    );
    const s2 = await runImport(store, { inputs: [{ path: second }], staffDomains: ['printco.example'] });
    expect(s2).toMatchObject({ imported: 0, appended: 1 });
    const v = await store.reader({ reveal: true }).interaction('r1@example.com');
    expect(v.channel).toBe('email');
    expect(v.turnList.map((t) => [t.speaker, t.text])).toEqual([
      ['customer', 'My banner is misprinted.'],
      ['agent', 'We will reprint it.'],
      ['customer', 'Thank you!'],
    ]);
    expect(v.customer.email).toBe('dora.threadwell@example.com');
    expect(v.agent?.email).toBe('cornelius.vantreight@printco.example');
    expect(v.startedAt).toBe('2019-09-02T09:00:00.000Z');
    expect(v.endedAt).toBe('2019-09-04T09:00:00.000Z');
    expect(v.turns).toBe(3);
    const third = v.turnList[2]!;
    const second2 = v.turnList[1]!;
    expect(third.parentSeq).toBe(second2.seq);
    const other = await store.reader().interaction('other@example.com');
    expect(other.turns).toBe(1);
    // Importing both again changes nothing.
    const again = await runImport(store, {
      inputs: [{ path: first }, { path: second }],
      staffDomains: ['printco.example'],
    });
    expect(again).toMatchObject({ imported: 0, appended: 0, skipped: 4 });
  });

  it('matches a returning customer by email and fills in what was missing, never overwriting', async () => {
    const file = join(place.dataDir, 'ret.jsonl');
    const base = { channel: 'chat', turns: [{ speaker: 'customer', text: 'hello again' }] };
    writeFileSync(
      file,
      [
        { ...base, id: 'ret-1', customer: { email: 'returning.rita@example.com', name: 'Rita Returning' } },
        {
          ...base,
          id: 'ret-2',
          customer: { email: 'RETURNING.RITA@example.com', name: 'R. Returning', phone: '+44 7700 900777' },
        },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    await runImport(store, { inputs: [{ path: file }], batchSize: 1 });
    const found = await store.reader({ reveal: true }).find({ email: 'returning.rita@example.com' });
    expect(found.customers).toHaveLength(1);
    expect(found.customers[0]).toMatchObject({
      name: 'Rita Returning',
      phone: '+44 7700 900777',
      interactions: 2,
    });
    const byPhone = await store.reader().find({ phone: '+447700900777' });
    expect(byPhone.customers.map((c) => c.id)).toEqual([found.customers[0]!.id]);
  });
});
