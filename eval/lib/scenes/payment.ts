/**
 * Taking a card payment: the number (typed, spoken, or read out over several turns with the
 * agent's "mhm" between), sometimes read back by the agent, then the expiry date and the security
 * code. E-mails carry the whole card in one paragraph, as careless customers send it.
 */
import type { Ctx } from '../context.js';
import * as N from '../negatives.js';
import { cardParts, cardSlot, cvvSlot, expirySlot } from '../slots.js';
import { splitPoints } from '../values/cards.js';

const BRAND_WORD: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
  diners: 'Diners Club',
  unionpay: 'UnionPay',
  maestro: 'Maestro',
};

const ASK_CARD = [
  'Can I take the long card number please?',
  "What's the card number you'd like to use?",
  'Please go ahead with the number on the front of the card.',
  'Could you read me the card number?',
  'Which card would you like to pay with? I will need the full number.',
  'Okay, when you are ready, the card number please.',
];
const ASK_CARD_CHAT = [
  'Please type the card number here, this chat is secure.',
  'Can you send me the card number?',
  'What card number should we charge?',
];
const GIVE_CARD = [
  "Sure, it's {card}.",
  '{card}',
  "Yeah, it's {card}.",
  'My {brand} is {card}.',
  'Okay the number is {card}.',
  "It's a {brand} card, {card}.",
  'card number {card}',
  'Right, {card}.',
  'Let me get it out of my wallet... okay, {card}.',
  "Can you use the same card as last time? It's {card}.",
  'The long number is {card}.',
  "It's my {brand}: {card}",
  "{card}, it's a debit card.",
];
const READBACK = [
  "So that's {card}, is that right?",
  'Let me read that back: {card}.',
  'I have {card}, correct?',
  'Just to confirm, {card}?',
];
const ASK_EXPIRY = [
  'And the expiry date?',
  'When does the card expire?',
  "What's the expiry on it?",
  'And the valid thru date?',
];
const GIVE_EXPIRY = [
  '{exp}',
  'It expires {exp}.',
  'Expiry is {exp}.',
  '{exp} I think.',
  "It's {exp}.",
  'Expires end of {exp}.',
  'The expiration date is {exp}.',
  'valid until {exp}',
];
const ASK_CVV = [
  'And the three digit security code on the back?',
  'Last thing, the CVV please.',
  'And the security code?',
  'Can I have the card verification code, the last three digits on the signature strip?',
];
const ASK_CID = [
  'And the four digit code on the front of the Amex?',
  'And the four digit security code please?',
];
const GIVE_CVV = [
  '{cvv}',
  "It's {cvv}.",
  'Security code {cvv}.',
  'The code is {cvv}.',
  "Okay, it's {cvv}.",
  'On the back it says {cvv}.',
  'CVV is {cvv}.',
  '{cvv}, the numbers on the back.',
];
/** Amex prints its four-digit code on the front. */
const GIVE_CID = GIVE_CVV.filter((t) => !t.includes('back'));
const CHARGED = [
  "Thank you, I've taken the payment of {price} on the card ending {last4}.",
  'That has gone through, {price} on the card ending in {last4}.',
  'Done, the card ending {last4} has been charged.',
];
const CHAT_ALL = [
  'card {card} exp {exp} cvv {cvv}',
  'Card number: {card}, expiry {exp}, CVC {cvv}',
  'here you go {card} {exp} {cvv}',
  '{card}, expires {exp}, security code {cvv}',
];
const EMAIL_ALL = [
  'Please charge my card for the reprint: {card}, expiry {exp}, security code {cvv}.',
  'You can use my {brand} card {card} (exp {exp}, CVV {cvv}).',
  'Card details: {card} expiring {exp}, the code on the back is {cvv}.',
];

export function payment(c: Ctx): void {
  const rng = c.rng;
  const card = c.persona.card;
  const brand = BRAND_WORD[card.brand] ?? 'Visa';
  if (c.email) {
    c.exchange(
      (t) => t.say('To take payment for the reprint we will need your card details.'),
      (t) =>
        t.tpl(rng.pick(EMAIL_ALL), {
          card: cardSlot(c, card, t.style),
          exp: expirySlot(c, card, t.style),
          cvv: cvvSlot(c, card),
          brand,
        }),
    );
    return;
  }
  if (c.channel === 'chat' && rng.chance(0.35)) {
    c.agent((t) => t.tpl(rng.pick(ASK_CARD_CHAT)));
    c.customer((t) =>
      t.tpl(rng.pick(CHAT_ALL), {
        card: cardSlot(c, card, t.style),
        exp: expirySlot(c, card, t.style),
        cvv: cvvSlot(c, card),
      }),
    );
  } else {
    c.agent((t) => t.tpl(rng.pick(c.voice ? ASK_CARD : ASK_CARD_CHAT)));
    const split = rng.chance(c.voice ? 0.35 : 0.25);
    if (split) {
      const style = c.styleFor('customer');
      const parts = cardParts(c, card, splitPoints(card.groups, rng), style, c.spoken());
      c.split(
        parts,
        rng.pick(['', "it's ", 'okay ', 'right so ', 'the number is ']),
        rng.pick(['', '', ' that is it', ' done']),
      );
    } else {
      c.customer((t) => t.tpl(rng.pick(GIVE_CARD), { card: cardSlot(c, card, t.style), brand }));
    }
    if (rng.chance(0.3)) {
      c.agent((t) => t.tpl(rng.pick(READBACK), { card: cardSlot(c, card, t.style, 'readback') }));
      c.customer((t) => t.say(rng.pick(["Yes, that's right.", 'Yep.', 'Correct.', 'yes'])));
    }
    c.agent((t) => t.tpl(rng.pick(ASK_EXPIRY)));
    c.customer((t) => t.tpl(rng.pick(GIVE_EXPIRY), { exp: expirySlot(c, card, t.style) }));
    c.agent((t) => t.tpl(rng.pick(card.brand === 'amex' ? ASK_CID : ASK_CVV)));
    c.customer((t) =>
      t.tpl(rng.pick(card.brand === 'amex' ? GIVE_CID : GIVE_CVV), { cvv: cvvSlot(c, card) }),
    );
  }
  c.agent((t) =>
    t.tpl(rng.pick(CHARGED), { price: N.price(rng, t.style), last4: N.lastFour(rng, t.style, card.digits) }),
  );
}
