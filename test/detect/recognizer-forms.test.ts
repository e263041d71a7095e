/**
 * Forms of PASSWORD, CARD_EXPIRY, DATE_OF_BIRTH and CARD_CVV as people say and type them, and the
 * false positives those recognizers must not produce.
 */
import { describe, expect, it } from 'vitest';
import type { EntityType, Finding, Turn } from '../../src/detect/index.js';
import { detect, detectConversation } from '../../src/detect/index.js';

const of = (text: string, type: EntityType): Finding[] => detect(text).filter((f) => f.type === type);

/** Exactly one finding of `type`, covering exactly `value` (its first occurrence) in `text`. */
function expectOne(text: string, type: EntityType, value: string, normalized?: string): Finding {
  const found = of(text, type);
  expect(
    found.map((f) => text.slice(f.start, f.end)),
    `${type} in ${JSON.stringify(text)}`,
  ).toHaveLength(1);
  const f = found[0]!;
  const start = text.indexOf(value);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(text.slice(f.start, f.end)).toBe(value);
  expect(f.start).toBe(start);
  if (normalized !== undefined) expect(f.normalized).toBe(normalized);
  return f;
}

function expectNone(text: string, type: EntityType): void {
  const found = of(text, type).map((f) => text.slice(f.start, f.end));
  expect(found, `${type} in ${JSON.stringify(text)}`).toEqual([]);
}

describe('PASSWORD: changes name the new value', () => {
  it.each([
    ['I changed my password to hunter2024 yesterday and now it does not work.', 'hunter2024'],
    ['I changed my password to sunny-river-42 yesterday', 'sunny-river-42'],
    ['I set the password to bluefish99 when I registered', 'bluefish99'],
    ['I set the password as Bluefish99 when I registered', 'Bluefish99'],
    ['my password was reset to Abc123!', 'Abc123!'],
    ['the password is now Tr0ub4dor, I think', 'Tr0ub4dor'],
    ['the PIN has been changed to 4455', '4455'],
    ['password changed to Qwerty!9 last week', 'Qwerty!9'],
    ['my new password is Kitten77', 'Kitten77'],
    ['new password Hunter22! please', 'Hunter22!'],
    ['I updated my password to plain-Text5.', 'plain-Text5'],
  ])('finds the value in %j', (text, value) => {
    expectOne(text, 'PASSWORD', value, value);
  });

  it('reads a spelled value after a change', () => {
    const text = 'i changed my password to capital h e l l o one two three yesterday';
    expectOne(text, 'PASSWORD', 'capital h e l l o one two three', 'Hello123');
    const word = 'i changed my password to sunshine one two three yesterday';
    expectOne(word, 'PASSWORD', 'sunshine one two three', 'sunshine123');
  });

  it('takes "reset it to X" only when "it" is a password', () => {
    expectOne('I forgot my password, so I reset it to Bluebird#7 this morning', 'PASSWORD', 'Bluebird#7');
    expectOne('the password stopped working after I changed it to Maple2020', 'PASSWORD', 'Maple2020');
    // Without a password named, or with an ordinary word as the value, nothing.
    expectNone('I changed it to Maple2020 last night', 'PASSWORD');
    expectNone('my password expired so I reset it to default', 'PASSWORD');
    expectNone('send it to me please', 'PASSWORD');
  });

  it('does not take talk about a change', () => {
    for (const text of [
      'password changed to something else',
      'use the same password as before',
      'I changed my password to the one you sent',
      'the password was reset yesterday',
      'my password is now working',
      // "to"/"as" also start a purpose or a manner: the value must look like a secret there.
      'can you set the password to expire every 90 days',
      'I changed my password to get back in',
      'I reset my password to log in again',
      'password was changed to protect the account',
      'I set my password as instructed',
    ]) {
      expectNone(text, 'PASSWORD');
    }
  });
});

describe('PASSWORD: where a value ends', () => {
  it.each([
    // '?' and '!' are kept: a final symbol is the commonest password shape.
    ['I think the password was Summer12? but it is not accepting it.', 'Summer12?'],
    ['Username is my email, password Xyzab12?.', 'Xyzab12?'],
    ['and the password is Kite99!.\nCheers', 'Kite99!'],
    ['my password is Kite99!, can you check it?', 'Kite99!'],
    // Clause and sentence marks, quotes and brackets at the end are not part of it.
    ['my password is hunter2. Can you check?', 'hunter2'],
    ['my password is hunter2; the user is jdoe', 'hunter2'],
    ['(the password is "Mango#12")', 'Mango#12'],
    // Punctuation inside the token stays.
    ['password: a.b-c:9!x', 'a.b-c:9!x'],
  ])('in %j the value is %j', (text, value) => {
    expectOne(text, 'PASSWORD', value, value);
  });
});

