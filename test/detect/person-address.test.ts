import { describe, expect, it } from 'vitest';
import {
  type DetectOptions,
  detect,
  detectConversation,
  type Finding,
  plausiblePersonName,
} from '../../src/detect/index.js';
import { AMBIGUOUS_NAMES, FIRST_NAMES } from '../../src/detect/recognizers/lexicon/first-names.js';
import { NOT_NAMES } from '../../src/detect/recognizers/lexicon/not-names.js';
import { personRecognizer } from '../../src/detect/recognizers/person.js';
import { postalAddressRecognizer } from '../../src/detect/recognizers/postal-address.js';
import { TextView } from '../../src/detect/view.js';

const slice = (text: string, f: Finding) => text.slice(f.start, f.end);
const people = (text: string, opts: DetectOptions = {}) => detect(text, { ...opts, types: ['PERSON'] });
const addresses = (text: string, opts: DetectOptions = {}) =>
  detect(text, { ...opts, types: ['POSTAL_ADDRESS'] });

/** Expects exactly one finding and that it covers `expected`, located by search (not hard-coded). */
function expectOne(text: string, found: Finding[], expected: string): Finding {
  expect(found.map((f) => slice(text, f))).toEqual([expected]);
  const f = found[0]!;
  expect(f.start).toBe(text.indexOf(expected));
  expect(f.end).toBe(text.indexOf(expected) + expected.length);
  return f;
}

describe('PERSON: known names', () => {
  it('finds the full name and its parts, case-insensitively, with possessives', () => {
    const text = "Thanks for calling, Jane. Is DOE your surname? I've updated jane's account.";
    const found = people(text, { knownNames: ['Jane Doe'] });
    expect(found.map((f) => slice(text, f))).toEqual(['Jane', 'DOE', 'jane']);
    expect(found.every((f) => f.score === 0.95)).toBe(true);
    expect(found.map((f) => f.normalized)).toEqual(['jane', 'doe', 'jane']);
  });

  it('reports a full name written with other spacing or surname first as one finding', () => {
    for (const written of ['Jane Doe', 'Jane  Doe', 'Jane\nDoe', 'Doe, Jane']) {
      const text = `The order was placed by ${written} last week`;
      const f = expectOne(text, people(text, { knownNames: ['Jane Doe'] }), written);
      expect(f.score).toBe(0.95);
    }
  });

  it('matches at word boundaries only, and not inside email addresses', () => {
    const known = { knownNames: ['Jane Doe'] };
    // Janet is someone mentioned (a first name, then "from"); "Jane" and "Doe" are not found inside words.
    const text = 'Janet from Doeville called';
    expect(people(text, known).map((f) => text.slice(f.start, f.end))).toEqual(['Janet']);
    expect(people('janet from doeville called', known)).toHaveLength(0);
    expect(people('write to jane.doe@example.com or jane@example.com', known)).toHaveLength(0);
  });

  it('matches a known name with accents written without them', () => {
    const text = 'sean murphy said the proofs were fine, and Siobhan agreed';
    const found = people(text, { knownNames: ['Seán Murphy', 'Siobhán Kelly'] });
    expect(found.map((f) => slice(text, f))).toEqual(['sean murphy', 'Siobhan']);
  });

  it('takes an everyday-word name in lower case after the agent\'s "thanks for calling"', () => {
    const text = 'thanks for calling mark have a lovely day';
    expect(people(text, { knownNames: ['Mark Hughes'] }).map((f) => slice(text, f))).toEqual(['mark']);
    expect(people('please mark it as urgent', { knownNames: ['Mark Hughes'] })).toHaveLength(0);
  });

  it('needs a capital letter mid-sentence for name parts that are everyday words', () => {
    const known = { knownNames: ['Will Brown'] };
    expect(people('I will check the brown envelope. Will you hold?', known)).toHaveLength(0);
    const text = 'Thanks, Will. Mr Brown is on the other line';
    expect(people(text, known).map((f) => slice(text, f))).toEqual(['Will', 'Brown']);
  });

  it('leaves names inside email addresses to the email recognizer', () => {
    const known = { knownNames: ['Amanda Kavanagh', 'Orla Johnson'] };
    expect(people("It's Orla-johnson@icloud.com.", known)).toHaveLength(0);
    expect(people('you can email me at kavanagh dot amanda at aol dot com', known)).toHaveLength(0);
    const text = 'amanda kavanagh here, my email is on the account';
    expect(people(text, known).map((f) => slice(text, f))).toEqual(['amanda kavanagh']);
  });

  it('does not find a known surname inside a double-barrelled one', () => {
    const text = 'The cards are for Melissa Smith-Jones, the name on them is wrong';
    const found = people(text, { knownNames: ['Charlotte Jones'] });
    expectOne(text, found, 'Melissa Smith-Jones');
  });

  it('lets a name found by a cue win over the known part inside it', () => {
    const text = 'Hi Jane Smith, thanks for your order';
    const f = expectOne(text, people(text, { knownNames: ['Jane Doe'] }), 'Jane Smith');
    expect(f.score).toBe(0.95);
  });

  it('joins known parts across a particle and across known people sharing a surname', () => {
    const text = 'Regards, Fionn Ó Súilleabháin';
    expectOne(text, people(text, { knownNames: ['Fionn Ó Súilleabháin'] }), 'Fionn Ó Súilleabháin');
    const t2 = 'Many thanks,\nLaura Owen\nCustomer Care';
    expectOne(t2, people(t2, { knownNames: ['Mark Owen', 'Laura Owen'] }), 'Laura Owen');
  });

  it('takes a lower-case known name that is an everyday word where it is addressed', () => {
    const known = { knownNames: ['Poppy Hernandez', 'Will Brown'] };
    for (const [text, name] of [
      ['thanks poppy have a great day', 'poppy'],
      ['good morning inkwell print poppy speaking', 'poppy'],
      ["no thanks you've been very helpful poppy", 'poppy'],
      ['sure, noah white', null],
    ] as const) {
      const found = people(text, known);
      if (name === null) expect(found).toHaveLength(0);
      else expectOne(text, found, name);
    }
    expect(people('yes it will, i will check', known)).toHaveLength(0);
    const text = 'sure, will brown';
    expectOne(text, people(text, known), 'will brown');
  });

  it('ignores titles and one-letter initials in known names', () => {
    const text = 'Dr Patel will call you back';
    const found = people(text, { knownNames: ['Dr. A. Patel'] });
    expect(found.map((f) => slice(text, f))).toEqual(['Patel']);
  });
});

