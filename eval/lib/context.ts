/**
 * The state of one interaction being generated: who speaks, in which channel and style, and where
 * each line goes. Scenes are written once against this context; it routes an agent's question and
 * a customer's answer to turns (calls, chats) or to paragraphs of an e-mail thread.
 */
import type { BuiltinEntityType } from '../../src/detect/types.js';
import { type Slot, type Style, TurnText, type Val } from './builder.js';
import type { Rng } from './prng.js';
import type { Channel, Form, Speaker } from './types.js';
import type { Address } from './values/address.js';
import type { Card } from './values/cards.js';
import type { Email, Phone } from './values/contact.js';
import type { Dob, Person } from './values/people.js';

export type Region = 'US' | 'GB' | 'IE';

export interface Persona {
  region: Region;
  customer: Person;
  agent: Person;
  email: Email;
  phone: Phone;
  address: Address;
  dob: Dob;
  card: Card;
  /** The year the interaction happens. */
  year: number;
}

export type Writer = (t: TurnText) => void;

export interface PendingTurn {
  speaker: Speaker;
  t: TurnText;
}

const INTERJECTIONS_VOICE = [
  'mhm',
  'okay',
  'go on',
  'yep',
  'uh huh',
  'okay go on',
  'right',
  'yes',
  'got it',
  'mm hmm',
];
const INTERJECTIONS_CHAT = ['ok', 'go ahead', 'yes', 'mhm', 'ok go on', 'got it', 'thanks, go on'];

const plainCache = new Map<string, string>();

/** Speech recognizers often drop accents ("roisin" for "Róisín"). */
function stripAccents(s: string): string {
  let out = plainCache.get(s);
  if (out === undefined) {
    out = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    plainCache.set(s, out);
  }
  return out;
}

/** Answers with nothing but the value ("It's {x}.", "{x}") only make sense right after the question. */
const BARE_ANSWERS = new Set([
  '',
  "it's",
  'it is',
  'sure',
  "sure it's",
  "yeah it's",
  "okay it's",
  'right',
  'okay',
]);
const explicitCache = new WeakMap<readonly string[], readonly string[]>();

function explicitOnly(list: readonly string[]): readonly string[] {
  let out = explicitCache.get(list);
  if (!out) {
    const kept = list.filter(
      (t) =>
        !BARE_ANSWERS.has(
          t
            .replace(/\{\w+\}/g, '')
            .replace(/[^a-z' ]/gi, '')
            .trim()
            .toLowerCase(),
        ),
    );
    out = kept.length > 0 ? kept : list;
    explicitCache.set(list, out);
  }
  return out;
}

export class Ctx {
  readonly rng: Rng;
  readonly channel: Channel;
  readonly persona: Persona;
  /** Calls: a raw speech-recognition transcript (lower case, no punctuation) or a cleaned-up one. */
  readonly asrCall: boolean;
  readonly turns: PendingTurn[] = [];
  /** E-mail: paragraphs of the customer's first message, the agent's reply and the customer's answer. */
  readonly mail = { first: [] as TurnText[], reply: [] as TurnText[], answer: [] as TurnText[] };
  private group = 0;

  constructor(rng: Rng, channel: Channel, persona: Persona) {
    this.rng = rng;
    this.channel = channel;
    this.persona = persona;
    this.asrCall = channel === 'call' && rng.chance(0.75);
  }

  get voice(): boolean {
    return this.channel === 'call';
  }

  get email(): boolean {
    return this.channel === 'email';
  }

  styleFor(speaker: Speaker): Style {
    if (this.channel === 'call') return this.asrCall ? 'asr' : 'clean';
    if (this.channel === 'chat' && speaker === 'customer' && this.rng.chance(0.3)) return 'casual';
    return 'clean';
  }

  /** Whether the next value is read out as words (calls only, mostly in raw transcripts). */
  spoken(): boolean {
    if (this.channel !== 'call') return false;
    return this.rng.chance(this.asrCall ? 0.75 : 0.2);
  }

  /**
   * An answer template. In an e-mail the question is in another message, so the answer names what
   * it gives ("My phone number is ..."), as people write.
   */
  answer(list: readonly string[]): string {
    return this.rng.pick(this.email ? explicitOnly(list) : list);
  }

  /** A new group number for the parts of one split value. */
  nextGroup(): number {
    return ++this.group;
  }

  v(type: BuiltinEntityType, text: string, form: Form, variant?: string): Val {
    const val: Val = { type, text, form };
    if (variant !== undefined) val.variant = variant;
    return val;
  }

  /** A name, written the way this turn's style writes it. */
  name(person: Person, part: 'first' | 'last' | 'full', style: Style): Val {
    const text = part === 'first' ? person.first : part === 'last' ? person.last : person.full;
    if (style === 'asr' || style === 'casual') {
      const lower = text.toLowerCase();
      const plain = this.rng.chance(0.4) ? stripAccents(lower) : lower;
      return { type: 'PERSON', text: plain, form: style === 'asr' ? 'spoken' : 'typed' };
    }
    return { type: 'PERSON', text, form: 'typed' };
  }

  /** One turn of `speaker` (calls, chats). */
  say(speaker: Speaker, w: Writer): TurnText {
    const t = new TurnText(this.styleFor(speaker));
    w(t);
    this.turns.push({ speaker, t });
    return t;
  }

  agent(w: Writer): void {
    if (this.email) {
      const t = new TurnText('clean');
      w(t);
      this.mail.reply.push(t);
    } else this.say('agent', w);
  }

  customer(w: Writer, proactive = false): void {
    if (this.email) {
      const t = new TurnText('clean');
      w(t);
      (proactive ? this.mail.first : this.mail.answer).push(t);
    } else this.say('customer', w);
  }

  /**
   * The agent asks, the customer answers. In an e-mail the customer may give the value in the
   * first message unasked; otherwise the question goes into the reply and the answer into the
   * customer's next message.
   */
  exchange(ask: Writer | null, answer: Writer): void {
    if (this.email) {
      if (ask === null || this.rng.chance(0.4)) this.customer(answer, true);
      else {
        this.agent(ask);
        this.customer(answer);
      }
      return;
    }
    if (ask) this.agent(ask);
    this.customer(answer);
  }

  /** A short acknowledgement of the agent while the customer reads a value out in parts. */
  interjection(): void {
    const list = this.voice ? INTERJECTIONS_VOICE : INTERJECTIONS_CHAT;
    const word = this.rng.pick(list);
    this.say('agent', (t) => t.say(word));
  }

  /**
   * A value given in parts over several customer turns, with the agent's interjections between
   * them (calls and chats). `lead` is said before the first part.
   */
  split(parts: readonly Slot[], lead: string, tail: string): void {
    parts.forEach((p, i) => {
      if (i > 0 && this.rng.chance(0.85)) this.interjection();
      this.say('customer', (t) => {
        if (i === 0) t.say(lead);
        t.add(p);
        if (i === parts.length - 1) t.say(tail);
      });
    });
  }
}
