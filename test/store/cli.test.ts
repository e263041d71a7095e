/** The store commands through the built CLI: formats, exit codes, masking, and errors without values. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, run } from './cli.js';
import { makeFixture } from './fixture.js';
import { DIALECTS, type TestPlace, testPlace } from './helpers.js';

describe.each(DIALECTS)('store commands on %s', (dialect) => {
  let place: TestPlace;
  const fx = makeFixture(6, 13);
  type Rec = { id: string; customer: { email: string; name: string; phone: string } };
  const recs = fx.records as unknown as Rec[];
  let file: string;

  beforeAll(async () => {
    assertBuilt();
    place = await testPlace(dialect);
    file = join(place.dataDir, 'in.jsonl');
    writeFileSync(file, `${fx.lines.join('\n')}\nnot json\n`);
  });
  afterAll(async () => {
    await place?.cleanup();
  });

  it('says how to start when there is no store', async () => {
    const r = await run(['list'], place.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /sealdesk init.*\[E_STORE_NOT_INITIALISED\]|not initialised.*\[E_STORE_NOT_INITIALISED\]/,
    );
  }, 180_000);

  it('init, import (exit 2 naming the bad line), find, show, list', async () => {
    const init = await run(['init', '--format', 'json'], place.env);
    expect(init.code, init.stderr).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ created: true, dialect });
    const imp = await run(['import', file], place.env);
    expect(imp.code).toBe(2);
    expect(imp.stdout).toMatch(/imported 6 interactions/);
    expect(imp.stdout).toContain(`${file}:7: malformed JSON`);
    expect(imp.stdout).toContain('[E_JSON_SYNTAX]');

    const found = await run(['find', '--email', recs[0]!.customer.email, '--format', 'json'], place.env);
    expect(found.code, found.stderr).toBe(0);
    const f = JSON.parse(found.stdout) as { customers: { id: string; email: string; name: string }[] };
    expect(f.customers).toHaveLength(1);
    expect(f.customers[0]!.email).not.toBe(recs[0]!.customer.email); // masked by default
    const revealed = await run(
      ['find', '--email', recs[0]!.customer.email, '--reveal', '--format', 'jsonl'],
      place.env,
    );
    expect(JSON.parse(revealed.stdout.trim())).toMatchObject({
      type: 'customer',
      email: recs[0]!.customer.email,
    });

    const show = await run(['show', recs[0]!.id], place.env);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`external id ${recs[0]!.id}`);
    expect(show.stdout).not.toContain(recs[0]!.customer.email);
    expect(show.stdout).not.toContain(recs[0]!.customer.name);
    expect(show.stdout.replace(/\D/g, '')).not.toContain('4111111111111111');

    const list = await run(['list', '--has-finding', 'credit_card', '--format', 'jsonl'], place.env);
    expect(list.stdout.trim().split('\n')).toHaveLength(6);
    const text = await run(['list', '--channel', 'call'], place.env);
    expect(text.stdout.split('\n')[0]).toMatch(/^ID\s+EXTERNAL ID\s+CHANNEL/);
    const bad = await run(['list', '--since', 'yesterday'], place.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('[E_USAGE]');
    const missing = await run(['show', 'no-such-interaction'], place.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[E_NOT_FOUND]');
  }, 180_000);

  it('keys status and rotate, retention, erase', async () => {
    const status = await run(['keys', 'status', '--format', 'json'], place.env);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      provider: 'file',
      currentVersion: 1,
      dataKeys: { '1': 8 },
    });
    const rotate = await run(['keys', 'rotate'], place.env);
    expect(rotate.stdout).toContain('rotated to KEK version 2: rewrapped 8 data keys and 3 system keys');
    const dry = await run(
      ['retention', 'run', '--rule', 'call=365d', '--dry-run', '--format', 'json'],
      place.env,
    );
    const calls = fx.records.filter((r) => r.channel === 'call').length;
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      rules: [{ channel: 'call', days: 365, interactions: calls }],
    });
    const ret = await run(['retention', 'run', '--rule', 'call=365d'], place.env);
    expect(ret.code, ret.stderr).toBe(0);
    const left = await run(['list', '--format', 'json'], place.env);
    expect((JSON.parse(left.stdout) as unknown[]).length).toBe(6 - calls);
    const badRule = await run(['retention', 'run', '--rule', 'fax=3d'], place.env);
    expect(badRule.code).toBe(2);

    const chat = recs.find((r) => r.id.startsWith('chat'))!;
    const f = JSON.parse(
      (await run(['find', '--email', chat.customer.email, '--format', 'json'], place.env)).stdout,
    ) as { customers: { id: string }[] };
    const id = f.customers[0]!.id;
    const erase = await run(['erase', '--customer', id], place.env);
    expect(erase.code, erase.stderr).toBe(0);
    expect(erase.stdout).toMatch(
      new RegExp(`erased customer ${id}: data key destroyed; removed 1 interaction, 8 turns`),
    );
    const after = await run(['find', '--email', chat.customer.email], place.env);
    expect(after.stdout).toBe('no match\n');
  }, 180_000);

  it('a wrong key file is a clear error that names the file and no key', async () => {
    const r = await run(['list'], { ...place.env, SEALDESK_KEY_FILE: join(place.dataDir, 'nope.key') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.key');
    expect(r.stderr).toContain('[E_KEY_FILE_MISSING]');
  }, 180_000);
});
