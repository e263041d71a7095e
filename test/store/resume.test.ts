/**
 * Idempotency and resumability, through the real CLI: importing the same files twice changes
 * nothing; an import killed with SIGKILL in the middle and run again ends with the same store as
 * one clean run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowCounts } from '../../src/store/index.js';
import { assertBuilt, run, start } from './cli.js';
import { makeFixture } from './fixture.js';
import { DIALECTS, exportStore, openStore, type TestPlace, testPlace } from './helpers.js';

const RECORDS = 600;

async function interactionsIn(place: TestPlace): Promise<number> {
  const store = await openStore(place);
  try {
    return (await rowCounts(store)).interactions ?? 0;
  } finally {
    await store.close();
  }
}

describe.each(DIALECTS)('idempotent, resumable import on %s', (dialect) => {
  let clean: TestPlace;
  let killed: TestPlace;
  let file: string;
  let mbox: string;

  beforeAll(async () => {
    assertBuilt();
    clean = await testPlace(dialect);
    killed = await testPlace(dialect);
    const fx = makeFixture(RECORDS, 21);
    file = join(clean.dataDir, 'big.jsonl');
    writeFileSync(file, `${fx.lines.join('\n')}\n`);
    mbox = join(clean.dataDir, 'thread.mbox');
    writeFileSync(
      mbox,
      [
        'From a@example.com Mon Sep  2 10:00:00 2019',
        'From: Ann Example <ann.example@example.com>',
        'To: help@printco.example',
        'Subject: Reprint',
        'Message-ID: <t1@example.com>',
        'Date: Mon, 02 Sep 2019 10:00:00 +0000',
        '',
        'The flyers are smudged.',
        '',
        'From b@printco.example Mon Sep  2 11:00:00 2019',
        'From: Rosalind Ashcombe <rosalind.ashcombe@printco.example>',
        'To: Ann Example <ann.example@example.com>',
        'Subject: Re: Reprint',
        'Message-ID: <t2@printco.example>',
        'In-Reply-To: <t1@example.com>',
        'References: <t1@example.com>',
        'Date: Mon, 02 Sep 2019 11:00:00 +0000',
        '',
        'We will reprint them.',
        '',
      ].join('\n'),
    );
    for (const p of [clean, killed]) {
      const r = await run(['init', '--expected-customers', '1000'], p.env);
      expect(r.code, r.stderr).toBe(0);
    }
  });
  afterAll(async () => {
    await clean?.cleanup();
    await killed?.cleanup();
  });

  const importArgs = () => [
    'import',
    file,
    mbox,
    '--staff-domain',
    'printco.example',
    '--batch',
    '20',
    '--workers',
    '1',
    '--format',
    'json',
  ];

  it('a second import of the same files changes nothing', async () => {
    const first = await run(importArgs(), clean.env);
    expect(first.code, first.stderr).toBe(0);
    const s1 = JSON.parse(first.stdout) as { imported: number; appended: number; rejected: number };
    expect(s1).toMatchObject({ imported: RECORDS + 1, appended: 1, rejected: 0 });
    const store = await openStore(clean);
    const before = await exportStore(store);
    await store.close();
    const second = await run(importArgs(), clean.env);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      imported: 0,
      appended: 0,
      skipped: RECORDS + 2,
      rejected: 0,
    });
    const again = await openStore(clean);
    expect(await exportStore(again)).toEqual(before);
    await again.close();
  }, 180_000);

  it('an import killed with SIGKILL and run again equals one clean run', async () => {
    const child = start(importArgs(), killed.env);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    // Wait until some batches are committed, then kill without warning.
    const deadline = Date.now() + 60_000;
    let seen = 0;
    while (Date.now() < deadline) {
      seen = await interactionsIn(killed);
      if (seen >= 40) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill('SIGKILL');
    await exited;
    expect(stderr).toBe('');
    const partial = await interactionsIn(killed);
    expect(partial).toBeGreaterThanOrEqual(40);
    expect(partial).toBeLessThan(RECORDS); // really stopped in the middle
    // Whole batches only: a killed transaction leaves nothing behind.
    expect(partial % 20).toBe(0);

    const rerun = await run(importArgs(), killed.env);
    expect(rerun.code, rerun.stderr).toBe(0);
    const s = JSON.parse(rerun.stdout) as { imported: number; skipped: number };
    expect(s.skipped).toBe(partial);
    expect(s.imported).toBe(RECORDS + 1 - partial);

    const a = await openStore(clean);
    const b = await openStore(killed);
    try {
      expect(await exportStore(b)).toEqual(await exportStore(a));
    } finally {
      await a.close();
      await b.close();
    }
  }, 180_000);
});
