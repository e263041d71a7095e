/**
 * One labelled interaction from a seed and an index. Every record has its own generator stream
 * (seeded from the corpus seed and the index), so record i is the same whatever the count and
 * however the corpus is split between processes.
 */
import { TurnText } from './builder.js';
import { Ctx, type Persona, type Region } from './context.js';
import * as N from './negatives.js';
import { Rng } from './prng.js';
import { access } from './scenes/access.js';
import { banking } from './scenes/banking.js';
import { contact, customerSignature } from './scenes/contact.js';
import { identity } from './scenes/identity.js';
import { issue } from './scenes/issue.js';
import { closing, opening } from './scenes/opening.js';
import { payment } from './scenes/payment.js';
import { phoneSlot } from './slots.js';
import type {
  Channel,
  CorpusInteraction,
  CorpusTurn,
  Label,
  LabelledRecord,
  NegativeSpan,
  Speaker,
} from './types.js';
import { newAddress } from './values/address.js';
import { newCard } from './values/cards.js';
import { agentEmail, e164, newEmail, newIpv4, newPhone } from './values/contact.js';
import { newDob, newPerson } from './values/people.js';

function recordSeed(seed: number, index: number): number {
  // Two rounds of an integer hash keep nearby (seed, index) pairs far apart.
  let h = Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(index + 0x165667b1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) | 0;
}

const SCENES = [
  [payment, 0.6],
  [banking, 0.3],
  [identity, 0.45],
  [contact, 0.55],
  [access, 0.25],
] as const;

/**
 * The people and their details. Address, date of birth and card are drawn when a scene first needs
 * them: most interactions use only some (a class rather than an object literal with getters, which
 * V8 keeps in slow dictionary mode).
 */
class LazyPersona implements Persona {
  readonly region: Region;
  readonly year: number;
  readonly customer: Persona['customer'];
  readonly agent: Persona['agent'];
  readonly email: Persona['email'];
  readonly phone: Persona['phone'];
  private readonly rng: Rng;
  private _address: Persona['address'] | undefined;
  private _dob: Persona['dob'] | undefined;
  private _card: Persona['card'] | undefined;

  constructor(rng: Rng, channel: Channel) {
    this.rng = rng;
    this.region = rng.weighted(REGIONS);
    this.year = rng.int(2019, 2024);
    this.customer = newPerson(rng);
    this.agent = newPerson(rng);
    this.email = newEmail(this.customer, rng, channel === 'call');
    this.phone = newPhone(rng, rng.chance(0.08) ? 'INTL' : this.region);
  }

  get address(): Persona['address'] {
    this._address ??= newAddress(this.rng, this.region);
    return this._address;
  }

  get dob(): Persona['dob'] {
    this._dob ??= newDob(this.rng, this.year);
    return this._dob;
  }

  get card(): Persona['card'] {
    this._card ??= newCard(this.rng, this.year);
    return this._card;
  }
}

const REGIONS: ReadonlyArray<readonly [Region, number]> = [
  ['US', 40],
  ['GB', 35],
  ['IE', 25],
];

const SUBJECTS = [
  'Problem with my order',
  'Refund request',
  'Blurry business cards',
  'Wrong delivery address',
  'Payment',
  'Reprint',
  'Account locked',
];

/** ISO 8601 in UTC without milliseconds; arithmetic (H. Hinnant's civil-from-days) because Date formatting dominated the generator's profile. */
export function iso(ms: number): string {
  const secs = Math.floor(ms / 1000);
  const days = Math.floor(secs / 86400);
  const sod = secs - days * 86400;
  const hh = Math.floor(sod / 3600);
  const mi = Math.floor((sod % 3600) / 60);
  const ss = sod % 60;
  return `${isoDate(days)}T${p2(hh)}:${p2(mi)}:${p2(ss)}Z`;
}

let lastDays = Number.NaN;
let lastDate = '';

/** "2019-09-02" for days since the epoch; the turns of an interaction mostly share one. */
function isoDate(days: number): string {
  if (days === lastDays) return lastDate;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  lastDays = days;
  lastDate = `${y}-${p2(m)}-${p2(d)}`;
  return lastDate;
}