describe('PERSON: cues in calls, chats and emails', () => {
  it.each([
    ['Hello, my name is Jane Doe and I am calling about my order', 'Jane Doe'],
    ['my name is jane doe and i need help with my flyers', 'jane doe'],
    ['Hi, my first name is Aoife', 'Aoife'],
    ['Name: Jane Doe', 'Jane Doe'],
    ['the name is on the order, it is bríd', 'bríd'],
    ['This is Siobhán from Acme Print, how can I help?', 'Siobhán'],
    ['hi this is aoife from acme print how can i help', 'aoife'],
    ["Good afternoon, you're speaking with Niamh, how can I help?", 'Niamh'],
    ['good morning you are speaking with siobhan how can i help', 'siobhan'],
    ["hi it's Seán here from the print shop", 'Seán'],
    ['Jane speaking, how can I help?', 'Jane'],
    ["I'm Jane, I'll be looking after your order today", 'Jane'],
    ['Hi Jane, thanks for waiting', 'Jane'],
    ['hello aoife how are you', 'aoife'],
    ['thanks niamh that sorted it', 'niamh'],
    ['Good morning Seán, your cards shipped today', 'Seán'],
    ['Dear Mr Smith,\nYour order has shipped.', 'Smith'],
    // Someone talked about, with no cue: a common first name and a word that makes it a person.
    ['Mike said it would be refunded', 'Mike'],
    ['Thanks. Tom is off today, can I help?', 'Tom'],
    ['I was talking to Priya earlier', 'Priya'],
    ['Ask Maria to call me back', 'Maria'],
    ['Kevin helped me last time', 'Kevin'],
    ['Priya Raman called about the refund', 'Priya Raman'],
    // Names that start with initials, under a sign-off or after a cue.
    ['Regards,\nJ. Smith', 'J. Smith'],
    ['Thanks,\nJ Smith\nAcme Ltd', 'J Smith'],
    ['Best,\nA.B. Okafor', 'A.B. Okafor'],
    ['Sincerely,\nJ. R. R. Tolkien', 'J. R. R. Tolkien'],
    ['this is J. Smith from billing', 'J. Smith'],
    ['Thank you, Dr. Patel, we will call back', 'Patel'],
    ['Kind regards,\nJane Doe\nAcme Print Customer Care', 'Jane Doe'],
    ['Best,\nJane', 'Jane'],
    ['Sincerely, Jane Doe', 'Jane Doe'],
    ['Thanks again for your patience.\n-- \nJane Doe\nAcme Print', 'Jane Doe'],
    ['Please reply to this email.\n\nThanks,\n\nCiarán', 'Ciarán'],
    // A quoted reply signs off behind its quote marks.
    ['> Thanks for getting in touch.\n> Kind regards,\n> Tom Baker\n> Customer Care', 'Tom Baker'],
    ['> > Best,\n> > Jane', 'Jane'],
    ['From: Jane Doe <jane@example.com>', 'Jane Doe'],
    ['On Mon, 2 Sep 2019 at 10:00, Jane Doe <jane@example.com> wrote:', 'Jane Doe'],
    ['call me Tadhg, everyone does', 'Tadhg'],
    ['yeah hi its niamh obrien here', 'niamh obrien'],
    ['Hi everyone, Jane here from the print shop', 'Jane'],
    ['Sorry, is this Aoife?', 'Aoife'],
    ['Thanks for your help, Siobhán.', 'Siobhán'],
    ['Could I speak to Ciarán please', 'Ciarán'],
    ['i am john smith and i ordered flyers', 'john smith'],
    ["thanks for holding you're speaking with mark", 'mark'],
    ['Could you send the replacement to my colleague Fatima Price at the same address?', 'Fatima Price'],
    ['Please put the invoice to the attention of Kwame Byrne, our accountant.', 'Kwame Byrne'],
    ['please put the invoice to the attention of evie thompson our accountant', 'evie thompson'],
    ['It was Rhys Russo from your team who called me', 'Rhys Russo'],
    ['The cards are for Piotr Nowak, the name on them is wrong', 'Piotr Nowak'],
    ['my colleague tomasz nowak will collect them', 'tomasz nowak'],
    ['thank you mr cook', 'cook'],
    ['Dear Ms. Ó Súilleabháin,', 'Ó Súilleabháin'],
    ['Hi Leo Ní Bhriain, your proofs are ready', 'Leo Ní Bhriain'],
  ])('%j', (text, expected) => {
    const f = expectOne(text, people(text), expected);
    expect(f.score).toBeGreaterThanOrEqual(0.85);
    expect(f.normalized).toBe(expected.toLowerCase().replace(/\s+/g, ' '));
  });

  const CUES = [
    'my name is {}, and',
    "name's {} and",
    'this is {} from the print shop',
    "it's {} here",
    'it was {} from your team',
    "i'm {} and",
    "you're speaking with {} now",
    "you've reached {} at the print shop",
    'is this {}?',
    'hello, {} speaking',
    'hi everyone, {} here',
    'you can call me {} if you like',
    'hi {}, how are you',
    'hello {} and welcome',
    'hey {}!',
    'dear {},',
    'thanks {} for that',
    'thank you {}, bye',
    'cheers {}',
    'good morning {}, welcome',
    'bye {}',
    'welcome back {}',
    'kind regards,\n{}',
    'best,\n{}',
    'sincerely, {}',
    'thanks,\n{}',
    '--\n{}',
    'my colleague {} will collect it',
    'for the attention of {}, please',
    'can i speak to {} please',
    'the cards are for {} and her family',
  ];

  it.each(CUES)('finds the name in %j, capitalised and in lower case', (cue) => {
    for (const name of ['Siobhán', 'siobhán']) {
      const text = cue.replace('{}', name);
      const sentence = name === 'Siobhán' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
      expectOne(sentence, people(sentence), name);
    }
  });

  it('reads a name spelled out letter by letter', () => {
    const text = "and the surname is spelled D O Y L E, that's right";
    const f = expectOne(text, people(text), 'D O Y L E');
    expect(f.normalized).toBe('doyle');
    const call = "my name is jane and that's j-a-n-e";
    expect(people(call).map((x) => slice(call, x))).toEqual(['jane', 'j-a-n-e']);
  });

  it('does not take a spelled reference or postcode for a name', () => {
    expect(people("can you spell that? it's A B 1 2 C D")).toHaveLength(0);
    expect(people("that's a lot of cards")).toHaveLength(0);
  });

  it('reads "Last, First" display names in reading order', () => {
    const text = '"Doe, Jane" <jane@example.com>';
    const f = expectOne(text, people(text), 'Doe, Jane');
    expect(f.normalized).toBe('jane doe');
  });

  it.each([
    'hi there',
    'Hi there, thanks again',
    'hello everyone',
    'Dear customer,',
    'Dear Valued Customer,',
    'Dear Sir or Madam,',
    'this is Acme support',
    'This is Acme Support, how can we help?',
    'my name is on the account',
    'my name is spelled wrong on the invoice',
    "I'm sorry",
    "I'm fine",
    "I'm calling about my order",
    "I'm Irish, so the address is in Ireland",
    "Hi Team, I'm writing about order 4411",
    'Hello Acme Support',
    'Thank you so much',
    'Thanks For Your Help',
    'Generally speaking, no',
    'The file name is report.pdf',
    'The company name: Acme Ltd',
    'Thanks,\nThe Acme Team',
    'Regards,\nCustomer Services',
    'Regards,\nA Team member',
    // First names that are as often places, or everyday words, are not taken without a cue.
    'I am flying to Jordan next week',
    'shipping to Georgia is free',
    'Will you call me back?',
    'May I help with anything else?',
    'Grace period ends tomorrow',
    'the Victoria line is delayed',
    'thanks A lot',
    'Note:\nA. Do this\nB. Do that',
    'who am I speaking with?',
    "no that's everything thanks bye",
    'it is what it is',
    'this is ridiculous from start to finish',
    'This is the best price we can offer',
    "It's Monday here",
    'I am calling from 12 Oak Dr about my delivery',
    'the colours look wrong, and MS Teams keeps crashing',
    'Hi, I need help with my order',
    'one double mocha and a triple latte please',
    "it's April 10, 1960",
    'i only asked for sixteen brochures',
    'my manager said no',
    'my husband insists on the matte finish',
    'i use ms teams for calls',
    'you can email me at kavanagh dot amanda at aol dot com',
  ])('finds no person in %j', (text) => {
    expect(people(text)).toHaveLength(0);
  });

  it('scores a capitalised unknown word after a weak cue low, a known first name higher', () => {
    const [unknown] = people('Hi Zorblax, your order has shipped');
    expect(unknown?.score).toBe(0.6);
    expect(people('Hi Zorblax, your order has shipped', { minScore: 0.7 })).toHaveLength(0);
    const [known] = people('Hi Aoife, your order has shipped');
    expect(known?.score).toBe(0.85);
    const [strong] = people('My name is Zorblax Quint');
    expect(strong?.score).toBeGreaterThanOrEqual(0.85);
  });

  it('only counts common-word names in lower case after a strong cue', () => {
    expect(people('this is grace under pressure')).toHaveLength(0);
    const text = 'my name is grace and i ordered cards';
    expect(people(text).map((f) => slice(text, f))).toEqual(['grace']);
  });

  it.each([
    ['Thanks for calling, Jane, have a lovely day.', 'Jane'],
    ['You are welcome Priya, take care.', 'Priya'],
    ['No thanks, you have been very helpful Tomasz.', 'Tomasz'],
    ['Okay Siobhan, one moment.', 'Siobhan'],
    // Outside the lexicon, a strong courtesy phrase and the clause ending after the name.
    ['You are welcome Zorblax, take care.', 'Zorblax'],
    ['Thanks for calling, Zorblax, have a great day.', 'Zorblax'],
    ['thanks for calling tomasz have a lovely day', 'tomasz'],
    ['Thank you for your patience, Mr Lee.', 'Lee'],
    ['you are welcome jane take care bye', 'jane'],
    ['thanks for calling siobhan have a lovely day', 'siobhan'],
    ['okay jane one moment', 'jane'],
    ['good morning inkwell print jane speaking', 'jane'],
  ])('finds the name addressed after a courtesy phrase in %j', (text, name) => {
    expect(people(text).map((f) => slice(text, f))).toEqual([name]);
  });

  it.each([
    // Speech outside the lexicon: the turn ends after the word, or the next clause starts.
    ['thanks tomasz have a great day', 'tomasz'],
    ["no that's everything thanks ingvild", 'ingvild'],
    ['hi kwabena my name is', 'kwabena'],
    ['inkwell print this is zorblax how can i help', 'zorblax'],
    // Written introductions and quoted greetings.
    ['Hi there, Zorblax here from the support team.', 'Zorblax'],
    ["Hi, you're chatting with Zorblax. How can I help?", 'Zorblax'],
    ['> Dear Zorblax,\n> thanks for your order', 'Zorblax'],
  ])('finds a name outside the lexicon where the talk marks it off in %j', (text, name) => {
    expect(people(text).map((f) => slice(text, f))).toEqual([name]);
  });

  it.each([
    ["The account's under Sinead O'Connor.", "Sinead O'Connor"],
    ['He goes by Bob.', 'Bob'],
    ['I spoke with someone called Brenda yesterday.', 'Brenda'],
    ['yeah i spoke to a lady called brenda yesterday', 'brenda'],
    ['she is known as Niamh', 'Niamh'],
  ])('finds a lexicon name after "called", "under", "goes by" in %j', (text, name) => {
    expect(people(text).map((f) => slice(text, f))).toEqual([name]);
  });

  it('takes nothing but a lexicon name after "called", "named" or "under"', () => {
    for (const text of [
      'a company called Blue Sky Printing',
      'under Section Five of the terms',
      'it is under warranty',
      'I called Acme yesterday',
      'the file named Report',
      'a shop called Harvey',
      'the app is called Chase',
      'a company named Tiffany',
      "it's called Tiffany",
    ]) {
      expect(people(text)).toEqual([]);
    }
  });

  it('takes no unknown word after thanks or hi when the talk goes on', () => {
    for (const text of [
      'thanks loads for that',
      'thanks again have a good day',
      'hi there my name is',
      'this is crazy how long it takes',
      'Hi there, Support here.',
      'okay great have a nice day',
    ]) {
      expect(people(text)).toEqual([]);
    }
  });

  it('takes no brand written in CamelCase after a greeting, but keeps names with capital prefixes', () => {
    for (const text of ['Good morning, PrintCo.', 'Thanks FedEx!', 'Hi PayPal team'])
      expect(people(text)).toEqual([]);
    for (const [text, name] of [
      ['Hi McDonald,', 'McDonald'],
      ['Dear MacLeod,', 'MacLeod'],
      ['Hi DeShawn, thanks', 'DeShawn'],
    ]) {
      expect(people(text!).map((f) => slice(text!, f))).toEqual([name]);
    }
  });

  it('takes no name after a courtesy phrase that addresses none', () => {
    // "Thank you for calling" names the company as often: a lexicon first name only.
    const opening = 'Thank you for calling Acme, my name is Dana.';
    expect(people(opening).map((f) => slice(opening, f))).toEqual(['Dana']);
    for (const text of [
      'thank you for calling acme my name is',
      'Thanks for calling Zorbco, how can I help?',
      'you are welcome anytime',
      'thanks awesome have a great day',
      'Okay Zorblax, one moment.',
      'Okay Visa, one moment.',
      'Perfect, thanks.',
      'Of course, Monday works.',
      'No problem, Amazon will refund you.',
      'thanks for holding',
      "You're welcome!",
      'the person speaking was rude',
      'mark speaking',
    ]) {
      expect(people(text)).toEqual([]);
    }
  });

  it('finds names in a lower-case call transcript turn by turn, with known names', () => {
    const turns = [
      {
        speaker: 'agent' as const,
        text: 'thank you for calling acme print you are speaking with sam how can i help',
      },
      { speaker: 'customer' as const, text: 'hi sam yeah my name is jane doe' },
      { speaker: 'agent' as const, text: 'thanks jane can you spell the surname for me' },
      { speaker: 'customer' as const, text: "sure that's d o e" },
    ];
    const found = detectConversation(turns, { types: ['PERSON'], knownNames: ['Jane Doe', 'Sam Agent'] });
    const got = found.map((f) => [f.turn, turns[f.turn]!.text.slice(f.start, f.end)]);
    expect(got).toEqual([
      [0, 'sam'],
      [1, 'sam'],
      [1, 'jane doe'],
      [2, 'jane'],
      [3, 'd o e'],
    ]);
  });
});

