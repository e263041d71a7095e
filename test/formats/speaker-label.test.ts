import { describe, expect, it } from 'vitest';
import { blankLabel, labelTurns, speakerLabel } from '../../src/formats/speaker-label.js';

describe('speaker labels of transcript lines', () => {
  it.each([
    ['Agent: hello', 'agent', 'Agent: '],
    ['customer:hi', 'customer', 'customer:'],
    ['[00:01:23] Caller: my card is', 'customer', '[00:01:23] Caller: '],
    ['(1:23) Rep: thanks', 'agent', '(1:23) Rep: '],
    ['10:02 AM - Rep (Dana Lee): one moment', 'agent', '10:02 AM - Rep (Dana Lee): '],
    ['2024-05-01 10:02:03 | Visitor: hi', 'customer', '2024-05-01 10:02:03 | Visitor: '],
    ['[12:00:01.250] System: chat started', 'system', '[12:00:01.250] System: '],
  ])('reads %j', (line, speaker, label) => {
    const got = speakerLabel(line);
    expect(got?.speaker).toBe(speaker);
    expect(line.slice(0, got!.length)).toBe(label);
  });

  it('reads numbered speakers of speech-recognition output', () => {
    expect(speakerLabel('Speaker 2: yes')).toEqual({ numbered: '2', length: 11 });
    expect(speakerLabel('[0:05] spk_0: hello')?.numbered).toBe('0');
  });

  it('takes nothing that is not a label', () => {
    for (const line of [
      'username: jdoe',
      'Note: call back',
      'the agent: said no',
      '10:02 the customer called',
      'Agent said: no',
      '',
    ]) {
      expect(speakerLabel(line)).toBeNull();
    }
  });

  it('gives unlabelled lines the speaker before them and numbered speakers roles in order', () => {
    const { speakers, labels } = labelTurns([
      'notes before the call',
      'Speaker 1: thanks for calling',
      'Speaker 2: hi, my card is',
      'still speaker two',
      'Speaker 1: mhm',
    ]);
    expect(speakers).toEqual(['customer', 'agent', 'customer', 'customer', 'agent']);
    expect(labels.map((l) => l?.length ?? 0)).toEqual([0, 11, 11, 0, 11]);
    expect(blankLabel('Agent: 4111', speakerLabel('Agent: 4111'))).toBe('       4111');
    expect(blankLabel('4111', null)).toBe('4111');
  });

  it('keeps the name a label holds, and collects the names', () => {
    const line = '[10:02] Customer (Jane Doe): my card is 4111';
    const label = speakerLabel(line)!;
    expect(label.name).toEqual({ text: 'Jane Doe', start: line.indexOf('Jane') });
    const blanked = blankLabel(line, label);
    expect(blanked).toHaveLength(line.length);
    // The whole label is blanked, name included: the scan reports the name itself.
    expect(blanked.trimStart()).toBe('my card is 4111');
    const named = speakerLabel('[10:04] Priya Raman: thanks')!;
    expect(named.name?.text).toBe('Priya Raman');
    // A timestamp in brackets after the role is no name, nor is a name without a timestamp.
    expect(speakerLabel('Customer (10:02 AM): hi')!.name).toBeUndefined();
    expect(speakerLabel('Priya Raman: thanks')).toBeNull();
    const { names, speakers } = labelTurns([
      '[10:01] Rep (Dana): hello',
      '[10:02] Priya Raman: hi',
      '[10:03] Rep (Dana): how can I help',
    ]);
    expect(names).toEqual(['Dana', 'Priya Raman']);
    expect(speakers).toEqual(['agent', 'customer', 'agent']);
  });

  it('stays linear on long hostile lines', () => {
    const hostile: ((n: number) => string)[] = [
      (n) => `[${'0'.repeat(n)}`,
      (n) => `${'1:11 '.repeat(n / 5)}Agent: x`,
      (n) => `Agent (${'('.repeat(n)}`,
      (n) => `${' \t'.repeat(n / 2)}Agent:`,
      (n) => `Agent ${'x'.repeat(n)}`,
    ];
    const time = (line: string): number => {
      const t0 = performance.now();
      for (let k = 0; k < 20; k++) speakerLabel(line);
      return performance.now() - t0;
    };
    for (const make of hostile) {
      const small = time(make(16_000));
      const large = time(make(256_000));
      // Sixteen times the input: a linear pattern takes at most about sixteen times as long (an
      // anchored, bounded one about the same); a backtracking one hundreds of times more.
      expect(large).toBeLessThan(small * 40 + 50);
    }
  });
});
