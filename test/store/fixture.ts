/**
 * Synthetic fixtures: interactions with customers, staff, chats with client metadata, calls with
 * recordings, email threads, and card numbers typed and spoken. Every value is fictional
 * (documentation card numbers, Ofcom 07700 900xxx and US 555-01xx phones, example.com mail).
 * `secrets` lists every personal value and transcript sentence a raw copy must not reveal.
 */
export const CARDS = [
  '4111111111111111',
  '5555555555554444',
  '4012888888881881',
  '6011111111111117',
  '5105105105105100',
];

const FIRST = [
  'Zelda',
  'Quentin',
  'Ottoline',
  'Barnaby',
  'Persephone',
  'Lysander',
  'Marguerite',
  'Thaddeus',
  'Wilhelmina',
  'Ignatius',
];
const LAST = [
  'Quimbleton',
  'Farthingale',
  'Pemberwick',
  'Oddington',
  'Thistlewood',
  'Brackenbury',
  'Wolvercote',
  'Haverleigh',
];
const AGENTS = [
  { name: 'Rosalind Ashcombe', email: 'rosalind.ashcombe@printco.example', phone: '+44 7700 900901' },
  { name: 'Cornelius Vantreight', email: 'cornelius.vantreight@printco.example', phone: '+44 7700 900902' },
];

const SPOKEN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const spoken = (digits: string) => [...digits].map((d) => SPOKEN[Number(d)]).join(' ');
const grouped = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

export interface Fixture {
  lines: string[];
  records: Record<string, unknown>[];
  /** Values that must never appear in clear (nor as hex) in a database file, WAL or dump. */
  secrets: string[];
}

export function makeFixture(count: number, seed = 1): Fixture {
  const records: Record<string, unknown>[] = [];
  const secrets = new Set<string>();
  let s = seed >>> 0;
  const rnd = (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  for (let i = 0; i < count; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7 + seed) % LAST.length]!;
    const name = `${first} ${last}`;
    const email = `${first.toLowerCase()}.${last.toLowerCase()}${i}@example.com`;
    const phoneN = String(100 + ((i * 37 + seed) % 900)).padStart(3, '0');
    const phone = i % 2 === 0 ? `+44 7700 900${phoneN}` : `+1 202 555 01${phoneN.slice(-2)}`;
    const card = CARDS[i % CARDS.length]!;
    const cvv = String(100 + rnd(900));
    const agent = AGENTS[i % AGENTS.length]!;
    const channel = (['call', 'chat', 'email'] as const)[i % 3]!;
    const crm = `CRM-${seed}-${String(i).padStart(5, '0')}`;
    const sayCard = i % 2 === 0 ? spoken(card) : grouped(card);
    const address = `${10 + (i % 80)} Marlowe Crescent, Thistleford TF${1 + (i % 9)} ${1 + (i % 9)}QZ`;
    const turns = [
      {
        speaker: 'agent',
        text: `Good morning, you are through to PrintCo billing, this is ${agent.name.split(' ')[0]} speaking.`,
      },
      {
        speaker: 'customer',
        text: `Hello, this is ${name}, I was charged twice for order ${4000 + i} of glossy flyers.`,
      },
      { speaker: 'agent', text: 'I can refund that today; which card did you pay with?' },
      { speaker: 'customer', text: `The card number is ${sayCard}.` },
      { speaker: 'agent', text: 'Thanks, and the three digit security code on the back please?' },
      { speaker: 'customer', text: i % 2 === 0 ? spoken(cvv) : cvv },
      { speaker: 'agent', text: `Noted. I will post the refund letter to ${address}.` },
      {
        speaker: 'customer',
        text: `Lovely, you can also reach me on ${phone} or ${email} if anything goes wrong.`,
      },
    ];
    const r: Record<string, unknown> = {
      id: `${channel}-${seed}-${i}`,
      channel,
      started_at: new Date(Date.UTC(2019, 8, 2 + (i % 28), 8 + (i % 10), i % 60)).toISOString(),
      ended_at: new Date(Date.UTC(2019, 8, 2 + (i % 28), 9 + (i % 10), i % 60)).toISOString(),
      subject: `Duplicate charge on order ${4000 + i} for ${last}`,
      customer: {
        name,
        email,
        phone,
        country: i % 2 === 0 ? 'GB' : 'US',
        region: i % 2 === 0 ? 'West Yorkshire' : 'Maryland',
        external_id: crm,
      },
      agent,
      status: 'closed',
      priority: i % 5 === 0 ? 'high' : 'normal',
      tags: ['billing', `order-${4000 + i}`],
      turns,
    };
    if (channel === 'call') {
      r.hold_seconds = 30 + (i % 300);
      r.recording_url = `https://pbx.printco.example/recordings/2019/${crm}-${i}.wav`;
      secrets.add(r.recording_url as string);
    }
    if (channel === 'chat') {
      r.client = {
        browser: 'Firefox 68.0.2',
        os: 'Windows 10',
        ip: `203.0.113.${(i % 250) + 1}`,
        location: 'Thistleford, GB',
      };
      secrets.add(`203.0.113.${(i % 250) + 1}`);
    }
    if (channel === 'email') {
      turns.forEach((t, k) => {
        Object.assign(t, {
          from: t.speaker === 'customer' ? `${name} <${email}>` : `${agent.name} <${agent.email}>`,
          to: [t.speaker === 'customer' ? agent.email : email],
          message_id: `msg-${seed}-${i}-${k}@mail.example`,
        });
      });
    }
    records.push(r);
    for (const v of [name, email, phone, crm, address, r.subject as string, `order-${4000 + i}`])
      secrets.add(v);
    secrets.add(phone.replace(/\s/g, ''));
    secrets.add(card);
    secrets.add(grouped(card));
    secrets.add(spoken(card));
    for (const t of turns) secrets.add(t.text);
  }
  for (const a of AGENTS) for (const v of [a.name, a.email, a.phone]) secrets.add(v);
  // Sentences shared by every record are searched too: they are transcript text.
  return { lines: records.map((r) => JSON.stringify(r)), records, secrets: [...secrets] };
}
