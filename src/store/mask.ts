/**
 * Masked forms of personal fields, for the default (redacted) view: enough for an agent to recognise
 * a customer on the phone, not enough to copy an identity out of a screen or a log.
 */
function maskWord(w: string): string {
  const chars = [...w];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 8));
}

/** "Jane Doe" -> "J*** D**". */
export function maskName(name: string): string {
  return name.trim().split(/\s+/).map(maskWord).join(' ');
}

/** "jane.doe@example.com" -> "j*******@example.com" (the domain is kept: it is rarely personal). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskWord(email);
  return `${maskWord(email.slice(0, at))}${email.slice(at)}`;
}

/** "+44 7700 900123" -> "+** **** ***123": the last three digits, separators kept. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  let seen = 0;
  let out = '';
  for (const ch of phone) {
    if (ch >= '0' && ch <= '9') {
      seen++;
      out += seen > digits - 3 ? ch : '*';
    } else out += ch;
  }
  return out;
}

/** Identifiers (customer external ids): the last four characters. */
export function maskId(id: string): string {
  const chars = [...id];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return '*'.repeat(Math.min(chars.length - 4, 8)) + chars.slice(-4).join('');
}

/** "Alice <alice@example.com>" -> "A**** <a****@example.com>". */
export function maskMailbox(box: string): string {
  const m = /^(.*)<([^<>]{1,320})>\s*$/.exec(box);
  if (!m) return maskEmail(box.trim());
  const name = m[1]!.trim().replace(/^"|"$/g, '');
  return `${name ? `${maskName(name)} ` : ''}<${maskEmail(m[2]!)}>`;
}

/** A URL reduced to its scheme and host: the path of a recording link identifies the call. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '…';
  }
}

/** IPv4: the first two octets; IPv6: the first two groups. */
export function maskIp(ip: string): string {
  if (ip.includes(':')) return `${ip.split(':').slice(0, 2).join(':')}:…`;
  const parts = ip.split('.');
  return parts.length === 4 ? `${parts[0]}.${parts[1]}.*.*` : '…';
}
