import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/index.js';

const ibans = (text: string) => detect(text).filter((f) => f.type === 'IBAN_CODE');

describe('IBAN_CODE read aloud', () => {
  it('reads a spelled country code, number words and spelled letters', () => {
    const spoken =
      'g b eight two w e s t one two three four five six nine eight seven six five four three two';
    const text = `sure, the iban is ${spoken}, thanks`;
    const found = ibans(text);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(spoken);
    expect(found[0]!.normalized).toBe('GB82WEST12345698765432');
    // The digits inside are not reported as a card as well.
    expect(detect(text).filter((f) => f.type === 'CREDIT_CARD')).toHaveLength(0);
  });

  it('takes "oh" as zero where the structure wants a digit, with double and teens', () => {
    const text = 'd e eight nine three seven oh four oh oh four four oh five three two oh one three oh oh oh';
    expect(ibans(text)[0]?.normalized).toBe('DE89370400440532013000');
  });

  it('rejects a spoken sequence whose check digits do not verify', () => {
    expect(
      ibans('g b eight three w e s t one two three four five six nine eight seven six five four three two'),
    ).toEqual([]);
  });
});
