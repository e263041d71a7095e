/**
 * One-for-one folding of look-alike characters before detection: full-width forms ("４１１１",
 * "ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ"), Unicode hyphens and dashes ("4111–1111–1111–1111", as word
 * processors and mail clients rewrite "-"), and the spaces that are not U+0020 (no-break, thin,
 * figure, ideographic, zero-width). Every recognizer is written for ASCII digits, "-" and " "; this
 * lets all of them see these forms without a copy of each rule.
 *
 * Each folded character is one UTF-16 unit and becomes one, so the folded text has the original's
 * length and every range found in it is a range of the original text: redaction and reported
 * ranges need no map back. The em dash (U+2014) and horizontal bar are kept: they are punctuation
 * ("thanks — Jane") far more often than a digit separator, and the signature cue reads them.
 */

/** Whether a text holds anything to fold: one scan of a character class, nothing else for plain text. */
const FOLDABLE_RE =
  /[\u00a0\u2000-\u200d\u2010-\u2013\u202f\u205f-\u2063\u2212\u3000\ufe63\ufeff\uff01-\uff5e]/;

function foldCode(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0; // full-width ASCII
  if ((c >= 0x2010 && c <= 0x2013) || c === 0x2212 || c === 0xfe63) return 45; // '-'
  if (c === 0xa0 || (c >= 0x2000 && c <= 0x200d) || c === 0x202f || (c >= 0x205f && c <= 0x2063)) return 32;
  if (c === 0x3000 || c === 0xfeff) return 32;
  return c;
}

/**
 * Any character from U+00A0 up: a one-range class that V8 scans far faster than FOLDABLE_RE's
 * ranges, so plain ASCII text (most text) pays for one quick scan.
 */
const BEYOND_ASCII_RE = /[^\u0000-\u009f]/;

/** `text` with look-alike characters folded to ASCII; the same string when there are none. */
export function foldText(text: string): string {
  if (!BEYOND_ASCII_RE.test(text) || !FOLDABLE_RE.test(text)) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = foldCode(c);
    if (f === c) continue;
    out += text.slice(from, i) + String.fromCharCode(f);
    from = i + 1;
  }
  return out + text.slice(from);
}