describe('PERSON: a name given on request', () => {
  const answer = (question: string, reply: string): string[] => {
    const turns = [
      { speaker: 'agent' as const, text: question },
      { speaker: 'customer' as const, text: reply },
    ];
    return detectConversation(turns, { types: ['PERSON'] })
      .filter((f) => f.turn === 1)
      .map((f) => reply.slice(f.start, f.end));
  };

  it.each([
    ['may I have your full name please?', 'Jean-Luc Picard', 'Jean-Luc Picard'],
    ['can I take your name?', "yes, it's Priya Raman", 'Priya Raman'],
    ['and your surname?', 'Okafor', 'Okafor'],
    ['who am I speaking with?', 'Daniel Okoye, thanks', 'Daniel Okoye'],
    ['who do I have the pleasure of speaking with?', 'Zorblax Quint', 'Zorblax Quint'],
    ['can I get your name please?', 'john smith', 'john smith'],
    ['can I get your name please?', 'siobhan', 'siobhan'],
    ['and the name on the card?', 'Mr J Smith', 'J Smith'],
    ['could you spell your surname for me?', "sure, it's K O W A L S K I", 'K O W A L S K I'],
  ])('after %j reads %j', (question, reply, name) => {
    expect(answer(question, reply)).toEqual([name]);
  });

  it('takes nothing that is not a name, or after a question for something else', () => {
    expect(answer('can I get your name please?', 'sorry, why do you need it?')).toEqual([]);
    expect(answer('can I get your name please?', 'Billing Department')).toEqual([]);
    expect(answer('can I get your name please?', 'hold on')).toEqual([]);
    expect(answer('your first name please?', 'OK')).toEqual([]);
    expect(answer("what's the name of the product?", 'Widget Pro')).toEqual([]);
    // A long turn is a sentence, not a name given on request.
    expect(
      answer(
        'can I get your name?',
        'Widget Pro Deluxe is what I ordered and it never arrived at all, honestly',
      ),
    ).toEqual([]);
    // Without the question the bare name has no cue.
    expect(people('Jean-Luc Picard')).toEqual([]);
  });

  it('reads the name an account or a booking is under', () => {
    for (const [text, name] of [
      ['the account is under the name of Wei Chen', 'Wei Chen'],
      ["it's booked under the name Jane Doe", 'Jane Doe'],
      ['the account is under the name of wei chen', 'wei chen'],
    ]) {
      expect(people(text!).map((f) => slice(text!, f))).toEqual([name]);
    }
    expect(people("what's the name of Acme's CEO")).toEqual([]);
  });
});