describe('PASSWORD: a final question or exclamation mark does not make a word a secret', () => {
  it.each([
    'Did you change your password recently?',
    'is your password correct?',
    'what is the PIN again?',
    'I reset it to default!',
  ])('%j has no value', (text) => {
    expectNone(text, 'PASSWORD');
  });

  it('takes a PIN without the sentence mark', () => {
    expectOne('is the PIN 4321?', 'PASSWORD', '4321', '4321');
  });
});

const SPOKEN_CARD = 'my card number is four one one one one one one one one one one one one one one one';

describe('CARD_EXPIRY: spoken forms', () => {
  it.each([
    [`${SPOKEN_CARD} expiry nine twenty seven`, 'nine twenty seven'],
    [`${SPOKEN_CARD} expiry oh nine slash two seven`, 'oh nine slash two seven'],
    [`${SPOKEN_CARD} and it expires in march twenty eight`, 'march twenty eight'],
    [`${SPOKEN_CARD} zero nine twenty seven`, 'zero nine twenty seven'],
    [`${SPOKEN_CARD} expiry the ninth month of twenty seven`, 'the ninth month of twenty seven'],
    [`${SPOKEN_CARD} expires september twenty twenty seven`, 'september twenty twenty seven'],
  ])('finds the expiry in %j', (text, value) => {
    const normalized = value.includes('march') ? '03/28' : '09/27';
    expectOne(text, 'CARD_EXPIRY', value, normalized);
  });

  it('takes the answer to "when does the card expire?"', () => {
    for (const [answer, value, normalized] of [
      ["it's nine twenty", 'nine twenty', '09/20'],
      ['zero nine twenty four i think', 'zero nine twenty four', '09/24'],
      ['oh one slash twenty two', 'oh one slash twenty two', '01/22'],
      ['twelve twenty three', 'twelve twenty three', '12/23'],
    ] as const) {
      const turns: Turn[] = [
        { speaker: 'agent', text: 'when does the card expire' },
        { speaker: 'customer', text: answer },
      ];
      const found = detectConversation(turns).filter((f) => f.type === 'CARD_EXPIRY');
      expect(found.map((f) => answer.slice(f.start, f.end))).toEqual([value]);
      expect(found[0]!.normalized).toBe(normalized);
    }
  });
});

describe('CARD_EXPIRY: birth dates and other dates are not expiries', () => {
  it.each([
    ['Card 4111 1111 1111 1111, expiry 11/25. My date of birth is Nov 11, 1986, in case.', 'Nov 11, 1986'],
    ['4111111111111111 (exp 09/21, CVV 959). For verification, my DOB is July 13, 1967.', 'July 13, 1967'],
    [`${SPOKEN_CARD} expiry eleven twenty five. I was born in march nineteen eighty six`, ''],
  ])('in %j only the expiry is an expiry', (text, dob) => {
    const expiries = of(text, 'CARD_EXPIRY');
    expect(expiries, text).toHaveLength(1);
    expect(expiries[0]!.normalized).toBe(text.includes('09/21') ? '09/21' : '11/25');
    if (dob) expectOne(text, 'DATE_OF_BIRTH', dob);
  });

  it('drops dates with a day, and a dated "before 01/11" ahead of the card', () => {
    expectNone('I was charged on 5 Feb 2027 for card 4111 1111 1111 1111', 'CARD_EXPIRY');
    const header = 'Card 4111 1111 1111 1111, exp 08/20. Sent on Tue, 5 Feb 2019 at 12:15';
    expect(of(header, 'CARD_EXPIRY').map((f) => header.slice(f.start, f.end))).toEqual(['08/20']);
    const text = 'please reprint the letterheads before 01/11. Card details: 4111 1111 1111 1111 exp 09/27';
    expect(of(text, 'CARD_EXPIRY').map((f) => f.normalized)).toEqual(['09/27']);
  });
});

