/**
 * Identity checks: date of birth (everyone), and the national number of the customer's country
 * (SSN for a US trade-credit application, National Insurance number, PPS number).
 */
import type { Ctx } from '../context.js';
import { dobSlot, ninoSlot, ppsnSlot, ssnSlot } from '../slots.js';
import { newNino, newPpsn, newSsn } from '../values/national.js';

const ASK_DOB = [
  'Can you confirm your date of birth please?',
  "What's your date of birth?",
  'For security, could I have your date of birth?',
  'And your DOB?',
];
const GIVE_DOB = [
  '{dob}',
  "It's {dob}.",
  'I was born on {dob}.',
  'Date of birth is {dob}.',
  'Sure, {dob}.',
  'dob {dob}',
  'My birthday is {dob}.',
  'Born {dob}.',
  'It should say {dob} on the account.',
];
const EMAIL_DOB = [
  'My date of birth is {dob}, in case you need it for security.',
  'For verification, my DOB is {dob}.',
];

const ASK_SSN = [
  'To open the trade credit account I will need your Social Security number.',
  'For the credit check, can I have your SSN?',
  'What is your social security number?',
];
const GIVE_SSN = [
  "It's {ssn}.",
  'My social is {ssn}.',
  'SSN {ssn}',
  'Sure, {ssn}.',
  'My social security number is {ssn}.',
];
const ASK_NINO = [
  'For the payroll print account we need your National Insurance number.',
  'Can you give me your NI number for verification?',
  'What is your national insurance number?',
];
const GIVE_NINO = ["It's {nino}.", 'My NI number is {nino}.', 'National Insurance number {nino}.', '{nino}'];
const ASK_PPSN = [
  'For the grant invoice we need your PPS number.',
  'Can I have your PPSN please?',
  'What is your PPS number?',
];
const GIVE_PPSN = ['My PPS number is {ppsn}.', "It's {ppsn}.", 'PPSN {ppsn}', '{ppsn}'];

export function identity(c: Ctx): void {
  const rng = c.rng;
  const { region, dob } = c.persona;
  if (rng.chance(0.85)) {
    c.exchange(
      (t) => t.tpl(rng.pick(ASK_DOB)),
      (t) => t.tpl(rng.pick(c.email ? EMAIL_DOB : GIVE_DOB), { dob: dobSlot(c, dob, t.style, region) }),
    );
  }
  if (rng.chance(0.6)) {
    if (region === 'US') {
      const ssn = newSsn(rng);
      c.exchange(
        (t) => t.tpl(rng.pick(ASK_SSN)),
        (t) => t.tpl(c.answer(GIVE_SSN), { ssn: ssnSlot(c, ssn, t.style) }),
      );
    } else if (region === 'GB') {
      const nino = newNino(rng);
      c.exchange(
        (t) => t.tpl(rng.pick(ASK_NINO)),
        (t) => t.tpl(c.answer(GIVE_NINO), { nino: ninoSlot(c, nino, t.style) }),
      );
    } else {
      const ppsn = newPpsn(rng);
      c.exchange(
        (t) => t.tpl(rng.pick(ASK_PPSN)),
        (t) => t.tpl(c.answer(GIVE_PPSN), { ppsn: ppsnSlot(c, ppsn, t.style) }),
      );
    }
  }
}
