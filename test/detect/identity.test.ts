import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import type { EntityType, Finding, Turn } from '../../src/detect/index.js';
import { createAnalyzer, detect, detectConversation, resolveOverlaps } from '../../src/detect/index.js';
import { plausibleBirthDate } from '../../src/detect/recognizers/date-of-birth.js';
import { ppsnCheckLetter } from '../../src/detect/recognizers/ie-ppsn.js';
import { classifyInternational, classifyNational } from '../../src/detect/recognizers/phone-metadata.js';
import { isValidNino } from '../../src/detect/recognizers/uk-nino.js';
import { isValidSsn } from '../../src/detect/recognizers/us-ssn.js';

const of = (text: string, type: EntityType, options?: Parameters<typeof detect>[1]): Finding[] =>
  detect(text, options).filter((f) => f.type === type);

/** Exactly one finding of `type`, covering exactly `value` (its first occurrence) in `text`. */
function expectOne(text: string, type: EntityType, value: string, normalized?: string): Finding {
  const found = of(text, type);
  expect(found, `${type} in ${JSON.stringify(text)}`).toHaveLength(1);
  const f = found[0]!;
  const start = text.indexOf(value);
  expect(start).toBeGreaterThanOrEqual(0);
  expect({ start: f.start, end: f.end, value: text.slice(f.start, f.end) }).toEqual({
    start,
    end: start + value.length,
    value,
  });
  if (normalized !== undefined) expect(f.normalized).toBe(normalized);
  return f;
}

function expectNone(text: string, type: EntityType): void {
  const found = of(text, type).map((f) => text.slice(f.start, f.end));
  expect(found, `${type} in ${JSON.stringify(text)}`).toEqual([]);
}

describe('US_SSN', () => {
  it('takes the last four digits asked for as the last four of the social', () => {
    expectOne('the last four of my social are 6789', 'US_SSN', '6789', '6789');
    expectOne('last 4 digits of SSN: 1234', 'US_SSN', '1234');
    const turns: Turn[] = [
      { speaker: 'agent', text: 'and the last four of your social' },
      { speaker: 'customer', text: 'six seven eight nine' },
    ];
    expect(detectConversation(turns).map((f) => [f.turn, f.type])).toEqual([[1, 'US_SSN']]);
    // The last four of a card, or a number further into the answer, are not.
    expectNone('the last four of your card please? 4242', 'US_SSN');
    const later: Turn[] = [
      { speaker: 'agent', text: 'and the last four of your social' },
      { speaker: 'customer', text: 'I do not have it with me, but my order is 4455' },
    ];
    expect(detectConversation(later).filter((f) => f.type === 'US_SSN')).toEqual([]);
  });

  it('takes "last four are ..." as the answer to a question about the social', () => {
    const ask = (answer: string): Turn[] => [
      { speaker: 'agent', text: 'can you confirm your social please' },
      { speaker: 'customer', text: answer },
    ];
    const ssn = (turns: Turn[]) =>
      detectConversation(turns)
        .filter((f) => f.type === 'US_SSN')
        .map((f) => turns[f.turn]!.text.slice(f.start, f.end));
    expect(ssn(ask('last four are six seven eight nine'))).toEqual(['six seven eight nine']);
    expect(ssn(ask('sure, last 4 is 6789'))).toEqual(['6789']);
    expect(ssn(ask('I would rather not, the card last four are 4242'))).toEqual([]);
    expect(ssn([{ speaker: 'customer', text: 'last four are 6789' }])).toEqual([]);
    expectNone('my social is on file and the phone last four are 1234', 'US_SSN');
  });

  it('applies the SSA rules', () => {
    expect(isValidSsn('123456789')).toBe(true);
    for (const bad of ['000123456', '666123456', '900123456', '999123456', '123001234', '123450000']) {
      expect(isValidSsn(bad), bad).toBe(false);
    }
    expect(isValidSsn('078051120')).toBe(false);
    expect(isValidSsn('219099999')).toBe(false);
  });

  it('finds dashed and spaced numbers, scoring context', () => {
    const withCtx = expectOne('my SSN is 123-45-6789, thanks', 'US_SSN', '123-45-6789', '123456789');
    expect(withCtx.score).toBeGreaterThanOrEqual(0.95);
    const plain = expectOne('the number 234 56 7890 came up', 'US_SSN', '234 56 7890');
    expect(plain.score).toBeGreaterThanOrEqual(0.5);
    expect(plain.score).toBeLessThan(0.9);
  });

  it('takes nine contiguous digits only in context', () => {
    expectOne('social security number: 234567890', 'US_SSN', '234567890');
    expectNone('reference 234567890 attached', 'US_SSN');
  });

  it('reads a number spoken digit by digit in context', () => {
    const text = 'my social is two three four five six seven eight nine one okay';
    const f = expectOne(text, 'US_SSN', 'two three four five six seven eight nine one', '234567891');
    expect(f.spoken).toBe(true);
    expectNone('two three four five six seven eight nine one', 'US_SSN');
  });

  it('rejects invalid ranges and parts of longer numbers', () => {
    for (const bad of [
      '000-12-3456',
      '666-12-3456',
      '912-34-5678',
      '123-00-4567',
      '123-45-0000',
      '078-05-1120',
    ]) {
      expectNone(`ssn ${bad} on file`, 'US_SSN');
    }
    expectNone('ssn 1-123-45-6789-2', 'US_SSN');
  });
});