describe('PERSON: lexicon', () => {
  it('holds common US, UK and Irish first names, with and without the fada', () => {
    for (const n of ['jane', 'john', 'siobhán', 'siobhan', 'niamh', 'aoife', 'seán', 'sean', 'oisín']) {
      expect(FIRST_NAMES.has(n)).toBe(true);
    }
    expect(FIRST_NAMES.size).toBeGreaterThan(300);
  });

  it('holds the long generated list, everyday words in it only as ambiguous names', () => {
    expect(FIRST_NAMES.size).toBeGreaterThan(7000);
    for (const n of ['ingrid', 'gwendolyn', 'bartholomew', 'siobhan']) expect(FIRST_NAMES.has(n)).toBe(true);
    for (const n of ['grace', 'hunter', 'doe', 'april']) expect(AMBIGUOUS_NAMES.has(n)).toBe(true);
    for (const n of ['monday', 'avenue', 'street']) expect(FIRST_NAMES.has(n)).toBe(false);
  });

  it('tells a person-like name from other label text', () => {
    for (const n of ['Jane Doe', 'Dana', "Siobhán O'Brien", 'Priya Raman'])
      expect(plausiblePersonName(n)).toBe(true);
    for (const n of ['Chat Started', 'Guest', 'Billing Team', 'Support', '', 'Jane Doe Smith Jones Extra'])
      expect(plausiblePersonName(n)).toBe(false);
  });

  it('has no word that is both a first name and a non-name', () => {
    expect([...FIRST_NAMES].filter((n) => NOT_NAMES.has(n))).toEqual([]);
  });
});

