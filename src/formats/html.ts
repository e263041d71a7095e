/**
 * HTML to plain text for email bodies that have no text part. A single forward scan with
 * indexOf (no regular expression over the markup), so hostile HTML costs linear time: block
 * tags become line breaks, script/style/head content and comments are dropped, entities are
 * decoded.
 */
const BLOCK_TAGS = new Set([
  'br',
  'p',
  'div',
  'tr',
  'li',
  'ul',
  'ol',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'hr',
  'section',
  'article',
  'header',
  'footer',
]);
const SKIP_CONTENT = new Set(['script', 'style', 'head', 'title']);

const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ndash: '–',
  mdash: '—',
  hellip: '…',
  copy: '©',
  reg: '®',
  euro: '€',
  pound: '£',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code === 0xa0 ? 0x20 : code) : m;
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

function tagName(tag: string): string {
  let i = tag[0] === '/' ? 1 : 0;
  let name = '';
  while (i < tag.length && /[a-z0-9]/i.test(tag[i]!)) name += tag[i++]!.toLowerCase();
  return name;
}

export function htmlToText(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      out += decodeEntities(html.slice(i));
      break;
    }
    out += decodeEntities(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) {
      out += decodeEntities(html.slice(lt));
      break;
    }
    const name = tagName(html.slice(lt + 1, Math.min(gt, lt + 20)));
    const closing = html[lt + 1] === '/';
    i = gt + 1;
    if (!closing && SKIP_CONTENT.has(name)) {
      // Skip to the matching close tag, case-insensitively, without lower-casing the whole document.
      const close = `</${name}`;
      let j = i;
      let found = -1;
      while (j < html.length) {
        const k = html.indexOf('</', j);
        if (k === -1) break;
        if (html.slice(k, k + close.length).toLowerCase() === close) {
          found = k;
          break;
        }
        j = k + 2;
      }
      if (found === -1) break;
      const end = html.indexOf('>', found);
      i = end === -1 ? html.length : end + 1;
      continue;
    }
    if (BLOCK_TAGS.has(name)) out += '\n';
    else if (name === 'td' || name === 'th') out += closing ? '' : '\t';
  }
  // Collapse runs of blank lines and trailing spaces the markup left behind.
  return out
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