describe('UK_NINO', () => {
  it('applies the HMRC prefix and suffix rules', () => {
    expect(isValidNino('AB123456C')).toBe(true);
    for (const bad of [
      'QQ123456C',
      'DA123456A',
      'AO123456A',
      'BG123456A',
      'GB123456A',
      'NK123456A',
      'TN123456A',
      'ZZ123456A',
    ]) {
      expect(isValidNino(bad), bad).toBe(false);
    }
    expect(isValidNino('AB123456E')).toBe(false);
  });

  it('finds upper-case values alone, any case with context', () => {
    const spaced = expectOne(
      'Please update AB 12 34 56 C on the form',
      'UK_NINO',
      'AB 12 34 56 C',
      'AB123456C',
    );
    expect(spaced.score).toBeGreaterThanOrEqual(0.85);
    expectOne('my national insurance number is ce123456d', 'UK_NINO', 'ce123456d', 'CE123456D');
    expectOne('NI number: JH 65 43 21 A.', 'UK_NINO', 'JH 65 43 21 A');
    expectNone('the code ab123456c expired', 'UK_NINO');
  });

  it('rejects unallocated prefixes even in context', () => {
    expectNone('national insurance QQ 12 34 56 C', 'UK_NINO');
    expectNone('national insurance number GB123456A', 'UK_NINO');
  });

  it('reads a spelled-out number in context', () => {
    const text = 'national insurance? sure, a b one two three four five six c';
    const f = expectOne(text, 'UK_NINO', 'a b one two three four five six c', 'AB123456C');
    expect(f.spoken).toBe(true);
    const nato = 'my NI number is alpha bravo one two three four five six delta';
    expectOne(nato, 'UK_NINO', 'alpha bravo one two three four five six delta', 'AB123456D');
    // Speech recognition writes the NATO word for X as "x-ray", "xray" or "x ray".
    for (const xray of ['x-ray', 'xray', 'x ray']) {
      const text = `my ni number is whiskey ${xray} one four two nine nine four charlie`;
      expectOne(text, 'UK_NINO', `whiskey ${xray} one four two nine nine four charlie`, 'WX142994C');
    }
  });
});

describe('IE_PPSN', () => {
  it('computes the mod-23 check letter', () => {
    // 1234567: 8+14+18+20+20+18+14 = 112; 112 mod 23 = 20 -> T
    expect(ppsnCheckLetter('1234567')).toBe('T');
    // With second letter A: 112 + 9 = 121; 121 mod 23 = 6 -> F
    expect(ppsnCheckLetter('1234567', 'A')).toBe('F');
    // W as the second letter counts 0 (old format for married women).
    expect(ppsnCheckLetter('1234567', 'W')).toBe('T');
  });

  it('finds valid numbers, old and new format', () => {
    expectOne('PPS number 1234567T please', 'IE_PPSN', '1234567T', '1234567T');
    expectOne('my PPSN is 1234567FA.', 'IE_PPSN', '1234567FA', '1234567FA');
    expectOne('personal public service no. 1234567TW', 'IE_PPSN', '1234567TW', '1234567TW');
    const alone = expectOne('see 1234567T', 'IE_PPSN', '1234567T');
    expect(alone.score).toBeLessThan(0.9);
  });

  it('rejects a wrong check letter and lower case without context', () => {
    expectNone('PPS number 1234567A', 'IE_PPSN');
    expectNone('PPSN 1234567TA', 'IE_PPSN');
    expectNone('item 1234567t in stock', 'IE_PPSN');
  });

  it('reads a spelled-out number in context', () => {
    const text = 'my pps is one two three four five six seven t';
    const f = expectOne(text, 'IE_PPSN', 'one two three four five six seven t', '1234567T');
    expect(f.spoken).toBe(true);
  });
});

