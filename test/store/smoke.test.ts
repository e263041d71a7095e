import { describe, expect, it } from 'vitest';
import { DIALECTS, freshStore } from './helpers.js';

describe.each(DIALECTS)('smoke %s', (dialect) => {
  const t = freshStore(dialect);
  it('writes and reads', async () => {
    const out = await t.store.writer().write([
      {
        kind: 'interaction',
        ref: 0,
        value: {
          source: 'jsonl',
          externalId: 'x-1',
          channel: 'call',
          startedAt: Date.parse('2020-01-01T00:00:00Z'),
          endedAt: Date.parse('2020-01-01T00:05:00Z'),
          subject: 'Hello',
          customer: { name: 'Jane Doe', email: 'jane@example.com', phone: '+44 7700 900123' },
          agent: { name: 'Sam Agent', email: 'sam@company.example' },
          call: { holdSeconds: 12, recordingUrl: 'https://pbx.example/1.wav' },
          turns: [{ speaker: 'agent', at: null, text: 'hi' }],
          findings: [],
        },
      },
    ]);
    expect(out[0]!.status).toBe('imported');
    const r = t.store.reader({ reveal: true });
    const f = await r.find({ email: 'JANE@example.com' });
    expect(f.customers.map((c) => c.name)).toEqual(['Jane Doe']);
    const p = await r.find({ phone: '07700 900123' });
    expect(p.customers.length).toBe(1);
    const list = await r.list({});
    expect(list.length).toBe(1);
    const v = await r.interaction('x-1');
    expect(v.turnList[0]!.text).toBe('hi');
    expect(v.call?.holdSeconds).toBe(12);
    const again = await t.store.writer().write([
      {
        kind: 'interaction',
        ref: 0,
        value: {
          source: 'jsonl',
          externalId: 'x-1',
          channel: 'call',
          startedAt: null,
          endedAt: null,
          customer: { email: 'jane@example.com' },
          turns: [],
          findings: [],
        },
      },
    ]);
    expect(again[0]!.status).toBe('skipped');
  });
});