describe('DATE_OF_BIRTH: the whole spoken date', () => {
  it.each([
    [
      'i was born on the 3rd of march nineteen eighty six',
      'the 3rd of march nineteen eighty six',
      '1986-03-03',
    ],
    ['date of birth the twelfth of april 1986', 'the twelfth of april 1986', '1986-04-12'],
    [
      'born the twenty-first of may two thousand and one',
      'the twenty-first of may two thousand and one',
      '2001-05-21',
    ],
    ['born on the 4th of july eighty six', 'the 4th of july eighty six', '1986-07-04'],
    [
      'dob is the thirty first of december nineteen ninety',
      'the thirty first of december nineteen ninety',
      '1990-12-31',
    ],
    ['born on the 3rd of march, 1986', 'the 3rd of march, 1986', '1986-03-03'],
    ['dob: march the third, nineteen eighty-six', 'march the third, nineteen eighty-six', '1986-03-03'],
  ])('in %j covers %j', (text, value, normalized) => {
    expectOne(text, 'DATE_OF_BIRTH', value, normalized);
  });

  it('covers the answer to the question in the turn before', () => {
    const turns: Turn[] = [
      { speaker: 'agent', text: 'can you confirm your date of birth please' },
      { speaker: 'customer', text: 'sure the twenty eighth of january two thousand one' },
    ];
    const found = detectConversation(turns).filter((f) => f.type === 'DATE_OF_BIRTH');
    expect(found.map((f) => turns[1]!.text.slice(f.start, f.end))).toEqual([
      'the twenty eighth of january two thousand one',
    ]);
    expect(found[0]!.normalized).toBe('2001-01-28');
  });

  it('gives a birth-date label to one date only', () => {
    const text = 'my DOB is 12/09/1956.\n\nRegards,\nJo\n\nOn Thu, 19 Dec 2024 at 12:20, Sam wrote:';
    expect(of(text, 'DATE_OF_BIRTH').map((f) => text.slice(f.start, f.end))).toEqual(['12/09/1956']);
  });
});

describe('CARD_CVV: the last digits of a card and amounts are not codes', () => {
  const conversation = (...texts: string[]): Turn[] =>
    texts.map((text, i) => ({ speaker: i % 2 === 0 ? 'agent' : 'customer', text }));
  const cvvs = (turns: Turn[]): string[] =>
    detectConversation(turns)
      .filter((f) => f.type === 'CARD_CVV')
      .map((f) => turns[f.turn]!.text.slice(f.start, f.end));

  it('does not take "the card ending 4242" after a security-code question', () => {
    expect(
      cvvs(
        conversation(
          'And the four digit security code please?',
          '4785',
          'Done, the card ending 5492 has been charged.',
        ),
      ),
    ).toEqual(['4785']);
    expect(
      cvvs(
        conversation(
          'and the three digit security code on the back',
          'cvv is 084',
          'done the card ending oh eight five five has been charged',
        ),
      ),
    ).toEqual(['084']);
    expectNone('your card ends in 424, the security code is not needed', 'CARD_CVV');
    expectNone('the cvv is fine, the last four digits are 4242', 'CARD_CVV');
  });

  it('does not take prices said near card and code words', () => {
    for (const price of [
      "thank you i've taken the payment of nine hundred and four euro and ninety nine cents on the card",
      'that has gone through two hundred and forty three pounds on the card',
      'thanks, a total of 129 on the card',
    ]) {
      expect(
        cvvs(conversation('and the three digit security code on the back', 'cvv is 084', price)),
      ).toEqual(['084']);
    }
  });

  it('still takes labelled codes, also described as "the last three digits" or said as a cardinal', () => {
    expectOne('the security code, the last three digits: 123', 'CARD_CVV', '123');
    expectOne('the cvv is one hundred and twenty three', 'CARD_CVV', 'one hundred and twenty three');
    expectOne('security code: 700', 'CARD_CVV', '700');
    expectOne('card 4111 1111 1111 1111 exp 09/27 cvv 123, the card ending 1111', 'CARD_CVV', '123');
  });
});

describe('dates and amounts that only sit near the context words', () => {
  it('a month and year dated before a card is not its expiry', () => {
    const text = 'please print them before Mar 27. Card details: 4111 1111 1111 1111, expiry 09/27';
    expect(of(text, 'CARD_EXPIRY').map((f) => text.slice(f.start, f.end))).toEqual(['09/27']);
  });

  it('a date followed by a new sentence asking for the birth date is not one', () => {
    expectNone(
      'The cards were dispatched at 10:45am on 2019-03-02. And your date of birth?',
      'DATE_OF_BIRTH',
    );
    expectNone('They went out on 02/03/2019.\nWhat is your date of birth?', 'DATE_OF_BIRTH');
    expectOne('02/03/1985 is my date of birth', 'DATE_OF_BIRTH', '02/03/1985');
  });

  it('an amount put through on the card is not a code', () => {
    const turns: Turn[] = [
      { speaker: 'agent', text: 'and the four digit security code on the front' },
      { speaker: 'customer', text: 'cvv is 4321' },
      { speaker: 'agent', text: 'thanks that has gone through twelve forty nine on the card' },
    ];
    const found = detectConversation(turns).filter((f) => f.type === 'CARD_CVV');
    expect(found.map((f) => turns[f.turn]!.text.slice(f.start, f.end))).toEqual(['4321']);
  });
});

describe('DATE_OF_BIRTH: a list under one label', () => {
  it('labels every date of the list', () => {
    const text = 'our dates of birth are 03/02/1985, 04/05/1987 and 1 June 1990';
    expect(of(text, 'DATE_OF_BIRTH').map((f) => f.normalized)).toEqual([
      '1985-03-02',
      '1987-04-05',
      '1990-06-01',
    ]);
  });
});
