import { describe, expect, it } from 'vitest';
import {
  csvLine,
  csvRowToInteraction,
  parseColumnMapping,
  readCsv,
  selectTextColumns,
  transcriptToTurns,
} from '../../src/formats/csv.js';
import { chunks, collect } from './helpers.js';

describe('readCsv', () => {
  it('yields the header, rows with ids and start lines, and errors for rows it cannot read', async () => {
    const csv = 'id,notes,amount\nA-1,"first, with comma",10\nA-2,"two\nlines",20\n,empty id,30\n';
    const items = await collect(readCsv(chunks(csv.slice(0, 17), csv.slice(17)), { file: 'c.csv' }));
    expect(items[0]!.header).toEqual(['id', 'notes', 'amount']);
    const rows = items.filter((i) => i.row).map((i) => i.row!);
    expect(rows.map((r) => [r.id, r.line, r.values[1]])).toEqual([
      ['A-1', 2, 'first, with comma'],
      ['A-2', 3, 'two\nlines'],
      ['row 3', 5, 'empty id'],
    ]);
  });

  it('uses "row N" without an id column and keeps short rows', async () => {
    const items = await collect(readCsv(chunks('text,other\nhello\nx,y\n'), { file: 'c.csv' }));
    const rows = items.filter((i) => i.row).map((i) => i.row!);
    expect(rows.map((r) => r.id)).toEqual(['row 1', 'row 2']);
    expect(rows[0]!.values).toEqual(['hello']);
  });

  it('keeps a row with a stray quote and reports an unclosed quote by line without content', async () => {
    const csv = 'a,b\n1,"4111 1111 1111 1111"x\n2,ok\n3,"unclosed 4111 1111 1111 1111\n4,more\n';
    const items = await collect(readCsv(chunks(csv), { file: 'bad.csv' }));
    expect(items.filter((i) => i.row).map((i) => i.row!.values[0])).toEqual(['1', '2']);
    const errors = items.filter((i) => i.error).map((i) => i.error!);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^bad\.csv:4: /);
    expect(errors[0]!.message).not.toContain('4111');
  });

  it('selects text columns by name and rejects unknown names', () => {
    const header = ['id', 'notes', 'transcript'];
    expect(selectTextColumns(header, ['transcript'], 0, 'f.csv')).toEqual([2]);
    expect(selectTextColumns(header, undefined, 0, 'f.csv')).toEqual([1, 2]);
    expect(() => selectTextColumns(header, ['nope'], 0, 'f.csv')).toThrow(/no column named "nope"/);
  });

  it('quotes fields only when needed', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'x\ny'])).toBe('a,"b,c","say ""hi""","x\ny"\r\n');
  });
});

describe('call-export mapping', () => {
  const header = ['call_id', 'start', 'hold', 'caller', 'caller_phone', 'agent', 'text'];
  const mapping = parseColumnMapping(
    'id=call_id,started_at=start,hold_seconds=hold,customer.name=caller,customer.phone=caller_phone,agent.name=agent,transcript=text',
  );

  it('maps a row into an Interaction with speaker turns', () => {
    const values = [
      'c-1',
      '2019-09-02T10:00:00Z',
      '2:05',
      'Jane Doe',
      '+44 7700 900123',
      'Sam Agent',
      'Agent: How can I help?\nCustomer: My card is declined\nit is the blue one\nSam Agent: Let me check',
    ];
    const r = csvRowToInteraction(header, { row: 1, line: 2, id: 'row 1', values }, mapping, {
      file: 'calls.csv',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.id).toBe('c-1');
    expect(r.value.channel).toBe('call');
    expect(r.value.hold_seconds).toBe(125);
    expect(r.value.customer?.phone).toBe('+44 7700 900123');
    expect(r.value.turns.map((t) => [t.speaker, t.text])).toEqual([
      ['agent', 'How can I help?'],
      ['customer', 'My card is declined\nit is the blue one'],
      ['agent', 'Let me check'],
    ]);
  });

  it('names the column and field of a bad value without echoing it', () => {
    const values = ['c-2', 'yesterday 4111111111111111', '', '', '', '', 'hi'];
    const r = csvRowToInteraction(header, { row: 1, line: 2, id: 'row 1', values }, mapping, {
      file: 'calls.csv',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('column "start" (started_at)');
    expect(r.error.message).not.toContain('4111');
  });

  it('rejects unknown fields in a mapping', () => {
    expect(() => parseColumnMapping('id=a,colour=b')).toThrow(/unknown field "colour"/);
    expect(() => parseColumnMapping('id')).toThrow(/FIELD=COLUMN/);
  });

  it('splits a transcript at timestamped and numbered speaker labels', () => {
    const text =
      '[00:00:05] Agent: hello\n[00:00:09] Customer: my card is\nstill me\nSpeaker 1: mhm\nSpeaker 2: ok';
    expect(transcriptToTurns(text)).toEqual([
      { speaker: 'agent', text: 'hello' },
      { speaker: 'customer', text: 'my card is\nstill me' },
      { speaker: 'agent', text: 'mhm' },
      { speaker: 'customer', text: 'ok' },
    ]);
  });

  it('gives a timestamped named label the role of the mapped name', () => {
    const text = '[10:01] Jane Doe: hi, my card is\n[10:02] Dana Lee: go on';
    expect(transcriptToTurns(text, { agent: 'Dana Lee', customer: 'Jane Doe' })).toEqual([
      { speaker: 'customer', text: 'hi, my card is' },
      { speaker: 'agent', text: 'go on' },
    ]);
  });

  it('treats a transcript without speaker labels as one customer turn', () => {
    expect(transcriptToTurns('just some text\nmore')).toEqual([
      { speaker: 'customer', text: 'just some text\nmore' },
    ]);
  });
});