describe('PHONE_NUMBER', () => {
  it('takes in the area code said apart from the seven digits', () => {
    expectOne('call me, area code 212, 555-0198', 'PHONE_NUMBER', '212, 555-0198', '+12125550198');
    const turns: Turn[] = [
      { speaker: 'agent', text: "what's the best number to reach you" },
      { speaker: 'customer', text: 'its area code two one two then five five five oh one nine eight' },
    ];
    const [f] = detectConversation(turns).filter((x) => x.type === 'PHONE_NUMBER');
    expect(turns[1]!.text.slice(f!.start, f!.end)).toBe('two one two then five five five oh one nine eight');
    expect(f!.normalized).toBe('+12125550198');
    // Not an area code (NANP area codes start with 2-9): the local number alone.
    expectOne('call me on area code one two three 555-0198', 'PHONE_NUMBER', '555-0198');
  });

  it('takes a bare number on its own line in an email signature, quoted or not', () => {
    const sig =
      'Can you confirm the address?\n\nBest wishes,\nDonald Pritchard\nInkwell Print\n07700900766\n\nOn Wed';
    expectOne(sig, 'PHONE_NUMBER', '07700900766', '+447700900766');
    const quoted = '> Many thanks,\n> Hannah Jones\n> 07700900805\n> hannah@example.com';
    expectOne(quoted, 'PHONE_NUMBER', '07700900805', '+447700900805');
    expectOne('Kind regards,\nGary Taylor\nDirect: 07700900997', 'PHONE_NUMBER', '07700900997');
    // Not alone on its line, or no sign-off above: the bare run is not taken.
    expectNone('Best wishes,\nDonald\nref 07700900766 attached', 'PHONE_NUMBER');
    expectNone('The proof is attached.\n07700900766\n', 'PHONE_NUMBER');
  });

  it.each([
    ['call me on 07700 900123 please', '07700 900123', '+447700900123'],
    ['my mobile is +44 7700 900123.', '+44 7700 900123', '+447700900123'],
    ['reach me at (415) 555-0123 after six', '(415) 555-0123', '+14155550123'],
    ['office: 020 7946 0123', '020 7946 0123', '+442079460123'],
    ['dial 0044 20 7946 0123 from abroad', '0044 20 7946 0123', '+442079460123'],
    ['toll free 1-800-555-0199', '1-800-555-0199', '+18005550199'],
    ['Dublin landline 01 234 5678', '01 234 5678', '+35312345678'],
    ['text me on 087 123 4567', '087 123 4567', '+353871234567'],
    ['my cell is +1 (212) 555-0187 thanks', '+1 (212) 555-0187', '+12125550187'],
  ])('finds %j', (text, value, e164) => {
    expectOne(text, 'PHONE_NUMBER', value, e164);
  });

  it('accepts fictional but possible numbers by shape or context, not alone', () => {
    // 07700 900xxx is Ofcom's drama range: possible, never valid.
    const shaped = expectOne('07700 900456', 'PHONE_NUMBER', '07700 900456');
    expect(shaped.score).toBeGreaterThanOrEqual(0.5);
    expect(shaped.score).toBeLessThan(0.85);
    expect(expectOne('phone 07700900456', 'PHONE_NUMBER', '07700900456').score).toBeGreaterThanOrEqual(0.85);
    expectNone('it is 07700900456 ok', 'PHONE_NUMBER');
  });

  it('reads spoken numbers, with "plus" for the international prefix', () => {
    const text = 'my number is oh seven seven hundred nine hundred one two three, thanks';
    const f = expectOne(
      text,
      'PHONE_NUMBER',
      'oh seven seven hundred nine hundred one two three',
      '+447700900123',
    );
    expect(f.spoken).toBe(true);
    const plus = 'sure, plus four four seven seven hundred nine hundred four five six';
    expectOne(
      plus,
      'PHONE_NUMBER',
      'plus four four seven seven hundred nine hundred four five six',
      '+447700900456',
    );
    const us = 'call back on four one five five five five zero one two three';
    expectOne(us, 'PHONE_NUMBER', 'four one five five five five zero one two three', '+14155550123');
  });

  it('tries the configured regions in order', () => {
    const text = 'call 087 123 4567';
    expect(of(text, 'PHONE_NUMBER', { phoneRegions: ['US'] })).toHaveLength(0);
    expect(of(text, 'PHONE_NUMBER', { phoneRegions: ['IE'] })[0]?.normalized).toBe('+353871234567');
  });

  it('does not claim cards, dates, times, prices, order numbers or IP addresses', () => {
    const text =
      'Card 4111 1111 1111 1111 expires 12/26, delivered 2026-11-29 at 10:45, total $1,299.99, order 123456, server 192.168.10.20';
    expectNone(text, 'PHONE_NUMBER');
    expectNone('please call about order number 20125550123', 'PHONE_NUMBER');
    expectNone('the account number is 2125550187', 'PHONE_NUMBER');
    expectNone('call me about 3782 822463 10005', 'PHONE_NUMBER');
    expectNone('the meeting on 29.11.2026 at 10:45:30', 'PHONE_NUMBER');
    expectNone('pi is 3.14159265', 'PHONE_NUMBER');
    // A card number outranks a phone reading of its digits.
    expect(detect('call me, my card is 4111 1111 1111 1111').map((f) => f.type)).toEqual(['CREDIT_CARD']);
  });

  it('drops the "(0)" of "+44 (0)20 ..." and keeps a US local number said to be a phone', () => {
    expectOne('tel: +44 (0)20 7946 0123', 'PHONE_NUMBER', '+44 (0)20 7946 0123', '+442079460123');
    expectOne('call me at 555-0123 tonight', 'PHONE_NUMBER', '555-0123', '5550123');
    expectNone('we sold 555-0123 units', 'PHONE_NUMBER');
    expect(of('call me at 555-0123', 'PHONE_NUMBER', { phoneRegions: ['GB', 'IE'] })).toHaveLength(0);
  });

  it('classifies numbers exactly as libphonenumber-js does, with compiled patterns', () => {
    let seed = 3;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed % n;
    };
    const digits = (n: number): string => Array.from({ length: n }, () => String(rnd(10))).join('');
    const prefixes: Record<string, string[]> = {
      US: ['', '1', '2', '4', '8', '011'],
      GB: ['0', '07', '02', '01', '08', '07700', '44', '00'],
      IE: ['0', '08', '01', '353'],
      DE: ['0', '030', '49'],
      IT: ['0', '3', '39'],
      AU: ['0', '04'],
      BR: ['0', '11'],
    };
    const regions = Object.keys(prefixes) as Parameters<typeof classifyNational>[1][];
    const lib = (input: string, region?: Parameters<typeof classifyNational>[1]) => {
      const n = parsePhoneNumberFromString(input, region);
      return n ? [n.number, n.isPossible(), n.isValid()] : null;
    };
    const mine = (c: ReturnType<typeof classifyNational>) => (c ? [c.e164, c.possible, c.valid] : null);
    let valid = 0;
    for (let k = 0; k < 3000; k++) {
      const region = regions[rnd(regions.length)]!;
      const pre = prefixes[region]![rnd(prefixes[region]!.length)]!;
      const national = (pre + digits(7 + rnd(8))).slice(0, 15);
      const expected = lib(national, region);
      if (expected?.[2]) valid++;
      expect(mine(classifyNational(national, region)), `${region} ${national}`).toEqual(expected);
      const intl = (
        ['1', '44', '353', '49', '39', '61', '7', '800', '0'][rnd(9)]! + digits(6 + rnd(9))
      ).slice(0, 15);
      expect(mine(classifyInternational(intl)), `+${intl}`).toEqual(lib(`+${intl}`));
    }
    // The sample must exercise valid numbers, not only rejections.
    expect(valid).toBeGreaterThan(50);
  });

  it('does not read nine digits without a trunk zero as an Irish or UK number', () => {
    expectNone('phone 123456789', 'PHONE_NUMBER');
  });
});

