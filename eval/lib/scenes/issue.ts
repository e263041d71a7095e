/**
 * Why the customer got in touch: order problems full of numbers that are not sensitive (order,
 * tracking and invoice numbers, prices, dates, times, quantities, SKUs, versions), and other
 * people's names (a colleague to ship to, a partner who placed the order).
 */
import type { Slot, Style } from '../builder.js';
import type { Ctx } from '../context.js';
import * as N from '../negatives.js';
import { newPerson } from '../values/people.js';

const PROBLEMS = [
  'I ordered {qty} on {date}, order number {order}, and they arrived with the colours all wrong.',
  'My order {order} was supposed to be delivered on {date} but the tracking number {tracking} has not moved since {time}.',
  'I was charged {price} on invoice {invoice} but the quote said {price2}.',
  'The {product} I ordered, SKU {sku}, came out blurry on every page.',
  "I'm on version {version} of your design tool and the upload keeps failing.",
  'The proof for order #{order} shows {count} but I only asked for {qty}.',
  'Could you check order {order}? It says {qty} but I was billed {price}.',
  'I need to reprint {qty}, product code {pcode}, before {date}.',
  'My parcel, tracking {tracking}, was meant to arrive by {time} today.',
  "I've been a customer since {year} and this is the first time an order, {order}, has gone wrong.",
  'The invoice {invoice} dated {date} has the wrong VAT amount, it should be {price}.',
];
const PROBLEMS_SPOKEN = [
  'i ordered {qty} on {date} and they came out all smudged',
  'my order number is {order} and it was meant to come {date}',
  'i got charged {price} but the website said {price2}',
  'the delivery guy said he would come at {time} and nobody came',
  "i've been with you since {year} and i never had a problem like this",
  'i need {qty} for a wedding on {date}',
  'the invoice number is {invoice} and it says {price}',
  'sorry one sec, {coffee} please, sorry about that, so yeah i ordered {qty}',
];
const AGENT_ACK = [
  'I am sorry to hear that, let me take a look.',
  'Okay, I can see that order here.',
  'Let me check that for you, it will just take {minutes}.',
  'Right, I can see it was dispatched at {time} on {date}.',
  'I can see the {product} went out on {date}.',
  "I'm sorry about that. I'll arrange a reprint within {days}.",
];
const THIRD_PARTY = [
  'Could you send the replacement to my colleague {other} at the same address?',
  'My partner {otherFirst} placed the order, not me.',
  'Please put the invoice to the attention of {other}, our accountant.',
  'It was {other} from your team who told me it would be free.',
  'The cards are for {other}, the name on them is spelled wrong.',
];

export function issue(c: Ctx): void {
  const rng = c.rng;
  const year = c.persona.year;
  const product = N.productName(rng);
  // A resolver: a template draws only the values it uses.
  const fill =
    (style: Style) =>
    (slot: string): Slot => {
      switch (slot) {
        case 'qty':
          return N.quantity(rng, style, product);
        case 'date':
          return N.plainDate(rng, style, year);
        case 'order':
          return N.orderNumber(rng, style);
        case 'tracking':
          return N.trackingNumber(rng, style);
        case 'time':
          return N.time(rng, style);
        case 'price':
        case 'price2':
          return N.price(rng, style);
        case 'invoice':
          return N.invoiceNumber(rng, style);
        case 'product':
          return product;
        case 'sku':
          return N.sku(rng);
        case 'version':
          return N.version(rng);
        case 'count':
          return N.count(rng, style, 'any');
        case 'days':
          return N.count(rng, style, 'days');
        case 'minutes':
          return N.count(rng, style, 'minutes');
        case 'pcode':
          return N.productCode(rng);
        case 'year':
          return N.year(rng, style);
        case 'coffee':
          return N.coffee(rng);
        default:
          throw new Error(`E_EVAL_TEMPLATE: no value for slot {${slot}}`);
      }
    };
  c.customer((t) => {
    if (c.email) t.say('I am writing about a problem with my order. ');
    t.tpl(rng.pick(t.style === 'asr' ? PROBLEMS_SPOKEN : PROBLEMS), fill(t.style));
    if (rng.chance(0.25)) {
      const other = newPerson(rng);
      t.say(' ').tpl(rng.pick(THIRD_PARTY), {
        other: () => c.name(other, 'full', t.style),
        otherFirst: () => c.name(other, 'first', t.style),
      });
    }
  }, true);
  c.agent((t) => t.tpl(rng.pick(AGENT_ACK), fill(t.style)));
  if (rng.chance(0.4)) {
    c.customer((t) => t.tpl(rng.pick(t.style === 'asr' ? PROBLEMS_SPOKEN : PROBLEMS), fill(t.style)), true);
  }
}
