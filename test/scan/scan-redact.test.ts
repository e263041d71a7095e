import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARDS, digitsOf, interaction, parseJsonl, run, type TempDir, tempDir } from './cli.js';

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

const noCard = (s: string) => {
  for (const c of CARDS) {
    expect(s).not.toContain(c);
    expect(s).not.toContain(digitsOf(c));
  }
};

function inputs() {
  const jsonl = [
    interaction(
      'r1',
      [
        { speaker: 'agent', text: 'card number please?' },
        { speaker: 'customer', text: `it is ${CARDS[0]}` },
      ],
      { customer: { name: 'Jane Doe', email: 'jane@example.com' }, custom_field: { keep: [1, 2] } },
    ),
    interaction('r2', [
      { speaker: 'customer', text: '5555 5555' },
      { speaker: 'agent', text: 'mhm' },
      { speaker: 'customer', text: '5555 4444' },
    ]),
    interaction('r3', [{ speaker: 'customer', text: 'nothing here' }]),
  ].join('\n');
  t.write('in/calls.jsonl', `${jsonl}\n`);
  t.write('in/notes/n.txt', `line one\r\ncard ${CARDS[2]} here\r\n\r\nlast line without newline`);
  t.write('in/t.csv', `id,note,amount\nA,"paid ${CARDS[3]}, ok",10\nB,"plain, text",20\n`);
  t.write(
    'in/m.eml',
    [
      'From: Jane <jane@example.com>',
      'To: help@company.example',
      'Subject: Payment',
      'Message-ID: <m1@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      `card ${CARDS[0]} thanks`,
      '',
    ].join('\r\n'),
  );
}

describe('--redact OUTDIR', () => {
  it('writes copies with the same structure and no card numbers', async () => {
    inputs();
    const r = await run(['scan', '--redact', 'out', '--format', 'jsonl', 'in'], { cwd: t.dir });
    expect(r.code).toBe(0);
    const out = (p: string) => readFileSync(join(t.dir, 'out', p), 'utf8');
    const files = ['calls.jsonl', 'notes/n.txt', 't.csv', 'm.eml'];
    for (const f of files) {
      expect(existsSync(join(t.dir, 'out', f)), f).toBe(true);
      noCard(out(f));
    }
    expect(readdirSync(join(t.dir, 'out')).some((f) => f.endsWith('.partial'))).toBe(false);

    const src = parseJsonl(readFileSync(join(t.dir, 'in/calls.jsonl'), 'utf8')) as unknown as Record<
      string,
      unknown
    >[];
    const red = parseJsonl(out('calls.jsonl')) as unknown as Record<string, unknown>[];
    expect(red).toHaveLength(src.length);
    red.forEach((rec, i) => {
      const orig = src[i]!;
      expect(Object.keys(rec)).toEqual(Object.keys(orig));
      const { turns: rt, ...rest } = rec as { turns: { text: string }[] };
      const { turns: ot, ...orest } = orig as { turns: { text: string }[] };
      expect(rest).toEqual(orest);
      expect(rt.map((x) => ({ ...x, text: '' }))).toEqual(ot.map((x) => ({ ...x, text: '' })));
    });
    // Masked cards keep the last four digits (the default policy); the split card is masked in both parts.
    const turns = (red[0] as { turns: { text: string }[] }).turns;
    expect(turns[1]!.text).toBe('it is **** **** **** 1111');
    expect((red[2] as { turns: { text: string }[] }).turns[0]!.text).toBe('nothing here');

    const txt = out('notes/n.txt');
    expect(txt.split('\r\n')).toHaveLength(4);
    expect(txt.endsWith('last line without newline')).toBe(true);

    const csv = out('t.csv').trim().split(/\r?\n/);
    expect(csv[0]).toBe('id,note,amount');
    expect(csv).toHaveLength(3);
    expect(csv[2]).toBe('B,"plain, text",20');

    const eml = out('m.eml');
    expect(eml).toContain('Subject: Payment');
    expect(eml).toContain('Content-Type: text/plain; charset=utf-8');
    expect(eml).not.toContain('quoted-printable');
  });

  it('applies --policy, and refuses the fingerprint operator without a key', async () => {
    inputs();
    const noKey = await run(['scan', '--redact', 'out', '--policy', 'CREDIT_CARD=fingerprint', 'in'], {
      cwd: t.dir,
    });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/fingerprint operator needs a secret key.*SEALDESK_FINGERPRINT_KEY/);
    expect(existsSync(join(t.dir, 'out'))).toBe(false);

    const key = Buffer.alloc(32, 7).toString('base64');
    const args = ['scan', '--redact', 'out', '--policy', 'CREDIT_CARD=fingerprint', 'in/calls.jsonl'];
    const a = await run(args, { cwd: t.dir, env: { SEALDESK_FINGERPRINT_KEY: key } });
    expect(a.code).toBe(0);
    const first = readFileSync(join(t.dir, 'out/calls.jsonl'), 'utf8');
    noCard(first);
    expect(first).toMatch(/\[CREDIT_CARD:[0-9a-f]{12}\]/);
    expect(first).not.toContain(key);
    // Keyed fingerprints are stable: the same key gives the same tokens.
    writeFileSync(join(t.dir, 'key.hex'), Buffer.alloc(32, 7).toString('hex'));
    const b = await run(
      [
        'scan',
        '--redact',
        'out2',
        '--fingerprint-key-file',
        'key.hex',
        '--policy',
        'CREDIT_CARD=fingerprint',
        'in/calls.jsonl',
      ],
      { cwd: t.dir },
    );
    expect(b.code).toBe(0);
    expect(readFileSync(join(t.dir, 'out2/calls.jsonl'), 'utf8')).toBe(first);

    const removed = await run(
      ['scan', '--redact', 'out3', '--policy', 'CREDIT_CARD=remove,default=remove', 'in/calls.jsonl'],
      { cwd: t.dir },
    );
    expect(removed.code).toBe(0);
    const red = parseJsonl(readFileSync(join(t.dir, 'out3/calls.jsonl'), 'utf8')) as unknown as {
      turns: { text: string }[];
    }[];
    expect(red[0]!.turns[1]!.text).toBe('it is ');
  });

  it('refuses to write into an input folder or over an input file', async () => {
    inputs();
    const inside = await run(['scan', '--redact', 'in/redacted', 'in'], { cwd: t.dir });
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('inside the input folder');
    expect(existsSync(join(t.dir, 'in/redacted'))).toBe(false);
    const same = await run(['scan', '--redact', 'in', 'in/calls.jsonl'], { cwd: t.dir });
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('would overwrite the input file');
    expect(readFileSync(join(t.dir, 'in/calls.jsonl'), 'utf8')).toContain(CARDS[0]);
  });

  it('leaves unreadable records out of the copy', async () => {
    t.write(
      'in/x.jsonl',
      `${interaction('ok', [{ speaker: 'customer', text: 'fine' }])}\n{"id":"bad","text":"${CARDS[0]}"\n`,
    );
    const r = await run(['scan', '--redact', 'out', 'in'], { cwd: t.dir });
    expect(r.code).toBe(2);
    const copy = readFileSync(join(t.dir, 'out/x.jsonl'), 'utf8');
    expect(parseJsonl(copy).map((l) => l.id)).toEqual(['ok']);
    noCard(copy);
  });
});