describe('POSTAL_ADDRESS: US', () => {
  it.each([
    [
      'I live at 123 Main Street, Springfield, IL 62704 thanks',
      '123 Main Street, Springfield, IL 62704',
      0.95,
    ],
    [
      'my address is 12 Oak Ave Apt 4B, Austin, TX 78701-1234.',
      '12 Oak Ave Apt 4B, Austin, TX 78701-1234',
      0.95,
    ],
    ['ship it to 350 5th Ave, New York, NY 10118 please', '350 5th Ave, New York, NY 10118', 0.95],
    ['it goes to 1600 Broadway, New York, New York', '1600 Broadway, New York, New York', 0.9],
    ['the office is at 123 N Main St NW, Suite 200 downtown', '123 N Main St NW, Suite 200', 0.85],
    ['we moved to 221B Baker Street last year', '221B Baker Street', 0.85],
    ['deliver to 12 St Johns Road please', '12 St Johns Road', 0.85],
    ['please send it to 10 Main St. and call first', '10 Main St.', 0.85],
    ['12 Abbey Way', '12 Abbey Way', 0.85],
    ['the shop is at 12-14 High Street now', '12-14 High Street', 0.85],
  ])('%j', (text, expected, score) => {
    const f = expectOne(text, addresses(text), expected);
    expect(f.score).toBe(score);
  });

  it('covers a multi-line address as one finding', () => {
    const text = 'Ship to:\n44 Elm Road\nApt 5\nSpringfield, IL 62704\nThanks';
    expectOne(text, addresses(text), '44 Elm Road\nApt 5\nSpringfield, IL 62704');
  });

  it('normalizes to lower case with single spaces', () => {
    const [f] = addresses('12 Oak  Ave,\nAustin, TX 78701');
    expect(f?.normalized).toBe('12 oak ave austin tx 78701');
  });

  it('takes a ZIP code alone only in context', () => {
    const text = 'my zip code is 62704';
    expect(expectOne(text, addresses(text), '62704').score).toBe(0.9);
    expect(addresses('order 62704 shipped')).toHaveLength(0);
    expect(addresses('it cost 62704 dollars')).toHaveLength(0);
    expect(addresses('what is your zip code?\nTel: 07700 900722')).toHaveLength(0);
    const city = 'Springfield, IL 62704';
    expectOne(city, addresses(city), city);
  });

  it('finds P.O. boxes with their number and what follows', () => {
    const text = 'mail it to PO Box 123, Springfield, IL 62704 please';
    expect(expectOne(text, addresses(text), 'PO Box 123, Springfield, IL 62704').score).toBe(0.95);
    const short = 'P.O. Box 45';
    expectOne(short, addresses(short), 'P.O. Box 45');
    expect(addresses('check your inbox 45 times')).toHaveLength(0);
  });

  it('needs capitals or address context for suffixes that are everyday words', () => {
    expect(addresses('we have 12 abbey way')).toHaveLength(0);
    const text = 'please deliver to 12 abbey way';
    expect(expectOne(text, addresses(text), '12 abbey way').score).toBe(0.85);
  });

  it.each([
    'delivery takes 2 days',
    'Order 12345 is on its way',
    'version 3 way merge',
    'see you at 10 pm',
    'there are 3 drive-thrus nearby',
    'the 2 street lights outside',
    'I bought 2 new road bikes',
    'I need 2 external hard drive units',
    'at 10:30 Main Street was closed',
    'it costs $12 Main Street prices',
    'card 4111 1111 1111 1111 please',
    'I ordered 500 business cards for the Court case',
    "It's a 5 Minute Walk from the station",
    'Meet at 10 AM Drive time',
    'We printed 500 Oak Park flyers',
  ])('finds no address in %j', (text) => {
    expect(addresses(text)).toHaveLength(0);
  });
});

