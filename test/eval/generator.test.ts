import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { generateInteractions, generateRecord } from '../../eval/generate.js';
import type { Label, LabelledRecord } from '../../eval/lib/types.js';
import { esControlDigits, frRibKey, itCin } from '../../eval/lib/values/banking.js';
import { ENTITY_TYPES } from '../../src/detect/types.js';
import { interactionSchema } from '../../src/formats/interaction.js';
import { readSpoken } from './spoken-reader.js';

const SEED = 20240601;
const COUNT = 1500;
const corpus: LabelledRecord[] = [...generateInteractions(SEED, COUNT)];

function textOf(r: LabelledRecord, l: { turn: number; start: number; end: number }): string {
  return r.interaction.turns[l.turn]!.text.slice(l.start, l.end);
}

function luhn(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let x = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2 === 1) {
      x *= 2;
      if (x > 9) x -= 9;
    }
    sum += x;
  }
  return sum % 10 === 0;
}

function mod97(s: string): number {
  let r = 0;
  for (const ch of s)
    r = ch >= 'A' ? (r * 100 + ch.charCodeAt(0) - 55) % 97 : (r * 10 + ch.charCodeAt(0) - 48) % 97;
  return r;
}

/** Digits of a labelled number, typed or spoken. */
function digitsOf(label: Label, text: string): string {
  return label.form === 'typed' || /\d/.test(text) ? text.replace(/\D/g, '') : readSpoken(text);
}

/** Letters and digits of a labelled identifier, typed or spelled. */
function charsOf(label: Label, text: string): string {
  return (label.form === 'spoken' ? readSpoken(text, true) : text.replace(/[\s-]/g, '')).toUpperCase();
}

const CARD_PREFIX =
  /^(4|5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)|3[47]|6011|64[4-9]|65|35(2[89]|[3-8]\d)|36|30[0-5]|38|62|50(18|20|38)|6304|67(59|6[1-3]))/;

