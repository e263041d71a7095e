/**
 * Contact details: e-mail address, phone number, postal address or just the postcode / Eircode /
 * ZIP, given when the agent updates the account or arranges a delivery.
 */
import type { Ctx } from '../context.js';
import { addressSlot, emailSlot, phoneSlot, postcodeSlot } from '../slots.js';

const ASK_EMAIL = [
  "What's the best email address for you?",
  'Can I confirm the email on the account?',
  'Which email should I send the proof to?',
];
const GIVE_EMAIL = [
  "It's {email}.",
  '{email}',
  'You can email me at {email}.',
  'Send it to {email} please.',
  'My email is {email}.',
  'The email on the account should be {email}.',
  '{email} is my personal one, please use that.',
  'Email address: {email}',
];
const ASK_PHONE = [
  'And a contact number?',
  'What number can the courier call you on?',
  'Can I take a phone number in case we get cut off?',
];
const GIVE_PHONE = [
  '{phone}',
  'My mobile is {phone}.',
  'Call me on {phone}.',
  'You can reach me at {phone}.',
  'The best number is {phone}.',
  'It is {phone}.',
  'My number is {phone} if you need to call back.',
  'Phone: {phone}',
  'Best to text {phone}.',
  'My landline is {phone}.',
];
const ASK_ADDRESS = [
  'Can you confirm the delivery address?',
  "What's the address on the account?",
  'Where should we send the reprint?',
];
const GIVE_ADDRESS = [
  "It's {address}.",
  '{address}',
  'I live at {address}.',
  'Please send it to {address}.',
  'The address is {address}.',
  'We moved, the new address is {address}.',
  'Deliver to {address} please, it is my work address.',
  'Address: {address}',
];
const ASK_CODE: Record<string, readonly string[]> = {
  US: ['And the ZIP code?', 'Can I have the zip code to find the address?'],
  GB: ['And the postcode?', 'Can I take your postcode please?'],
  IE: ['And your Eircode?', 'Do you have the Eircode?'],
};
const GIVE_CODE: Record<string, readonly string[]> = {
  US: ["It's {code}.", 'ZIP code {code}.', '{code}'],
  GB: ["It's {code}.", 'The postcode is {code}.', '{code}'],
  IE: ['My Eircode is {code}.', "It's {code}.", '{code}'],
};
const SIGNATURE_CUSTOMER = [
  '{name}\n{phone}',
  '{name}\nMobile: {phone}',
  '{name}\n{address}\nTel: {phone}',
  '{name}',
];

export function contact(c: Ctx): void {
  const rng = c.rng;
  const p = c.persona;
  if (rng.chance(0.6)) {
    c.exchange(
      (t) => t.tpl(rng.pick(ASK_EMAIL)),
      (t) => t.tpl(c.answer(GIVE_EMAIL), { email: emailSlot(c, p.email, t.style) }),
    );
  }
  if (rng.chance(0.7)) {
    c.exchange(
      (t) => t.tpl(rng.pick(ASK_PHONE)),
      (t) => t.tpl(c.answer(GIVE_PHONE), { phone: phoneSlot(c, p.phone, t.style) }),
    );
  }
  if (rng.chance(0.65)) {
    c.exchange(
      (t) => t.tpl(rng.pick(ASK_ADDRESS)),
      (t) => t.tpl(c.answer(GIVE_ADDRESS), { address: addressSlot(c, p.address, t.style) }),
    );
  } else {
    c.exchange(
      (t) => t.tpl(rng.pick(ASK_CODE[p.region]!)),
      (t) => t.tpl(c.answer(GIVE_CODE[p.region]!), { code: postcodeSlot(c, p.address, t.style) }),
    );
  }
}

/** The customer's e-mail sign-off: name, and sometimes phone and address. */
export function customerSignature(c: Ctx, t: Parameters<Parameters<Ctx['customer']>[0]>[0]): void {
  const p = c.persona;
  const rng = c.rng;
  t.say(rng.pick(['Thanks,\n', 'Kind regards,\n', 'Best,\n', 'Many thanks\n', 'Cheers,\n', 'Regards,\n']));
  t.tpl(rng.pick(SIGNATURE_CUSTOMER), {
    name: c.name(p.customer, rng.chance(0.7) ? 'full' : 'first', 'clean'),
    phone: () => phoneSlot(c, p.phone, 'clean'),
    address: () => addressSlot(c, p.address, 'clean'),
  });
}
