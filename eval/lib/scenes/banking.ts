/**
 * Refunds to a bank account: US customers give a routing and an account number, UK customers a
 * sort code and an account number (or an IBAN), Irish customers an IBAN. The entity list has one
 * bank-account type (US_BANK_NUMBER, Presidio's name); a UK account number is labelled with it too,
 * with variant "uk-account", because it is just as sensitive.
 */
import type { Ctx } from '../context.js';
import { digitsSlot, ibanSlot, sortCodeSlot } from '../slots.js';
import { newIban, newRouting, newSortCode, newUkAccount, newUsAccount } from '../values/banking.js';

const ASK_US = [
  'For the refund by bank transfer I will need your routing number and account number.',
  'Can I get the routing number and the account number for the refund?',
  'What are the bank details for the refund, routing and account number?',
];
const GIVE_US = [
  'The routing number is {aba} and the account number is {acct}.',
  'Routing {aba}, account {acct}.',
  'ABA routing number {aba}, checking account number {acct}.',
  'Sure, routing number {aba}, and my account number is {acct}.',
];
const GIVE_US_SPLIT = [
  ['Okay the routing number is {aba}.', 'And the account number is {acct}.'],
  ['Routing is {aba}.', 'Account number {acct}.'],
] as const;
const ASK_UK = [
  'Can I take your sort code and account number for the refund?',
  'Which account should the refund go to? Sort code and account number please.',
];
const GIVE_UK = [
  'Sort code {sc}, account number {acct}.',
  'The sort code is {sc} and the account number is {acct}.',
  "It's sort code {sc}, account {acct}.",
  'My sort code is {sc}, and the account number {acct}.',
];
const ASK_IBAN = [
  'Could you give me your IBAN for the refund?',
  'Can you send me the IBAN of the account the refund should go to?',
  'What IBAN should we refund to?',
];
const GIVE_IBAN = [
  'My IBAN is {iban}.',
  'IBAN: {iban}',
  "Sure, it's {iban}.",
  'The IBAN is {iban} and the account is in my name.',
  'Please refund to {iban}.',
];

export function banking(c: Ctx): void {
  const rng = c.rng;
  const region = c.persona.region;
  const useIban =
    region === 'IE' || (region === 'GB' && rng.chance(0.3)) || (region === 'US' && rng.chance(0.05));
  if (useIban) {
    const iban = newIban(
      rng,
      region === 'IE'
        ? ['IE', 'IE', 'DE', 'FR', 'ES', 'NL', 'IT']
        : region === 'GB'
          ? ['GB', 'GB', 'IE', 'DE']
          : undefined,
    );
    c.exchange(
      (t) => t.tpl(rng.pick(ASK_IBAN)),
      (t) => t.tpl(c.answer(GIVE_IBAN), { iban: ibanSlot(c, iban, t.style) }),
    );
    return;
  }
  if (region === 'GB') {
    const sc = newSortCode(rng);
    const acct = newUkAccount(rng);
    c.exchange(
      (t) => t.tpl(rng.pick(ASK_UK)),
      (t) =>
        t.tpl(rng.pick(GIVE_UK), {
          sc: sortCodeSlot(c, sc, t.style),
          acct: digitsSlot(c, 'US_BANK_NUMBER', acct, [4, 4], () => acct, t.style, 'uk-account'),
        }),
    );
    return;
  }
  const aba = newRouting(rng);
  const acct = newUsAccount(rng);
  const abaSlot = (style: Parameters<typeof digitsSlot>[5]) =>
    digitsSlot(c, 'ABA_ROUTING_NUMBER', aba, [3, 3, 3], () => aba, style);
  const acctGroups = acct.length <= 8 ? [4, acct.length - 4] : [3, 3, acct.length - 6];
  const acctSlot = (style: Parameters<typeof digitsSlot>[5]) =>
    digitsSlot(c, 'US_BANK_NUMBER', acct, acctGroups, () => acct, style, 'us-account');
  if (!c.email && rng.chance(0.4)) {
    const [first, second] = rng.pick(GIVE_US_SPLIT);
    c.agent((t) => t.tpl(rng.pick(ASK_US)));
    c.customer((t) => t.tpl(first, { aba: abaSlot(t.style) }));
    c.agent((t) => t.say(rng.pick(['Okay.', 'Got it, and the account number?', 'Thank you.'])));
    c.customer((t) => t.tpl(second, { acct: acctSlot(t.style) }));
    return;
  }
  c.exchange(
    (t) => t.tpl(rng.pick(ASK_US)),
    (t) => t.tpl(rng.pick(GIVE_US), { aba: abaSlot(t.style), acct: acctSlot(t.style) }),
  );
}
