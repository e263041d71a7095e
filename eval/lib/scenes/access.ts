/**
 * Account access: the customer cannot log in and gives away the password (typed, or spelled out
 * on the phone), and mentions where they connected from.
 */
import type { Ctx } from '../context.js';
import { spell } from '../spoken.js';
import { newIpv4, newIpv6 } from '../values/contact.js';
import { newPassword, newSpellablePassword } from '../values/people.js';

const GIVE_PASSWORD = [
  "I can't log in, my password is {pw} and it says invalid.",
  'My password is {pw}, can you check it?',
  'password: {pw}',
  'The password I am using is {pw}.',
  'I changed my password to {pw} yesterday and now it does not work.',
  'Login is my email and the password is {pw}.',
  'I think the password was {pw} but it is not accepting it.',
  'my pwd is {pw}',
  'Username is my email, password {pw}.',
  'I set the password as {pw} when I registered.',
];
const AGENT_WARN = [
  'Please never share your password with us, I will send you a reset link instead.',
  'Thanks, but you should not give your password to anyone. Let me send a reset link.',
  "I'll reset it for you, and please change it once you're in.",
];
const GIVE_IP = [
  'I connected from {ip} if that helps.',
  'My IP address is {ip}.',
  'The error page said my IP was {ip}.',
  'I am at work, our office IP is {ip}.',
];
const AGENT_IP = ['I can see login attempts from {ip}.', 'The last login came from {ip}, was that you?'];

export function access(c: Ctx): void {
  const rng = c.rng;
  c.customer(
    (t) =>
      t.say(
        rng.pick([
          "I also can't get into my account.",
          'And I am locked out of the website.',
          'Also my login is not working.',
        ]),
      ),
    true,
  );
  c.customer((t) => {
    let pw: ReturnType<Ctx['v']>;
    if (c.voice && t.style === 'asr' && rng.chance(0.6)) {
      pw = c.v('PASSWORD', spell(newSpellablePassword(rng), rng, { marksCase: true }), 'spoken');
    } else {
      pw = c.v('PASSWORD', newPassword(rng), 'typed');
    }
    t.tpl(rng.pick(GIVE_PASSWORD), { pw });
  }, true);
  c.agent((t) => t.tpl(rng.pick(AGENT_WARN)));
  if (rng.chance(0.5)) {
    const ipv = (): ReturnType<Ctx['v']> => {
      const ip = rng.chance(0.8) ? newIpv4(rng) : newIpv6(rng);
      return c.v('IP_ADDRESS', ip, 'typed', ip.includes(':') ? 'ipv6' : 'ipv4');
    };
    if (rng.chance(0.5)) c.customer((t) => t.tpl(rng.pick(GIVE_IP), { ip: ipv() }), true);
    else c.agent((t) => t.tpl(rng.pick(AGENT_IP), { ip: ipv() }));
  }
}