describe('EMAIL_ADDRESS', () => {
  it('finds typed addresses without surrounding punctuation', () => {
    expectOne('email jane.doe@example.com.', 'EMAIL_ADDRESS', 'jane.doe@example.com', 'jane.doe@example.com');
    expectOne(
      'write to <Bob+Tag@Sub.Example.org>',
      'EMAIL_ADDRESS',
      'Bob+Tag@Sub.Example.org',
      'bob+tag@sub.example.org',
    );
    expectOne('("jane@example.co.uk")', 'EMAIL_ADDRESS', 'jane@example.co.uk');
    expectOne('mailto:jane@example.com?subject=hi', 'EMAIL_ADDRESS', 'jane@example.com');
    expectOne('josé@exämple.de', 'EMAIL_ADDRESS', 'josé@exämple.de');
  });

  it('reads quoted local parts and address literals (RFC 5321/5322)', () => {
    expectOne('write to "john..doe"@example.org', 'EMAIL_ADDRESS', '"john..doe"@example.org');
    expectOne('or " "@example.org', 'EMAIL_ADDRESS', '" "@example.org');
    expectOne('postmaster@[192.0.2.1] bounced', 'EMAIL_ADDRESS', 'postmaster@[192.0.2.1]');
    expectOne(
      'try _test@[IPv6:2001:db8::1].',
      'EMAIL_ADDRESS',
      '_test@[IPv6:2001:db8::1]',
      '_test@[ipv6:2001:db8::1]',
    );
    expectNone('see x@[not an address]', 'EMAIL_ADDRESS');
    expectNone('she said "hi"@ me', 'EMAIL_ADDRESS');
  });

  it('takes an address typed with a space beside its "@" when email words stand near it', () => {
    expectOne('email: jane.doe @ gmail.com', 'EMAIL_ADDRESS', 'jane.doe @ gmail.com', 'jane.doe@gmail.com');
    expectOne('my email is jane.doe@ gmail.com thanks', 'EMAIL_ADDRESS', 'jane.doe@ gmail.com');
    expectNone('prices @ amazon.com are lower', 'EMAIL_ADDRESS');
    expectNone('meet @ 5pm by the mail room', 'EMAIL_ADDRESS');
  });

  it('rejects malformed addresses', () => {
    for (const bad of [
      'user@localhost',
      'user@example',
      'a@b.c',
      'x@y..com',
      'jane.@example.com',
      'a..b@example.com',
      '@example.com',
    ]) {
      expectNone(`send to ${bad} now`, 'EMAIL_ADDRESS');
    }
  });

  it('reads a domain that speech recognition split in two, where email words stand near', () => {
    expectOne(
      'send it to info at acme print dot co dot uk',
      'EMAIL_ADDRESS',
      'info at acme print dot co dot uk',
      'info@acmeprint.co.uk',
    );
    expectOne(
      'my email is jane at doe family dot net',
      'EMAIL_ADDRESS',
      'jane at doe family dot net',
      'jane@doefamily.net',
    );
    expectNone("i'm at the office dot com thing", 'EMAIL_ADDRESS');
    expectNone('we met at acme print dot com last year', 'EMAIL_ADDRESS');
  });

  it('reads spoken addresses', () => {
    const a = 'my email is jane dot doe at gmail dot com thanks';
    const f = expectOne(a, 'EMAIL_ADDRESS', 'jane dot doe at gmail dot com', 'jane.doe@gmail.com');
    expect(f.spoken).toBe(true);
    expectOne(
      "it's j doe at example dot co dot uk",
      'EMAIL_ADDRESS',
      'j doe at example dot co dot uk',
      'jdoe@example.co.uk',
    );
    expectOne(
      'yes jane underscore doe at example dot com',
      'EMAIL_ADDRESS',
      'jane underscore doe at example dot com',
      'jane_doe@example.com',
    );
    expectOne(
      'the email is jane doe at gmail dot com',
      'EMAIL_ADDRESS',
      'jane doe at gmail dot com',
      'janedoe@gmail.com',
    );
    expectOne(
      'email address: jane dot doe eighty five at yahoo dot co dot uk',
      'EMAIL_ADDRESS',
      'jane dot doe eighty five at yahoo dot co dot uk',
      'jane.doe85@yahoo.co.uk',
    );
    // Written to fool address harvesters.
    expectOne(
      'email me: john (at) example (dot) com',
      'EMAIL_ADDRESS',
      'john (at) example (dot) com',
      'john@example.com',
    );
    expectOne(
      'contact john[at]example[dot]com',
      'EMAIL_ADDRESS',
      'john[at]example[dot]com',
      'john@example.com',
    );
    // A name spelled letter by letter, "a" and "i" included.
    expectOne(
      'sure its m a r k dot t a y l o r at outlook dot com',
      'EMAIL_ADDRESS',
      'm a r k dot t a y l o r at outlook dot com',
      'mark.taylor@outlook.com',
    );
    expectNone('it is a at gmail dot com', 'EMAIL_ADDRESS');
    // "oh" after a digit is a zero, not the interjection that ends the local part.
    expectOne(
      'email address cathal dot fletcher five oh at hotmail dot com',
      'EMAIL_ADDRESS',
      'cathal dot fletcher five oh at hotmail dot com',
      'cathal.fletcher50@hotmail.com',
    );
    expectOne('oh it is jane at gmail dot com', 'EMAIL_ADDRESS', 'jane at gmail dot com', 'jane@gmail.com');
    expectOne('send the email to jane at gmail', 'EMAIL_ADDRESS', 'jane at gmail', 'jane@gmail.com');
  });

  it('takes a bare webmail provider only when email was asked for, here or in the turn before', () => {
    const turns: Turn[] = [
      { speaker: 'agent', text: "And what's the best email address for you?" },
      { speaker: 'customer', text: "it's jane doe at hotmail" },
    ];
    const found = detectConversation(turns).filter((f) => f.type === 'EMAIL_ADDRESS');
    expect(found.map((f) => [f.turn, turns[f.turn]!.text.slice(f.start, f.end), f.normalized])).toEqual([
      [1, 'jane doe at hotmail', 'janedoe@hotmail.com'],
    ]);
    expectNone("it's jane doe at hotmail", 'EMAIL_ADDRESS');
  });

  it('is not fooled by ordinary uses of "at" and "dot"', () => {
    for (const text of [
      'look at the card dot',
      'at the moment I cannot',
      'I was looking at example dot com yesterday',
      'we arrived at the hotel dot com',
      'I am at gmail dot com headquarters',
      'meet me at five',
      'my friend is at gmail',
    ]) {
      expectNone(text, 'EMAIL_ADDRESS');
    }
  });

  it('runs in linear time on hostile input', () => {
    const analyzer = createAnalyzer({ disable: ['person', 'postal-address'] });
    for (const text of [
      'a'.repeat(1_000_000) + '@',
      'a.'.repeat(500_000),
      '@a'.repeat(500_000),
      'x@'.repeat(500_000),
    ]) {
      const t = performance.now();
      analyzer.detect(text, { types: ['EMAIL_ADDRESS'] });
      expect(performance.now() - t).toBeLessThan(3000);
    }
  });
});

