/**
 * An independent reader of spoken identifiers, written for the tests: turns the words of a labelled
 * spoken value back into digits and letters, the way a human listener would, so the tests can check
 * that every spoken label really says a valid value. Deliberately not the engine's number reader.
 */

const UNITS: Record<string, string> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const TEENS: Record<string, string> = {
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
  fourteen: '14',
  fifteen: '15',
  sixteen: '16',
  seventeen: '17',
  eighteen: '18',
  nineteen: '19',
};
const TENS: Record<string, string> = {
  twenty: '2',
  thirty: '3',
  forty: '4',
  fifty: '5',
  sixty: '6',
  seventy: '7',
  eighty: '8',
  ninety: '9',
};
const NATO: Record<string, string> = {
  alpha: 'a',
  bravo: 'b',
  charlie: 'c',
  delta: 'd',
  echo: 'e',
  foxtrot: 'f',
  golf: 'g',
  hotel: 'h',
  india: 'i',
  juliet: 'j',
  kilo: 'k',
  lima: 'l',
  mike: 'm',
  november: 'n',
  oscar: 'o',
  papa: 'p',
  quebec: 'q',
  romeo: 'r',
  sierra: 's',
  tango: 't',
  uniform: 'u',
  victor: 'v',
  whiskey: 'w',
  'x-ray': 'x',
  yankee: 'y',
  zulu: 'z',
};
const SKIP = new Set(['uh', 'um', 'er', 'uhm', 'dash', 'slash']);

interface Tok {
  w: string;
  pauseAfter: boolean;
}

function tokens(s: string): Tok[] {
  return s
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => ({ w: w.replace(/,$/, ''), pauseAfter: w.endsWith(',') }));
}

/**
 * Digits said in `s` ("forty one eleven" -> "4111"). With `letters`, single letters and NATO words
 * are read as letters (lower case, or upper case after "capital"; a lone "o" is the letter, zero is
 * "oh" or "zero" when spelling). Throws on a word it cannot read.
 */
export function readSpoken(s: string, letters = false): string {
  const t = tokens(s);
  let out = '';
  let capital = false;
  for (let i = 0; i < t.length; i++) {
    const { w, pauseAfter } = t[i]!;
    if (SKIP.has(w)) continue;
    if (/^\d+$/.test(w)) out += w;
    else if (w === 'capital') {
      capital = true;
      continue;
    } else if (letters && /^[a-z]$/.test(w)) out += capital ? w.toUpperCase() : w;
    else if (letters && NATO[w]) out += capital ? NATO[w]!.toUpperCase() : NATO[w];
    else if (UNITS[w] !== undefined) out += UNITS[w];
    else if (TEENS[w] !== undefined) out += TEENS[w];
    else if (TENS[w] !== undefined) {
      const next = t[i + 1];
      if (!pauseAfter && next && UNITS[next.w] !== undefined && UNITS[next.w] !== '0') {
        out += TENS[w] + UNITS[next.w];
        i++;
      } else out += `${TENS[w]}0`;
    } else if (w === 'double' || w === 'triple') {
      const next = t[i + 1];
      const d = next ? UNITS[next.w] : undefined;
      if (d === undefined) throw new Error(`"${w}" without a digit after it`);
      out += d.repeat(w === 'double' ? 2 : 3);
      i++;
    } else if (w === 'hundred') out += '00';
    else throw new Error(`cannot read "${w}"`);
    capital = false;
  }
  return out;
}