describe('POSTAL_ADDRESS: UK and Ireland', () => {
  it.each([
    ['ship to 10 Downing Street, London SW1A 2AA please', '10 Downing Street, London SW1A 2AA', 0.95],
    ['Flat 3, 14 High Street, Anytown AB1 2DE', 'Flat 3, 14 High Street, Anytown AB1 2DE', 0.95],
    ['Rose Cottage, Mill Lane, Anytown AB1 2DE', 'Rose Cottage, Mill Lane, Anytown AB1 2DE', 0.95],
    ['send it to 7 Main Street, Dublin 8, D08 X2Y3', '7 Main Street, Dublin 8, D08 X2Y3', 0.95],
    [
      'Apartment 4, The Maltings, Main Street, Dublin 8, D08 X2Y3',
      'Apartment 4, The Maltings, Main Street, Dublin 8, D08 X2Y3',
      0.95,
    ],
    ['12 Main Street, Ballymore, Co. Kildare', '12 Main Street, Ballymore, Co. Kildare', 0.9],
    ['The eircode is D02 X285', 'D02 X285', 0.95],
    ['Eircode: A65F4E2', 'A65F4E2', 0.95],
    ['A65F4E2', 'A65F4E2', 0.85],
    ['SW1A 2AA', 'SW1A 2AA', 0.85],
    ['my postcode is sw1a 2aa', 'sw1a 2aa', 0.95],
    ['GIR 0AA', 'GIR 0AA', 0.85],
    ['it is in EC1A 1BB near the station', 'EC1A 1BB', 0.85],
  ])('%j', (text, expected, score) => {
    const f = expectOne(text, addresses(text), expected);
    expect(f.score).toBe(score);
  });

  it('covers a UK address over several lines as one finding', () => {
    const text = '14 Church Road\nAnytown\nAB1 2DE';
    expectOne(text, addresses(text), text);
  });

  it('follows the postcode format rules', () => {
    expect(addresses('code AB1 2CD')).toHaveLength(0); // C is never in the inward code
    expect(addresses('code QA1 1AA')).toHaveLength(0); // Q starts no postcode area
    expect(addresses('code W1I 1AA')).toHaveLength(0); // I is not a third-position letter
    expect(addresses('code sw1a 2aa')).toHaveLength(0); // lower case without context
    expect(addresses('the SKU is AB12 3DE0')).toHaveLength(0);
  });

  it('needs context for Eircodes with an unlisted routing key or no digit', () => {
    expect(addresses('ref A11 C2D3')).toHaveLength(0);
    const text = 'my eircode is A11 C2D3';
    expectOne(text, addresses(text), 'A11 C2D3');
    expect(addresses('A10 TEXT')).toHaveLength(0);
  });

  it('does not take an order reference for an Eircode, even near address words', () => {
    expect(addresses('same address? Could you check order A253306?')).toHaveLength(0);
    expect(addresses('My order A676723 was late')).toHaveLength(0);
  });
});