describe('IP_ADDRESS', () => {
  it('reads zero-padded octets as an address only where the text says it is one', () => {
    expectOne('connected from 192.168.001.010 today', 'IP_ADDRESS', '192.168.001.010', '192.168.1.10');
    expectNone('ref 010.020.030.040 on the form', 'IP_ADDRESS');
    expectNone('my ip is 300.001.002.003', 'IP_ADDRESS');
  });

  it('finds IPv4 and IPv6 addresses, scoring context', () => {
    const v4 = expectOne(
      'logged in from 203.0.113.45 yesterday',
      'IP_ADDRESS',
      '203.0.113.45',
      '203.0.113.45',
    );
    expect(v4.score).toBeGreaterThanOrEqual(0.95);
    expect(expectOne('see 198.51.100.7.', 'IP_ADDRESS', '198.51.100.7').score).toBeLessThan(0.95);
    expectOne('ipv6 2001:db8::1 works', 'IP_ADDRESS', '2001:db8::1');
    expectOne(
      'addr 2001:0DB8:85A3:0000:0000:8A2E:0370:7334.',
      'IP_ADDRESS',
      '2001:0DB8:85A3:0000:0000:8A2E:0370:7334',
    );
    expectOne('link-local fe80::1ff:fe23:4567:890a here', 'IP_ADDRESS', 'fe80::1ff:fe23:4567:890a');
    expectOne('mapped ::ffff:192.0.2.1 here', 'IP_ADDRESS', '::ffff:192.0.2.1', '::ffff:192.0.2.1');
    expectOne('[2001:db8::2]:8080', 'IP_ADDRESS', '2001:db8::2');
    const spoken = 'my IP address is one nine two dot one six eight dot one dot twenty';
    const f = expectOne(
      spoken,
      'IP_ADDRESS',
      'one nine two dot one six eight dot one dot twenty',
      '192.168.1.20',
    );
    expect(f.spoken).toBe(true);
    expectNone('version one dot two dot three dot four dot five', 'IP_ADDRESS');
  });

  it('rejects versions, times, MAC addresses and out-of-range octets', () => {
    for (const text of [
      'upgrade to v1.2.3.4 now',
      'version 1.2.3.4 is out',
      'OID 1.3.6.1.4.1 listed',
      'at 10.45 today',
      'at 10:45:30 today',
      'octets 256.1.1.1 bad',
      'mac 00:1a:2b:3c:4d:5e',
      'use std::vector here',
    ]) {
      expectNone(text, 'IP_ADDRESS');
    }
  });
});

