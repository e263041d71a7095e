/**
 * Openings and closings: the agent introduces themself, the customer gives their name (or is
 * asked for it), sign-offs. Names appear in introductions, greetings and thanks, as customer-service
 * talk has them.
 */
import type { Ctx } from '../context.js';
import * as N from '../negatives.js';
import { newIpv4, newIpv6 } from '../values/contact.js';

const CALL_GREETINGS = [
  'Thank you for calling Inkwell Print, my name is {agent}, how can I help you today?',
  "Hi, you're through to {agent} at Inkwell Print customer service.",
  'Good morning, Inkwell Print, {agent} speaking.',
  'Inkwell Print, this is {agent}, how can I help?',
  "Hello, thanks for holding, you're speaking with {agent}.",
  'Good afternoon, you have reached Inkwell Print, I am {agent}.',
];
const CHAT_GREETINGS = [
  "Hi, you're chatting with {agent}. How can I help today?",
  'Hello! My name is {agent}, thanks for contacting Inkwell Print.',
  'Hi there, {agent} here from the Inkwell Print support team. What can I do for you?',
  "Welcome to Inkwell Print support, I'm {agent}.",
];
const CUSTOMER_INTROS_NAMED = [
  "Hi {agentFirst}, this is {full}, I'm calling about my order.",
  'Hello, yes, my name is {full} and I have a problem with an order.',
  "Hi, it's {full} here.",
  'Hi {agentFirst}, my name is {full}.',
  'Yeah hi, {full} speaking, I need some help with my account.',
  "Hello, I'm {full}, I ordered some prints from you.",
];
const CUSTOMER_INTROS_ANON = [
  "Hi there, I placed an order last week and it hasn't arrived.",
  'Hello, I need some help with an order please.',
  'Hi, yes, I have a question about my account.',
  'Hi, I was charged twice I think.',
];
const ASK_NAME = [
  'Can I take your full name please?',
  'Could I get your name please?',
  'Who am I speaking with today?',
  'Can I have the name on the account?',
  'And your first and last name?',
];
const GIVE_NAME = [
  "It's {full}.",
  '{full}.',
  "Yes, it's {first} {last}.",
  'My name is {full}.',
  'Sure, {full}.',
  'The name is {full}.',
];
const THANK_NAME = [
  'Thanks {first}.',
  'Thank you {first}, let me pull that up.',
  'Thank you, Mr {last}.',
  'Thanks, Ms {last}.',
  'Lovely, thanks {first}.',
  'Okay {first}, one moment.',
];

export function opening(c: Ctx): void {
  const { customer, agent } = c.persona;
  const rng = c.rng;
  if (c.email) return;
  if (c.channel === 'chat') {
    // The chat widget's first line: when and from where the visitor connected.
    c.say('system', (t) => {
      const ip = rng.chance(0.85) ? newIpv4(rng) : newIpv6(rng);
      t.tpl(
        rng.pick([
          'Chat started. Visitor IP: {ip}. Browser: Chrome {ver} on Windows {win}.',
          'Visitor connected from {ip} (Firefox {ver}, macOS).',
          'Session opened at {time}, client address {ip}, page /checkout',
          'New chat from {ip}. Browser: Safari {ver} on iOS',
        ]),
        {
          ip: c.v('IP_ADDRESS', ip, 'typed', ip.includes(':') ? 'ipv6' : 'ipv4'),
          ver: N.version(rng),
          win: rng.pick(['10', '11']),
          time: N.time(rng, 'clean'),
        },
      );
    });
  }
  const greetings = c.voice ? CALL_GREETINGS : CHAT_GREETINGS;
  c.say('agent', (t) =>
    t.tpl(rng.pick(greetings), { agent: c.name(agent, rng.chance(0.8) ? 'first' : 'full', t.style) }),
  );
  if (rng.chance(0.6)) {
    c.say('customer', (t) =>
      t.tpl(rng.pick(CUSTOMER_INTROS_NAMED), {
        agentFirst: () => c.name(agent, 'first', t.style),
        full: () => c.name(customer, rng.chance(0.8) ? 'full' : 'first', t.style),
      }),
    );
  } else {
    c.say('customer', (t) => t.tpl(rng.pick(CUSTOMER_INTROS_ANON)));
    c.say('agent', (t) => t.tpl(rng.pick(ASK_NAME)));
    c.say('customer', (t) =>
      t.tpl(rng.pick(GIVE_NAME), {
        full: () => c.name(customer, 'full', t.style),
        first: () => c.name(customer, 'first', t.style),
        last: () => c.name(customer, 'last', t.style),
      }),
    );
    c.say('agent', (t) =>
      t.tpl(rng.pick(THANK_NAME), {
        first: () => c.name(customer, 'first', t.style),
        last: () => c.name(customer, 'last', t.style),
      }),
    );
  }
}

const CLOSE_ASK = [
  'Is there anything else I can help you with today?',
  'Anything else I can do for you?',
  'Is there anything else?',
];
const CLOSE_NO = [
  "No, that's everything, thanks {agentFirst}.",
  "That's all, thank you so much.",
  'No thanks, you have been very helpful {agentFirst}.',
  'nope all good, thanks',
];
const CLOSE_BYE = [
  'Thanks for calling, {first}, have a lovely day.',
  'You are welcome {first}, take care. Bye.',
  'Thanks {first}, have a great rest of your day.',
  'My pleasure. Goodbye!',
];

export function closing(c: Ctx): void {
  const { customer, agent } = c.persona;
  const rng = c.rng;
  if (c.email) return;
  c.say('agent', (t) => t.tpl(rng.pick(CLOSE_ASK)));
  c.say('customer', (t) => t.tpl(rng.pick(CLOSE_NO), { agentFirst: () => c.name(agent, 'first', t.style) }));
  c.say('agent', (t) => t.tpl(rng.pick(CLOSE_BYE), { first: () => c.name(customer, 'first', t.style) }));
}