describe('POSTAL_ADDRESS: spoken', () => {
  it('reads a spoken unit, town, state and ZIP after the street', () => {
    const text = 'one two three four elm street apartment five b springfield illinois six two seven oh four';
    const found = addresses(text);
    expect(found.map((f) => slice(text, f))).toEqual([text]);
    expect(found[0]!.score).toBe(0.95);
    const suite = 'it is forty two maple avenue suite twelve austin texas seven eight seven oh one please';
    expect(addresses(suite).map((f) => slice(suite, f))).toEqual([
      'forty two maple avenue suite twelve austin texas seven eight seven oh one',
    ]);
  });

  it('ends a town at its state, typed too', () => {
    const text = '12 Main St, Kansas City Missouri 64105';
    expect(addresses(text).map((f) => slice(text, f))).toEqual([text]);
  });

  it('reads spoken house numbers through number spans', () => {
    const text = 'yeah so i live at one two three main street in springfield';
    const f = expectOne(text, addresses(text), 'one two three main street');
    expect(f.spoken).toBe(true);
    const t2 = 'it is twenty two baker street';
    expectOne(t2, addresses(t2), 'twenty two baker street');
  });

  it('reads a spoken ZIP code after a ZIP label only', () => {
    const text = 'and my zip is nine oh two one oh thanks';
    const f = expectOne(text, addresses(text), 'nine oh two one oh');
    expect(f.score).toBe(0.9);
    expect(f.spoken).toBe(true);
    expect(addresses('i have nine oh two one oh reasons')).toHaveLength(0);
  });

  it('reads a postcode or Eircode spelled out after its label', () => {
    for (const [text, code, normalized] of [
      ['my postcode is s w one a two a a thanks', 's w one a two a a', 'sw1a 2aa'],
      [
        'the postcode is sierra whiskey one alpha, two alpha alpha',
        'sierra whiskey one alpha, two alpha alpha',
        'sw1a 2aa',
      ],
      ['eircode is d oh eight x two y three', 'd oh eight x two y three', 'd08 x2y3'],
      ['postcode, um, b one two three d e', 'b one two three d e', 'b12 3de'],
    ] as const) {
      const f = expectOne(text, addresses(text), code);
      expect(f.normalized).toBe(normalized);
      expect(f.spoken).toBe(true);
    }
    expect(addresses('my postcode is the same as before')).toHaveLength(0);
  });

  it('reads a spelled postcode answering the turn before', () => {
    const turns = [
      { speaker: 'agent' as const, text: 'and what is the postcode there' },
      { speaker: 'customer' as const, text: "it's l s one oh q l" },
    ];
    const found = detectConversation(turns, { types: ['POSTAL_ADDRESS'] });
    expect(found.map((f) => [f.turn, turns[f.turn]!.text.slice(f.start, f.end), f.normalized])).toEqual([
      [1, 'l s one oh q l', 'ls1 0ql'],
    ]);
  });

  it('reads a whole address from a lower-case transcript', () => {
    for (const text of [
      '765 kings avenue brooklyn new york 11233',
      '5845 cedar place 10 raleigh north carolina 27625',
      'flat 3 12 maple road london sw1a 2aa',
      'apartment 5 12 maple park dublin 8 d08 x2y3',
      '12 maple lawn galway co galway h91 x2y3',
    ]) {
      const said = `yeah it's ${text} thanks`;
      expect(expectOne(said, addresses(said), text).score).toBe(0.95);
    }
  });

  it('does not read "one way street" as an address', () => {
    expect(addresses('it is a one way street')).toHaveLength(0);
    expect(addresses('we have two big street signs')).toHaveLength(0);
  });
});