describe('DATE_OF_BIRTH', () => {
  it('reads a month name between dashes', () => {
    expectOne('DOB 12-Jan-1980', 'DATE_OF_BIRTH', '12-Jan-1980');
    expectOne('date of birth: 12-JAN-80', 'DATE_OF_BIRTH', '12-JAN-80');
    expectOne('DOB Jan-12-1980', 'DATE_OF_BIRTH', 'Jan-12-1980');
  });

  it.each([
    ['date of birth 03/02/1985', '03/02/1985'],
    ['DOB: 3/2/85', '3/2/85'],
    ['dob 1985-03-02', '1985-03-02'],
    ['I was born on 2 March 1985.', '2 March 1985'],
    ['my birthday is March 2nd, 1985', 'March 2nd, 1985'],
    ['D.O.B. 2nd of March 1985', '2nd of March 1985'],
    ['birth date: Mar 2 1985', 'Mar 2 1985'],
    ['date of birth the second of March nineteen eighty five', 'the second of March nineteen eighty five'],
    ['date of birth is oh three oh two eighty five', 'oh three oh two eighty five'],
    ['born March second nineteen eighty-five', 'March second nineteen eighty-five'],
  ])('finds %j (US month-first default)', (text, value) => {
    expectOne(text, 'DATE_OF_BIRTH', value, '1985-03-02');
  });

  it.each([
    ['my birthday is the 14th of February', 'the 14th of February', '--02-14'],
    ['my date of birth is 14 Feb', '14 Feb', '--02-14'],
    ['born on the fourth of july', 'the fourth of july', '--07-04'],
    ['my birthday is February 14th', 'February 14th', '--02-14'],
    ['DOB: March 3rd', 'March 3rd', '--03-03'],
  ])('finds a day and month without a year right after a birth-date label in %j', (text, value, iso) => {
    expectOne(text, 'DATE_OF_BIRTH', value, iso);
  });

  it('needs the label beside a year-less date, or the question right before it', () => {
    for (const text of [
      "it's a birthday card, I need it by 14 Feb",
      'my birthday is next week, the delivery is due on 14 Feb',
      'I was born in March',
      'my birthday is the 31st of February',
    ]) {
      expectNone(text, 'DATE_OF_BIRTH');
    }
    const question = { speaker: 'agent' as const, text: 'can you confirm your date of birth?' };
    const answer = detectConversation([question, { speaker: 'customer', text: 'yes, the 3rd of March' }]);
    expect(answer.map((f) => [f.turn, f.type, f.normalized])).toEqual([[1, 'DATE_OF_BIRTH', '--03-03']]);
    const later = detectConversation([
      question,
      { speaker: 'customer', text: 'I ordered on the 3rd of March' },
    ]);
    expect(later).toEqual([]);
  });

  it('reads day first outside the US, and lets a part above 12 decide', () => {
    expect(of('date of birth 03/02/1985', 'DATE_OF_BIRTH', { phoneRegions: ['GB'] })[0]?.normalized).toBe(
      '1985-02-03',
    );
    expect(of('dob 25/12/1990', 'DATE_OF_BIRTH')[0]?.normalized).toBe('1990-12-25');
    expect(
      of('born in twenty twenty? no, born on 1 May two thousand and three', 'DATE_OF_BIRTH')[0]?.normalized,
    ).toBe('2003-05-01');
  });

  it('drops dates without context, impossible dates and future years', () => {
    expectNone('delivered 03/02/1985 to the depot', 'DATE_OF_BIRTH');
    expectNone('the order from 2 March 2019 arrived', 'DATE_OF_BIRTH');
    expectNone('date of birth 31/02/1985', 'DATE_OF_BIRTH');
    expectNone('date of birth 1850-01-01', 'DATE_OF_BIRTH');
    expectNone('date of birth 2 March 2999', 'DATE_OF_BIRTH');
    expectNone(
      'I was born in 1985 and have been a customer since 2001. The password reset on 12 March 2024 failed.',
      'DATE_OF_BIRTH',
    );
    const now = new Date(Date.UTC(2026, 10, 29));
    expect(plausibleBirthDate({ y: 2026, m: 11, d: 29 }, now)).toBe(true);
    expect(plausibleBirthDate({ y: 2026, m: 11, d: 30 }, now)).toBe(false);
    expect(plausibleBirthDate({ y: 2000, m: 2, d: 29 }, now)).toBe(true);
    expect(plausibleBirthDate({ y: 1900, m: 2, d: 29 }, now)).toBe(false);
  });

  it('takes context from the security question in the previous turn', () => {
    const turns: Turn[] = [
      { speaker: 'agent', text: 'Before we go on, can you confirm your date of birth?' },
      { speaker: 'customer', text: 'yes, it is the second of March nineteen eighty five' },
    ];
    const found = detectConversation(turns).filter((f) => f.type === 'DATE_OF_BIRTH');
    expect(found).toHaveLength(1);
    expect(found[0]!.turn).toBe(1);
    expect(turns[1]!.text.slice(found[0]!.start, found[0]!.end)).toBe(
      'the second of March nineteen eighty five',
    );
    expect(found[0]!.normalized).toBe('1985-03-02');
    // The same answer without the question is not a birth date.
    expectNone(turns[1]!.text, 'DATE_OF_BIRTH');
  });
});

