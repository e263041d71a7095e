/**
 * Invariant 1 (and 2): after an import, neither the raw SQLite file nor its WAL, nor a pg_dump,
 * contains any name, email, phone, card number, address, subject, recording link, IP address or
 * transcript sentence of the fixture, as text or hex.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/ingest/index.js';
import { makeFixture } from './fixture.js';
import { DIALECTS, freshStore, leaks, rawCopies } from './helpers.js';

/** Shorter values (a CVV, "yes") also occur by chance in numbers and ciphertext; every longer one is searched. */
const MIN_SECRET = 8;

describe.each(DIALECTS)('nothing readable in a copy of the %s store', (dialect) => {
  const t = freshStore(dialect);
  const fx = makeFixture(30, 7);
  const secrets = fx.secrets.filter((s) => s.length >= MIN_SECRET);

  beforeAll(async () => {
    const file = join(t.place.dataDir, 'fixture.jsonl');
    writeFileSync(file, `${fx.lines.join('\n')}\n`);
    const s = await runImport(t.store, { inputs: [{ path: file }], keepOriginal: true, batchSize: 7 });
    expect(s.imported).toBe(30);
    expect(s.rejected).toBe(0);
  });

  it('the search itself finds values that are stored in clear (control)', () => {
    const copies = rawCopies(t.place);
    const all = Buffer.concat(copies.map((c) => c.bytes));
    // Finding types and channels are plain columns by design (docs/STORE.md).
    expect(leaks(all, ['CREDIT_CARD', 'PERSON'])).toEqual(['CREDIT_CARD', 'PERSON']);
    // And the secrets are really in the input.
    expect(leaks(Buffer.from(fx.lines.join('\n')), secrets).length).toBeGreaterThan(secrets.length * 0.9);
  });

  it('finds no personal value or transcript sentence in the raw copy', () => {
    expect(secrets.length).toBeGreaterThan(300);
    const copies = rawCopies(t.place);
    // Before a checkpoint most rows are in the WAL: both files are searched.
    expect(copies.reduce((n, c) => n + c.bytes.length, 0)).toBeGreaterThan(50_000);
    if (dialect === 'sqlite') expect(copies.map((c) => c.name)).toEqual(['sealdesk.db', 'sealdesk.db-wal']);
    for (const copy of copies) {
      expect({ copy: copy.name, found: leaks(copy.bytes, secrets) }).toEqual({ copy: copy.name, found: [] });
    }
  });

  it('still finds none after the WAL is checkpointed into the database file', async () => {
    if (dialect === 'sqlite') t.store.conn.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    for (const copy of rawCopies(t.place)) expect(leaks(copy.bytes, secrets)).toEqual([]);
  });

  it('stores card numbers as last four digits and a fingerprint only, and never a CVV', async () => {
    const reader = t.store.reader({ reveal: true, originals: true });
    try {
      for (const r of fx.records) {
        const v = await reader.interaction(r.id as string);
        const cards = v.findingList.filter((f) => f.type === 'CREDIT_CARD');
        expect(cards.length).toBeGreaterThan(0);
        for (const c of cards) {
          expect(c.last4).toMatch(/^\d{4}$/);
          expect(c.fingerprint).toMatch(/^[0-9a-f]{32}$/);
        }
        for (const f of v.findingList.filter((f) => f.type === 'CARD_CVV')) expect(f.fingerprint).toBeNull();
        const texts = v.turnList.flatMap((turn) => [turn.text, turn.original ?? '']).join('\n');
        const digits = texts.replace(/\D/g, '');
        for (const card of [
          '4111111111111111',
          '5555555555554444',
          '4012888888881881',
          '6011111111111117',
          '5105105105105100',
        ]) {
          expect(digits.includes(card)).toBe(false);
        }
        // The CVV turn (6th) is emptied in the redacted text and in the kept original.
        expect(v.turnList[5]!.text.trim()).toBe('');
        expect(v.turnList[5]!.original?.trim()).toBe('');
      }
    } finally {
      reader.close();
    }
  });
});
