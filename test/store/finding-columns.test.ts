/** The findings columns: what is kept per finding, counts, the LIKE pattern, and damaged values. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  countFindings,
  countsPattern,
  countsText,
  findingsByTurn,
  parseCounts,
  parseTurnFindings,
} from '../../src/store/finding-columns.js';
import type { FindingInput } from '../../src/store/records.js';

const card: FindingInput = {
  turn: 2,
  type: 'CREDIT_CARD',
  start: 10,
  end: 29,
  redactedStart: 10,
  redactedEnd: 29,
  operator: 'mask',
  score: 0.98765,
  fingerprint: 'AB'.repeat(32),
  last4: '1111',
  split: true,
};
const cvv: FindingInput = { ...card, type: 'CARD_CVV', start: 40, end: 43, operator: 'remove', last4: '999' };
delete cvv.fingerprint;
delete cvv.split;

describe('finding columns', () => {
  it('keeps per turn only positions, type, operator, score, a short fingerprint and a card last four', () => {
    const byTurn = findingsByTurn([card, cvv, { ...card, turn: 5 }]);
    expect([...byTurn.keys()]).toEqual([2, 5]);
    const list = parseTurnFindings(byTurn.get(2)!, 'turn x/2');
    expect(list).toEqual([
      ['CREDIT_CARD', 10, 29, 10, 29, 'mask', 0.988, 'ab'.repeat(16), '1111', 1],
      // A last four is kept for cards only; a CVV never has a fingerprint.
      ['CARD_CVV', 40, 43, 10, 29, 'remove', 0.988, null, null, 0],
    ]);
    expect(countFindings([card, cvv, card])).toEqual({ CREDIT_CARD: 2, CARD_CVV: 1 });
    expect(countFindings([cvv], { CARD_CVV: 2 })).toEqual({ CARD_CVV: 3 });
    // Stored and read in alphabetical order, whatever order the findings were counted in.
    expect(countsText(countFindings([card, cvv, card]))).toBe('{"CARD_CVV":1,"CREDIT_CARD":2}');
    expect(Object.keys(parseCounts('{"PERSON":1,"CARD_CVV":2,"IE_PPSN":1}', 'i'))).toEqual([
      'CARD_CVV',
      'IE_PPSN',
      'PERSON',
    ]);
  });

  it('refuses to store a finding it could not read back', () => {
    for (const bad of [
      { ...card, type: 'my-type' },
      { ...card, start: -1 },
      { ...card, end: 2.5 },
      { ...card, score: Number.NaN },
    ]) {
      expect(() => findingsByTurn([bad]), JSON.stringify(bad.type)).toThrow(
        expect.objectContaining({ code: 'E_RECORD_INVALID', message: expect.stringContaining('turn 2') }),
      );
    }
  });

  it('damaged values are refused with the row named, never half read', () => {
    expect(() => parseTurnFindings('[["CREDIT_CARD",1,2', 'turn 01J/3')).toThrow(
      expect.objectContaining({ code: 'E_STORE_CORRUPT', message: 'turn 01J/3: findings is not JSON' }),
    );
    expect(() => parseTurnFindings('{"a":1}', 'turn 01J/3')).toThrow(/findings is not a list/);
    expect(() => parseTurnFindings('[["card",1,2,1,2,"mask",1,null,null,0]]', 'turn 01J/3')).toThrow(
      /wrong shape/,
    );
    expect(() => parseTurnFindings('[["PERSON",-1,2,1,2,"replace",1,null,null,0]]', 't')).toThrow(
      /wrong shape/,
    );
    expect(() => parseCounts('{"PERSON":1.5}', 'interaction 01J')).toThrow(
      expect.objectContaining({
        code: 'E_STORE_CORRUPT',
        message: expect.stringContaining('interaction 01J'),
      }),
    );
    expect(() => parseCounts('[1]', 'i')).toThrow(/not an object/);
    expect(parseCounts(null, 'i')).toEqual({});
    expect(parseTurnFindings(null, 't')).toEqual([]);
  });

  it('the --has-finding pattern matches the type itself: not a longer type, not "_" as a wildcard', () => {
    const db = new Database(':memory:');
    const like = db.prepare<[string, string], { m: number }>(`select ? like ? escape '\\' as m`);
    const matches = (counts: Record<string, number>, type: string): boolean =>
      like.get(JSON.stringify(counts), countsPattern(type))?.m === 1;
    expect(matches({ US_SSN: 1, PERSON: 2 }, 'US_SSN')).toBe(true);
    expect(matches({ US_SSN: 1, PERSON: 2 }, 'PERSON')).toBe(true);
    expect(matches({ USXSSN: 1 }, 'US_SSN')).toBe(false);
    expect(matches({ PERSONAL_REF: 1 }, 'PERSON')).toBe(false);
    expect(matches({ MY_PERSON: 1 }, 'PERSON')).toBe(false);
    expect(matches({}, 'PERSON')).toBe(false);
    db.close();
  });
});