describe('PASSWORD', () => {
  it.each([
    ['my password is hunter2.', 'hunter2'],
    ['password: Tr0ub4dor&3', 'Tr0ub4dor&3'],
    ['pwd: s3cret!', 's3cret!'],
    ['pw Hunter22 thanks', 'Hunter22'],
    ['the passcode is 8812', '8812'],
    ['PIN is 1234.', '1234'],
    ['the pin number is 4321', '4321'],
    ['login jdoe password Xy9#abc', 'Xy9#abc'],
    ["the password was 'letmein'", 'letmein'],
    ['my password for the portal is Sunsh1ne, ok?', 'Sunsh1ne'],
    ['password: !!!!', '!!!!'],
    // A bare "pass" as a label or after a login, and the value before the cue.
    ['pass: hunter2', 'hunter2'],
    ['user: jdoe pass: hunter2', 'hunter2'],
    ['username jdoe / pass Hunter-22', 'Hunter-22'],
    ['the login is jdoe and the pass is letmein', 'letmein'],
    ['hunter2 is my password', 'hunter2'],
    ['log in with jdoe and Xy9#abc as the password', 'Xy9#abc'],
    ['use Summer2024! as your new password', 'Summer2024!'],
  ])('finds the value in %j', (text, value) => {
    const f = expectOne(text, 'PASSWORD', value, value);
    expect(f.score).toBeGreaterThanOrEqual(0.85);
  });

  it('reads spelled-out passwords and PINs', () => {
    const text = 'my password is capital h e l l o one two three';
    expectOne(text, 'PASSWORD', 'capital h e l l o one two three', 'Hello123');
    expectOne(
      'my password is sunshine one two three thanks',
      'PASSWORD',
      'sunshine one two three',
      'sunshine123',
    );
    expectOne('my pin is four three two one', 'PASSWORD', 'four three two one', '4321');
  });

  it.each([
    ['the password is blue monkey seventy seven', 'blue monkey seventy seven'],
    ['the password is blue monkey one two', 'blue monkey one two'],
    ['my password is blue monkey and my username is jdoe', 'blue monkey'],
    ['my password is fluffy bunny, can you check', 'fluffy bunny'],
    ['the password is Purple Rain.', 'Purple Rain'],
    ['the password is pizza lover thanks', 'pizza lover'],
    // A clause that goes on is talk about the password: its first word alone is taken.
    ["my password is fluffy the cat's name", 'fluffy'],
    ["my password is johnny and it's not working", 'johnny'],
    ['the password is green apple tree house garden party', 'green'],
  ])('reads a passphrase of plain words to the end of its clause in %j', (text, value) => {
    expectOne(text, 'PASSWORD', value, value);
  });

  it('does not take words that talk about the password', () => {
    for (const text of [
      'my password is not working',
      'password reset link sent',
      'the password is incorrect',
      'the password is the same as before',
      'my password is case sensitive',
      'what is your password?',
      "passwords don't match",
      'pin it to the top',
      'the PIN is wrong',
      'I changed my password yesterday',
      // "pass" is everyday speech unless a login or a label makes it a password.
      'my boarding pass is on my phone',
      'as a user my season pass is gold',
      'my bus pass is 2 days old',
      'season pass: yes',
      'can you pass me to billing',
      'that is my password',
      'what was the password?',
    ]) {
      expectNone(text, 'PASSWORD');
    }
  });
});