function p2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "On Tue, 3 Sep 2019 at 10:14, Jane Doe <jane@example.com> wrote:" */
function quoteHeader(c: Ctx, t: TurnText, ms: number, who: 'customer' | 'agent'): void {
  const d = new Date(ms);
  const date = `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  const p = c.persona;
  const person = who === 'customer' ? p.customer : p.agent;
  const email = who === 'customer' ? p.email.address : agentEmail(p.agent);
  t.raw('On ')
    .add({ neg: 'date', text: date })
    .raw(' at ')
    .add({ neg: 'time', text: time })
    .raw(', ')
    .add(c.name(person, 'full', 'clean'))
    .raw(' <')
    .add(c.v('EMAIL_ADDRESS', email, 'typed', 'header'))
    .raw('> wrote:\n');
}

function agentSignature(c: Ctx, t: TurnText): void {
  const p = c.persona;
  const rng = c.rng;
  const phone = newPhone(rng, p.region);
  t.say(rng.pick(['Kind regards,\n', 'Best wishes,\n', 'Many thanks,\n', 'Regards,\n']));
  t.add(c.name(p.agent, 'full', 'clean'));
  t.say(
    rng.pick([
      '\nCustomer Care Team\nInkwell Print',
      '\nCustomer Service Advisor | Inkwell Print',
      '\nInkwell Print Support',
    ]),
  );
  if (rng.chance(0.8))
    t.say(rng.pick(['\nDirect: ', '\nTel: ', '\nPhone: ', '\n'])).add(phoneSlot(c, phone, 'clean'));
  if (rng.chance(0.7)) t.say('\n').add(c.v('EMAIL_ADDRESS', agentEmail(p.agent), 'typed', 'agent'));
}

function paragraphs(t: TurnText, paras: readonly TurnText[]): void {
  paras.forEach((p, i) => {
    if (i > 0) t.raw('\n\n');
    t.append(p);
  });
}

interface Message {
  speaker: Speaker;
  t: TurnText;
  ms: number;
}

function assembleEmail(c: Ctx, startMs: number): Message[] {
  const rng = c.rng;
  const p = c.persona;
  const msgs: Message[] = [];
  let ms = startMs;

  const m1 = new TurnText('clean');
  m1.say(
    rng.pick([
      'Hi,\n\n',
      'Hello,\n\n',
      'Dear Inkwell Print,\n\n',
      'Hello Inkwell team,\n\n',
      'To whom it may concern,\n\n',
    ]),
  );
  paragraphs(m1, c.mail.first);
  m1.raw('\n\n');
  customerSignature(c, m1);
  msgs.push({ speaker: 'customer', t: m1, ms });

  ms += rng.int(1, 30) * 3_600_000;
  const m2 = new TurnText('clean');
  m2.say(rng.pick(['Hi ', 'Dear ', 'Hello ']))
    .add(c.name(p.customer, 'first', 'clean'))
    .say(',\n\n');
  m2.say('Thank you for contacting Inkwell Print.');
  if (c.mail.reply.length > 0) m2.raw('\n\n');
  paragraphs(m2, c.mail.reply);
  m2.raw('\n\n');
  agentSignature(c, m2);
  m2.raw('\n\n');
  quoteHeader(c, m2, msgs[0]!.ms, 'customer');
  m2.appendQuoted(m1);
  msgs.push({ speaker: 'agent', t: m2, ms });

  if (c.mail.answer.length > 0 || rng.chance(0.5)) {
    ms += rng.int(1, 48) * 1_800_000;
    const m3 = new TurnText('clean');
    m3.say(rng.pick(['Hi ', 'Hello ', 'Thanks ']))
      .add(c.name(p.agent, 'first', 'clean'))
      .say(',\n\n');
    if (c.mail.answer.length > 0) paragraphs(m3, c.mail.answer);
    else m3.say(rng.pick(["That's great, thank you.", 'Thanks for sorting this so quickly.']));
    m3.raw('\n\n');
    customerSignature(c, m3);
    if (rng.chance(0.6)) {
      m3.raw('\n\n');
      quoteHeader(c, m3, msgs[1]!.ms, 'agent');
      m3.appendQuoted(m2);
    }
    msgs.push({ speaker: 'customer', t: m3, ms });
  }
  if (rng.chance(0.3)) {
    ms += rng.int(1, 20) * 3_600_000;
    const m4 = new TurnText('clean');
    m4.say('Hi ')
      .add(c.name(p.customer, 'first', 'clean'))
      .say(',\n\n');
    m4.say('All done, your reprint will ship within ')
      .add(N.count(rng, 'clean', 'days'))
      .say('.\n\n');
    agentSignature(c, m4);
    msgs.push({ speaker: 'agent', t: m4, ms });
  }
  return msgs;
}

export function generateRecord(seed: number, index: number): LabelledRecord {
  const rng = new Rng(recordSeed(seed, index));
  const channel = rng.weighted<Channel>([
    ['call', 40],
    ['chat', 35],
    ['email', 25],
  ]);
  const p = new LazyPersona(rng, channel);
  const c = new Ctx(rng, channel, p);
  const startMs = Date.UTC(
    p.year,
    rng.int(0, 11),
    rng.int(1, 28),
    rng.int(8, 19),
    rng.int(0, 59),
    rng.int(0, 59),
  );

  opening(c);
  issue(c);
  let any = false;
  for (const [scene, prob] of SCENES) {
    if (rng.chance(prob)) {
      scene(c);
      any = true;
    }
  }
  if (!any) rng.pick(SCENES)[0](c);
  closing(c);

  const id = `eval-${seed}-${index}`;
  const turns: CorpusTurn[] = [];
  const labels: Label[] = [];
  const negatives: NegativeSpan[] = [];
  const collect = (t: TurnText, turn: number): void => {
    for (const l of t.labels) {
      const label: Label = { turn, start: l.start, end: l.end, type: l.type, form: l.form };
      if (l.group !== undefined) label.group = l.group;
      if (l.variant !== undefined) label.variant = l.variant;
      labels.push(label);
    }
    for (const n of t.negs) negatives.push({ turn, start: n.start, end: n.end, kind: n.kind });
  };

  let ms = startMs;
  const custEmail = p.email.address;
  const agentMail = agentEmail(p.agent);
  if (channel === 'email') {
    const subject = rng.pick(SUBJECTS);
    assembleEmail(c, startMs).forEach((m, i) => {
      const fromCustomer = m.speaker === 'customer';
      const turn: CorpusTurn = {
        speaker: m.speaker,
        at: iso(m.ms),
        text: m.t.text,
        from: fromCustomer ? `${p.customer.full} <${custEmail}>` : `${p.agent.full} <${agentMail}>`,
        to: [fromCustomer ? 'support@inkwellprint.example' : custEmail],
        subject: i === 0 ? subject : `Re: ${subject}`,
        message_id: `<${id}.${i}@mail.example>`,
      };
      if (i > 0) turn.in_reply_to = `<${id}.${i - 1}@mail.example>`;
      turns.push(turn);
      collect(m.t, i);
      ms = m.ms;
    });
  } else {
    c.turns.forEach((pt, i) => {
      ms += rng.int(2, 40) * 1000;
      turns.push({ speaker: pt.speaker, at: iso(ms), text: pt.t.text });
      collect(pt.t, i);
    });
  }

  const interaction: CorpusInteraction = {
    id,
    channel,
    started_at: iso(startMs),
    ended_at: iso(ms + 5000),
    subject: channel === 'email' ? (turns[0]?.subject ?? 'Enquiry') : rng.pick(SUBJECTS),
    customer: {
      name: p.customer.full,
      email: custEmail,
      phone: e164(p.phone),
      country: p.region,
      region: null,
    },
    agent: { name: p.agent.full, email: agentMail },
    turns,
  };
  if (channel === 'call') {
    interaction.hold_seconds = rng.int(0, 900);
    interaction.recording_url = `https://pbx.example/rec/${id}.wav`;
  }
  if (channel === 'chat') interaction.client = { browser: 'Chrome', os: 'Windows', ip: newIpv4(rng) };
  return { interaction, labels, negatives };
}
