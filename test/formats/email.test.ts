import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeThread, readEmlFile, readMbox, threadMessages } from '../../src/formats/email.js';
import type { Interaction } from '../../src/formats/interaction.js';
import { chunks, collect, tempDir } from './helpers.js';

function message(opts: {
  id: string;
  from: string;
  to: string;
  subject: string;
  date: string;
  body: string;
  inReplyTo?: string;
  references?: string;
  html?: boolean;
}): string {
  const headers = [
    `From: ${opts.from}`,
    `To: ${opts.to}`,
    `Subject: ${opts.subject}`,
    `Date: ${opts.date}`,
    `Message-ID: <${opts.id}>`,
  ];
  if (opts.inReplyTo) headers.push(`In-Reply-To: <${opts.inReplyTo}>`);
  if (opts.references) headers.push(`References: ${opts.references}`);
  headers.push('MIME-Version: 1.0', `Content-Type: text/${opts.html ? 'html' : 'plain'}; charset=utf-8`);
  return `${headers.join('\r\n')}\r\n\r\n${opts.body}\r\n`;
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('eml', () => {
  it('reads one message into an email Interaction with one turn', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const p = join(t.dir, 'm.eml');
    writeFileSync(
      p,
      message({
        id: 'm1@example.com',
        from: 'Jane Doe <jane@example.com>',
        to: 'Support <help@company.example>',
        subject: 'Order 1234',
        date: 'Mon, 02 Sep 2019 10:00:00 +0000',
        body: '<p>Hello,</p><p>my card ends 1111</p>',
        html: true,
      }),
    );
    const item = await readEmlFile(p, { isAgent: (a) => a.endsWith('@company.example') });
    expect(item.error).toBeUndefined();
    const r = item.record!;
    expect(r.id).toBe('m1@example.com');
    expect(r.channel).toBe('email');
    expect(r.started_at).toBe('2019-09-02T10:00:00.000Z');
    expect(r.customer).toMatchObject({ name: 'Jane Doe', email: 'jane@example.com' });
    expect(r.agent).toMatchObject({ email: 'help@company.example' });
    expect(r.turns).toHaveLength(1);
    expect(r.turns[0]).toMatchObject({
      speaker: 'customer',
      from: 'Jane Doe <jane@example.com>',
      to: ['Support <help@company.example>'],
      subject: 'Order 1234',
      message_id: 'm1@example.com',
    });
    expect(r.turns[0]!.text).toBe('Hello,\n\nmy card ends 1111');
    expect(item.error === undefined && item.headerBlock).toContain('Subject: Order 1234');
  });

  it('refuses a binary file', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const p = join(t.dir, 'x.eml');
    writeFileSync(p, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]));
    await expect(readEmlFile(p)).rejects.toMatchObject({ code: 'E_BINARY' });
  });
});

describe('mbox', () => {
  const m1 = message({
    id: 'a@example.com',
    from: 'jane@example.com',
    to: 'help@company.example',
    subject: 'Card problem',
    date: 'Mon, 02 Sep 2019 10:00:00 +0000',
    body: 'Hi\n>From the shop\nFrom here on',
  });
  const m2 = message({
    id: 'b@company.example',
    from: 'help@company.example',
    to: 'jane@example.com',
    subject: 'Re: Card problem',
    date: 'Mon, 02 Sep 2019 11:00:00 +0000',
    body: 'Hello Jane',
    inReplyTo: 'a@example.com',
    references: '<a@example.com>',
  });
  const m3 = message({
    id: 'c@example.com',
    from: 'other@example.com',
    to: 'help@company.example',
    subject: 'Unrelated',
    date: 'Mon, 02 Sep 2019 09:00:00 +0000',
    body: 'Other',
  });
  // mboxrd: body lines starting with (>*)From are escaped with one more '>'.
  const esc = (m: string) => m.replace(/^(>*From )/gm, '>$1');
  const mbox = [m1, m2, m3]
    .map((m) => `From sender@example.com Mon Sep  2 10:00:00 2019\n${esc(m)}\n`)
    .join('');

  it('splits messages at From lines, unescapes >From, and numbers them with their line', async () => {
    const cut = Math.floor(mbox.length / 2);
    const items = await collect(readMbox(chunks(mbox.slice(0, cut), mbox.slice(cut)), { file: 'box.mbox' }));
    expect(items.map((i) => i.record?.id)).toEqual(['a@example.com', 'b@company.example', 'c@example.com']);
    expect(items[0]!.line).toBe(1);
    expect(items[1]!.line).toBeGreaterThan(items[0]!.line);
    expect(items[0]!.record!.turns[0]!.text).toBe('Hi\n>From the shop\nFrom here on');
    expect(items[1]!.error === undefined && items[1]!.separator).toMatch(/^From sender@example\.com/);
  });

  it('reports an oversized message and goes on with the next', async () => {
    const big = message({
      id: 'big@example.com',
      from: 'x@example.com',
      to: 'y@example.com',
      subject: 's',
      date: 'Mon, 02 Sep 2019 10:00:00 +0000',
      body: 'z'.repeat(5000),
    });
    const box = `From a\n${esc(m1)}\nFrom b\n${big}\nFrom c\n${m3}\n`;
    const items = await collect(readMbox(chunks(box), { file: 'b.mbox', maxMessageBytes: 2000 }));
    expect(items.map((i) => i.record?.id ?? i.error?.code)).toEqual([
      'a@example.com',
      'E_RECORD_TOO_LARGE',
      'c@example.com',
    ]);
  });

  it('groups messages into threads by In-Reply-To and References', async () => {
    const items = await collect(readMbox(chunks(mbox), { file: 'box.mbox' }));
    const records = items.map((i) => i.record!) as Interaction[];
    const threads = threadMessages(records);
    expect(threads.map((t) => [t.id, t.messages.map((m) => m.id)])).toEqual([
      ['a@example.com', ['a@example.com', 'b@company.example']],
      ['c@example.com', ['c@example.com']],
    ]);
    const merged = mergeThread(threads[0]!);
    expect(merged.subject).toBe('Card problem');
    expect(merged.turns).toHaveLength(2);
  });

  it('links a reply to a thread through References even when the parent is missing', () => {
    const mk = (id: string, refs: string[], at: string): Interaction => ({
      id,
      channel: 'email',
      started_at: at,
      turns: [{ speaker: 'customer', text: '', message_id: id, references: refs }],
    });
    const threads = threadMessages([
      mk('root', [], '2019-01-01T00:00:00Z'),
      mk('r2', ['root', 'r1'], '2019-01-03T00:00:00Z'),
      mk('r1-sibling', ['root'], '2019-01-02T00:00:00Z'),
    ]);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.messages.map((m) => m.id)).toEqual(['root', 'r1-sibling', 'r2']);
  });
});