describe('overlap resolution (core fix)', () => {
  const TYPES: EntityType[] = ['CREDIT_CARD', 'PHONE_NUMBER', 'EMAIL_ADDRESS', 'PERSON', 'US_SSN'];
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed % n;
  };
  /** The original algorithm: greedy, checking every kept finding. */
  function bruteForce(findings: Finding[]): Finding[] {
    const sorted = [...findings].sort(
      (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.type.localeCompare(b.type),
    );
    const kept: Finding[] = [];
    for (const f of sorted) {
      if (f.end <= f.start) continue;
      if (!kept.some((k) => k.start < f.end && f.start < k.end)) kept.push(f);
    }
    return kept.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  it('keeps the same findings as a scan of everything kept', () => {
    for (let round = 0; round < 50; round++) {
      const findings: Finding[] = [];
      const n = 1 + rnd(60);
      for (let i = 0; i < n; i++) {
        const start = rnd(300);
        // Distinct scores keep the greedy order independent of the type table.
        findings.push({
          type: TYPES[rnd(TYPES.length)]!,
          start,
          end: start + rnd(40),
          score: (i + 1) / (n + 1),
          recognizer: 't',
        });
      }
      expect(resolveOverlaps(findings)).toEqual(bruteForce(findings));
    }
  });

  it('is not quadratic in the number of findings', () => {
    const text = 'a@example.com '.repeat(80_000);
    const t = performance.now();
    const found = detect(text, { types: ['EMAIL_ADDRESS'] });
    expect(found).toHaveLength(80_000);
    expect(performance.now() - t).toBeLessThan(4000);
  });
});

describe('split values keep the context said before them', () => {
  it('finds a phone number spoken over two turns after the agent asked for it', () => {
    const turns: Turn[] = [
      { speaker: 'agent', text: "What's the best phone number to reach you on?" },
      { speaker: 'customer', text: 'oh seven seven hundred' },
      { speaker: 'agent', text: 'mhm' },
      { speaker: 'customer', text: 'nine hundred one two three' },
    ];
    const found = detectConversation(turns).filter((f) => f.type === 'PHONE_NUMBER');
    expect(found.map((f) => [f.turn, turns[f.turn]!.text.slice(f.start, f.end), f.split])).toEqual([
      [1, 'oh seven seven hundred', true],
      [3, 'nine hundred one two three', true],
    ]);
    expect(found[0]!.normalized).toBe('+447700900123');
  });
});

describe('values split across turns', () => {
  const part = (turns: Turn[], f: { turn: number; start: number; end: number }) =>
    turns[f.turn]!.text.slice(f.start, f.end);

  it('joins a typed phone number sent in two chat messages', () => {
    const turns: Turn[] = [
      { speaker: 'customer', text: 'you can call me on 07700' },
      { speaker: 'agent', text: 'go on' },
      { speaker: 'customer', text: '900123 after five' },
    ];
    const found = detectConversation(turns).filter((f) => f.type === 'PHONE_NUMBER');
    expect(found.map((f) => [f.turn, part(turns, f), f.split])).toEqual([
      [0, '07700', true],
      [2, '900123', true],
    ]);
    expect(found[0]!.normalized).toBe('+447700900123');
  });

  it('joins a social security number spoken in two turns', () => {
    const turns: Turn[] = [
      { speaker: 'agent', text: 'What is your social security number?' },
      { speaker: 'customer', text: 'it is two three four five six' },
      { speaker: 'agent', text: 'mhm' },
      { speaker: 'customer', text: 'seven eight nine one' },
    ];
    const found = detectConversation(turns).filter((f) => f.type === 'US_SSN');
    expect(found.map((f) => [f.turn, part(turns, f)])).toEqual([
      [1, 'two three four five six'],
      [3, 'seven eight nine one'],
    ]);
    expect(found[0]!.normalized).toBe('234567891');
  });
});

describe('linear time on hostile input', () => {
  const analyzer = createAnalyzer();
  const types: EntityType[] = [
    'US_SSN',
    'UK_NINO',
    'IE_PPSN',
    'PHONE_NUMBER',
    'EMAIL_ADDRESS',
    'IP_ADDRESS',
    'DATE_OF_BIRTH',
    'PASSWORD',
  ];
  it.each([
    ['digit groups', '1 '.repeat(500_000)],
    ['spoken digits', 'one '.repeat(250_000)],
    ['dotted digits', '1.'.repeat(500_000)],
    ['colons', ':'.repeat(1_000_000)],
    ['hex and colons', 'a:'.repeat(500_000)],
    ['at and dot words', 'jane dot doe at '.repeat(62_500)],
    ['password cues', 'password is '.repeat(83_000)],
    ['month names with a birth cue', 'born may 1 '.repeat(90_000)],
    ['letters and digits', 'AB12'.repeat(250_000)],
  ])('%s', (_name, text) => {
    const t = performance.now();
    analyzer.detect(text, { types });
    expect(performance.now() - t).toBeLessThan(5000);
  });
});
