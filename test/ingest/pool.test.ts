/**
 * The detection worker pool (the built one: workers run the compiled analyze-worker.js). A batch
 * is split across the workers; the results must come back whole and in the batch's order, equal
 * to analysing inline.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AnalyzeJob } from '../../src/ingest/analyze.js';
import type * as Pool from '../../src/ingest/pool.js';
import { defaultImportWorkers } from '../../src/ingest/pool.js';
import { assertBuilt } from '../store/cli.js';

const KEY = Buffer.alloc(32, 9);
const settings = { policy: {}, fingerprintKey: KEY };

function jobs(n: number): AnalyzeJob[] {
  return Array.from({ length: n }, (_, i) => ({
    turns: [
      {
        speaker: 'customer' as const,
        text: `order ${i}: card 4111 1111 1111 1111, write to buyer${i}@example.com`,
      },
      { speaker: 'agent' as const, text: `thanks, order ${i} is noted` },
    ],
    knownNames: [],
    meta: [],
    keepOriginal: false,
  }));
}

describe('worker pool', () => {
  it('splits a batch across the workers and returns every result in the batch order', async () => {
    assertBuilt();
    const built = join(process.cwd(), 'dist', 'src', 'ingest', 'pool.js');
    const { createAnalyst } = (await import(pathToFileURL(built).href)) as typeof Pool;
    const pool = createAnalyst(2, settings);
    const inline = createAnalyst(0, settings);
    try {
      expect(pool.workers).toBe(2);
      for (const n of [0, 1, 31, 100, 257]) {
        const batch = jobs(n);
        const got = await pool.analyze(batch);
        expect(got).toHaveLength(n);
        expect(got).toEqual(await inline.analyze(batch));
        for (let i = 0; i < n; i++) expect(got[i]!.texts[1]).toBe(`thanks, order ${i} is noted`);
      }
    } finally {
      await pool.close();
      await inline.close();
    }
  });

  it('a large import leaves the main thread (encryption, the database) a core of its own', () => {
    expect([1, 2, 4, 8].map((cores) => defaultImportWorkers(cores))).toEqual([1, 1, 3, 7]);
  });
});