describe('corpus generator', () => {
  it('is deterministic for a seed, and record i depends only on (seed, i)', () => {
    const again = [...generateInteractions(SEED, 50)];
    expect(JSON.stringify(again)).toBe(JSON.stringify(corpus.slice(0, 50)));
    expect(JSON.stringify(generateRecord(SEED, 37))).toBe(JSON.stringify(corpus[37]));
    expect(JSON.stringify([...generateInteractions(SEED, 5, 40)])).toBe(JSON.stringify(corpus.slice(40, 45)));
    const other = [...generateInteractions(SEED + 1, 50)];
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(corpus.slice(0, 50)));
  });

  it('writes the Interaction JSON Lines contract', () => {
    const channels = new Set<string>();
    const problems: string[] = [];
    for (const r of corpus) {
      const i = r.interaction;
      channels.add(i.channel);
      if (!/^eval-\d+-\d+$/.test(i.id)) problems.push(`${i.id}: id`);
      if (!['call', 'chat', 'email'].includes(i.channel)) problems.push(`${i.id}: channel`);
      if (i.turns.length === 0) problems.push(`${i.id}: no turns`);
      if (!(Date.parse(i.ended_at) >= Date.parse(i.started_at))) problems.push(`${i.id}: times`);
      i.turns.forEach((t, k) => {
        if (!['customer', 'agent', 'system'].includes(t.speaker)) problems.push(`${i.id}[${k}]: speaker`);
        if (typeof t.text !== 'string' || t.text.length === 0) problems.push(`${i.id}[${k}]: text`);
        if (t.at !== undefined && Number.isNaN(Date.parse(t.at))) problems.push(`${i.id}[${k}]: at`);
      });
      if (!i.customer.name || !i.agent.name) problems.push(`${i.id}: names`);
      // The product's own reader accepts it.
      const parsed = interactionSchema.safeParse(i);
      if (!parsed.success)
        problems.push(`${i.id}: ${parsed.error.issues.map((x) => x.path.join('.')).join(', ')}`);
    }
    expect(problems).toEqual([]);
    expect([...channels].sort()).toEqual(['call', 'chat', 'email']);
  });

  it('keeps every label inside its turn, non-overlapping and on one line', () => {
    const problems: string[] = [];
    for (const r of corpus) {
      const byTurn = new Map<number, Label[]>();
      for (const l of r.labels) {
        const where = `${r.interaction.id}[${l.turn}] ${l.type} ${l.start}-${l.end}`;
        const turn = r.interaction.turns[l.turn];
        if (!turn || l.start < 0 || l.end <= l.start || l.end > turn.text.length) {
          problems.push(`${where}: outside its turn`);
          continue;
        }
        const value = textOf(r, l);
        if (value !== value.trim() || value.includes('\n'))
          problems.push(`${where}: spaces or a line break at an edge`);
        byTurn.set(l.turn, [...(byTurn.get(l.turn) ?? []), l]);
      }
      for (const list of byTurn.values()) {
        list.sort((a, b) => a.start - b.start);
        for (let k = 1; k < list.length; k++) {
          if (list[k]!.start < list[k - 1]!.end)
            problems.push(`${r.interaction.id}[${list[k]!.turn}]: overlapping labels`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('labels every entity type in typed and spoken forms, and cards split across turns', () => {
    const seen = new Set<string>();
    for (const r of corpus) for (const l of r.labels) seen.add(`${l.type}/${l.form}`);
    for (const type of ENTITY_TYPES) {
      expect(seen.has(`${type}/typed`), `${type} typed`).toBe(true);
      if (type !== 'IP_ADDRESS') expect(seen.has(`${type}/spoken`), `${type} spoken`).toBe(true);
    }
    expect(seen.has('CREDIT_CARD/split')).toBe(true);
    const brands = new Set(
      corpus.flatMap((r) => r.labels.filter((l) => l.type === 'CREDIT_CARD').map((l) => l.variant)),
    );
    for (const b of ['visa', 'mastercard', 'amex', 'discover', 'jcb', 'diners', 'unionpay', 'maestro'])
      expect(brands.has(b), b).toBe(true);
  });

  it('labels card numbers that pass Luhn, whole or joined from their split parts', () => {
    let spoken = 0;
    let split = 0;
    for (const r of corpus) {
      const groups = new Map<number, Label[]>();
      for (const l of r.labels) {
        if (l.type !== 'CREDIT_CARD') continue;
        if (l.form === 'split') {
          groups.set(l.group!, [...(groups.get(l.group!) ?? []), l]);
          continue;
        }
        const d = digitsOf(l, textOf(r, l));
        if (l.form === 'spoken') spoken++;
        expect(d.length, `${r.interaction.id}`).toBeGreaterThanOrEqual(13);
        expect(d.length).toBeLessThanOrEqual(19);
        expect(luhn(d), `${r.interaction.id} ${l.form}`).toBe(true);
        expect(d).toMatch(CARD_PREFIX);
      }
      for (const parts of groups.values()) {
        split++;
        expect(parts.length).toBeGreaterThanOrEqual(2);
        parts.sort((a, b) => a.turn - b.turn);
        expect(new Set(parts.map((p) => p.turn)).size).toBe(parts.length);
        const d = parts.map((p) => digitsOf(p, textOf(r, p))).join('');
        expect(luhn(d), r.interaction.id).toBe(true);
        // Every part is said by the customer; only short interjections stand between them.
        for (const p of parts) expect(r.interaction.turns[p.turn]!.speaker).toBe('customer');
        for (let t = parts[0]!.turn + 1; t < parts[parts.length - 1]!.turn; t++) {
          const turn = r.interaction.turns[t]!;
          if (turn.speaker !== 'customer') expect(turn.text.split(/\s+/).length).toBeLessThanOrEqual(4);
        }
      }
    }
    expect(spoken).toBeGreaterThan(50);
    expect(split).toBeGreaterThan(50);
  });

  it('labels values that are valid for their type', () => {
    for (const r of corpus) {
      for (const l of r.labels) {
        const text = textOf(r, l);
        const where = `${r.interaction.id} ${l.type} ${l.form}`;
        switch (l.type) {
          case 'CARD_CVV':
            expect(digitsOf(l, text), where).toMatch(/^\d{3,4}$/);
            break;
          case 'CARD_EXPIRY': {
            const d = /[a-z]{3}/i.test(
              text.replace(
                /\b(oh|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|slash|uh|um|er|uhm)\b/gi,
                '',
              ),
            )
              ? null
              : digitsOf(l, text);
            if (d !== null) {
              expect(d, where).toMatch(/^\d{3,6}$/);
              const month = Number(d.length === 3 || d.length === 5 ? d.slice(0, 1) : d.slice(0, 2));
              expect(month, where).toBeGreaterThanOrEqual(1);
              expect(month, where).toBeLessThanOrEqual(12);
            }
            break;
          }
          case 'IBAN_CODE': {
            const s = charsOf(l, text);
            expect(s, where).toMatch(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/);
            expect(mod97(s.slice(4) + s.slice(0, 4)), where).toBe(1);
            // The IBAN registry's length for the country.
            const lengths: Record<string, number> = {
              GB: 22,
              IE: 22,
              DE: 22,
              FR: 27,
              ES: 24,
              NL: 18,
              IT: 27,
            };
            expect(s.length, where).toBe(lengths[s.slice(0, 2)]);
            break;
          }
          case 'ABA_ROUTING_NUMBER': {
            const d = digitsOf(l, text);
            expect(d, where).toMatch(/^\d{9}$/);
            const n = (i: number) => d.charCodeAt(i) - 48;
            expect(
              (3 * (n(0) + n(3) + n(6)) + 7 * (n(1) + n(4) + n(7)) + n(2) + n(5) + n(8)) % 10,
              where,
            ).toBe(0);
            break;
          }
          case 'US_BANK_NUMBER':
            expect(digitsOf(l, text), where).toMatch(/^\d{8,12}$/);
            break;
          case 'UK_SORT_CODE':
            expect(digitsOf(l, text), where).toMatch(/^\d{6}$/);
            break;
          case 'US_SSN': {
            const d = digitsOf(l, text);
            expect(d, where).toMatch(/^\d{9}$/);
            const area = Number(d.slice(0, 3));
            expect(area > 0 && area !== 666 && area < 900, where).toBe(true);
            expect(d.slice(3, 5), where).not.toBe('00');
            expect(d.slice(5), where).not.toBe('0000');
            break;
          }
          case 'UK_NINO': {
            const s = charsOf(l, text);
            expect(s, where).toMatch(/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/);
            expect(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']).not.toContain(s.slice(0, 2));
            break;
          }
          case 'IE_PPSN': {
            const s = charsOf(l, text);
            expect(s, where).toMatch(/^\d{7}[A-W][ABW]?$/);
            let sum = 0;
            for (let i = 0; i < 7; i++) sum += (s.charCodeAt(i) - 48) * (8 - i);
            if (s.length === 9 && s[8] !== 'W') sum += 9 * (s.charCodeAt(8) - 64);
            expect('WABCDEFGHIJKLMNOPQRSTUV'[sum % 23], where).toBe(s[7]);
            break;
          }
          case 'EMAIL_ADDRESS':
            if (l.form === 'typed')
              expect(text, where).toMatch(/^[a-z0-9._+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i);
            else expect(text, where).toMatch(/^\S.* at [a-z]+( dot [a-z]+)+$/);
            break;
          case 'PHONE_NUMBER': {
            // Without the international prefix ("+", "00" or "plus"): 9 to 13 digits.
            const d = /\d/.test(text)
              ? text.replace(/^00/, '').replace(/\D/g, '')
              : readSpoken(text.replace(/^plus /, ''));
            expect(d.length, where).toBeGreaterThanOrEqual(9);
            expect(d.length, where).toBeLessThanOrEqual(13);
            break;
          }
          case 'DATE_OF_BIRTH': {
            if (
              /[a-z]{3}/i.test(text) &&
              !/^(oh|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|double|triple|hundred|uh|um|er|uhm|,| )+$/i.test(
                text,
              )
            ) {
              // Month names: "14 March 1985", "the fourteenth of march nineteen eighty five".
              expect(text.toLowerCase(), where).toMatch(/jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/);
            } else {
              // Numeric: three parts, day and month in either order, the year first or last.
              const nums =
                l.form === 'typed'
                  ? text.split(/\D+/).filter(Boolean)
                  : (readSpoken(text).match(/\d\d/g) ?? []);
              expect(nums.length, where).toBe(3);
              const [a, b] = (nums[0]!.length === 4 ? nums.slice(1) : nums.slice(0, 2)).map(Number) as [
                number,
                number,
              ];
              expect(
                (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31),
                where,
              ).toBe(true);
            }
            break;
          }
          case 'PASSWORD':
            if (l.form === 'typed') expect(text, where).toMatch(/^\S{6,}$/);
            else expect(readSpoken(text, true), where).toMatch(/^[A-Za-z]{3,}\d{2,3}$/);
            break;
          case 'IP_ADDRESS':
            expect(isIP(text), where).toBeGreaterThan(0);
            break;
          case 'POSTAL_ADDRESS':
            // A ZIP, a UK postcode or an Eircode, typed or spelled, ends every address and code label.
            expect(text.toUpperCase().replace(/ (?=[A-Z0-9]( |$))/g, ''), where).toMatch(
              /(\d{5}(-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[\dW] ?[A-Z\d]{4}|(ZERO|OH|ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE)( [A-Z]+)*)$/,
            );
            break;
          case 'PERSON': {
            const names = [r.interaction.customer.name, r.interaction.agent.name]
              .join(' ')
              .toLowerCase()
              .normalize('NFD')
              .replace(/[\u0300-\u036f]/g, '');
            const v = text
              .toLowerCase()
              .normalize('NFD')
              .replace(/[\u0300-\u036f]/g, '');
            // Customer and agent names come from the record; a third party's is a capitalised or spoken name.
            if (!names.includes(v)) expect(text, where).toMatch(/^\p{L}[\p{L}'-]*( \p{L}[\p{L}'-]*){0,2}$/u);
            break;
          }
        }
      }
    }
  });

  it('gives IBANs the national check characters their banks would (France, Spain, Italy)', () => {
    // Published example IBANs, their check characters blanked and recomputed.
    expect(frRibKey('20041010050500013M02600')).toBe('20041010050500013M02606');
    expect(esControlDigits('21000418000200051332')).toBe('21000418450200051332');
    expect(itCin('A0542811101000000123456')).toBe('X0542811101000000123456');
    let checked = 0;
    for (const r of corpus) {
      for (const l of r.labels) {
        if (l.type !== 'IBAN_CODE' || l.form !== 'typed') continue;
        const s = textOf(r, l).replace(/\s/g, '').toUpperCase();
        const bban = s.slice(4);
        if (s.startsWith('FR')) expect(frRibKey(bban)).toBe(bban);
        else if (s.startsWith('ES')) expect(esControlDigits(bban)).toBe(bban);
        else if (s.startsWith('IT')) expect(itCin(bban)).toBe(bban);
        else continue;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('labels nothing inside a hard negative, and long numeric negatives fail Luhn', () => {
    let luhnChecked = 0;
    for (const r of corpus) {
      for (const n of r.negatives) {
        expect(n.end).toBeLessThanOrEqual(r.interaction.turns[n.turn]!.text.length);
        const inside = r.labels.filter((l) => l.turn === n.turn && l.start < n.end && n.start < l.end);
        expect(inside, `${r.interaction.id} ${n.kind}`).toEqual([]);
        const text = textOf(r, n);
        if ((n.kind === 'order-number' || n.kind === 'tracking-number') && /^[\d ]{12,}$/.test(text)) {
          const groups = text.split(' ');
          for (let i = 0; i < groups.length; i++) {
            let d = '';
            for (let j = i; j < groups.length; j++) {
              d += groups[j];
              if (d.length >= 12 && d.length <= 19)
                expect(luhn(d), `${r.interaction.id} ${n.kind}`).toBe(false);
            }
          }
          luhnChecked++;
        }
      }
    }
    expect(luhnChecked).toBeGreaterThan(20);
    const kinds = new Set(corpus.flatMap((r) => r.negatives.map((n) => n.kind)));
    for (const k of [
      'order-number',
      'tracking-number',
      'invoice-number',
      'price',
      'time',
      'date',
      'version',
      'sku',
      'quantity',
      'product-code',
      'count',
    ]) {
      expect(kinds.has(k as never), k).toBe(true);
    }
  });

  it('quotes earlier e-mails with their labels moved to the quoted lines', () => {
    let quoted = 0;
    for (const r of corpus) {
      if (r.interaction.channel !== 'email') continue;
      const first = r.interaction.turns[0]!;
      const reply = r.interaction.turns[1]!;
      const firstValues = r.labels.filter((l) => l.turn === 0).map((l) => textOf(r, l));
      const quotedValues = r.labels
        .filter((l) => l.turn === 1 && reply.text.slice(0, l.start).includes('wrote:\n'))
        .map((l) => textOf(r, l));
      expect(quotedValues).toEqual(firstValues);
      expect(reply.text).toContain(`> ${first.text.split('\n')[0]}`);
      quoted++;
    }
    expect(quoted).toBeGreaterThan(50);
  });
});
