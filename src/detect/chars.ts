/**
 * Character tests on a text at an index, shared by the recognizers that read words themselves
 * (names, addresses). Code-unit checks first: almost every character is ASCII, and a regex or a
 * case mapping only runs for the rest.
 */

const LETTER_RE = /\p{L}/u;

/** A letter of any script (ASCII and Latin-1/Extended-A/B without regex). */
export function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return true;
  if (c < 0xc0 || Number.isNaN(c)) return false;
  if (c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  return LETTER_RE.test(text[i]!);
}

export function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

export function isAlnum(text: string, i: number): boolean {
  return isDigit(text, i) || isLetter(text, i);
}

/** An ASCII letter, by code unit: for readers that work on char codes ("card4111…", IBAN tails). */
export function isAsciiLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** An ASCII letter or digit, by code unit. */
export function isAsciiAlnumCode(c: number): boolean {
  return isAsciiLetterCode(c) || (c >= 48 && c <= 57);
}

/** An upper-case letter (any script with case). */
export function isUpper(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 65 && c <= 90) return true;
  if (c < 0xc0 || Number.isNaN(c)) return false;
  const ch = text[i]!;
  return ch !== ch.toLowerCase();
}

/** Past at most `max` spaces, tabs or no-break spaces from `i`. */
export function skipSpaces(text: string, i: number, max = 3): number {
  let j = i;
  while (j < text.length && j - i < max && (text[j] === ' ' || text[j] === '\t' || text[j] === '\u00a0')) j++;
  return j;
}

/** Back over at most `max` spaces, tabs or no-break spaces before `i`. */
export function skipSpacesBack(text: string, i: number, max = 3): number {
  let j = i;
  while (j > 0 && i - j < max && (text[j - 1] === ' ' || text[j - 1] === '\t' || text[j - 1] === '\u00a0'))
    j--;
  return j;
}