describe('PERSON and POSTAL_ADDRESS together', () => {
  it('finds both in one sentence without overlap', () => {
    const text = 'My name is Jane Doe and I live at 10 Downing Street, London SW1A 2AA.';
    const found = detect(text, { types: ['PERSON', 'POSTAL_ADDRESS'] });
    expect(found.map((f) => [f.type, slice(text, f)])).toEqual([
      ['PERSON', 'Jane Doe'],
      ['POSTAL_ADDRESS', '10 Downing Street, London SW1A 2AA'],
    ]);
  });

  it('stays linear on adversarial 1 MB inputs', () => {
    // The recognizers themselves (the analyzer's overlap resolution is measured elsewhere).
    const inputs = [
      'hi '.repeat(350_000),
      'Hi Ab '.repeat(170_000),
      'my name is '.repeat(95_000),
      "that's J A N E ".repeat(70_000),
      'Regards,\nJane\n'.repeat(70_000),
      'Jane Doe <a@b> '.repeat(70_000),
      'spell '.repeat(170_000),
      'jane '.repeat(200_000),
      '1 Main Street '.repeat(70_000),
      '1 a b c '.repeat(130_000),
      'AB1 2DE '.repeat(125_000),
      'Mill Lane, Anytown AB1 2DE '.repeat(37_000),
      'po box 1 '.repeat(110_000),
      'one two main street '.repeat(50_000),
      '9'.repeat(1_000_000),
      `${', '.repeat(500_000)}AB1 2DE`,
      'a'.repeat(1_000_000),
    ];
    const options = { knownNames: ['Jane Doe'], phoneRegions: ['US'] };
    for (const text of inputs) {
      for (const recognizer of [personRecognizer, postalAddressRecognizer]) {
        const t0 = performance.now();
        recognizer.analyze(new TextView(text, options), []);
        expect(performance.now() - t0).toBeLessThan(4_000);
      }
    }
  });
});
