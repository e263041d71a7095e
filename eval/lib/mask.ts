/**
 * Masks text for error reports: engineers see the shape of what was missed ("#### #### ...",
 * "x*** dot x** at x**** dot x**", "# # double #") without the value. The corpus is synthetic, but
 * reports get pasted into tickets, so the habit is kept.
 */

const NUMBER_WORDS = new Set(
  `zero oh o nought one two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen twenty thirty forty fourty fifty sixty seventy eighty ninety`.split(
    /\s+/,
  ),
);
/** Structure words that say how a value was read; showing them is what makes a report useful. */
const STRUCTURE_WORDS = new Set(
  `dot at underscore dash hyphen plus double triple treble hundred thousand uh um er uhm ah slash capital
and of the space`.split(/\s+/),
);

/** One word of a value: digits and number words to '#', structure words kept, letters to 'x'/'X' then '*'. */
export function maskWord(w: string): string {
  const lower = w.toLowerCase();
  if (NUMBER_WORDS.has(lower)) return '#';
  if (STRUCTURE_WORDS.has(lower)) return lower;
  let out = '';
  let first = true;
  for (const ch of w) {
    const c = ch.charCodeAt(0);
    if (c >= 48 && c <= 57) out += '#';
    else if (/\p{L}/u.test(ch)) {
      out += first ? (ch === ch.toUpperCase() ? 'X' : 'x') : '*';
      first = false;
    } else out += ch;
  }
  return out;
}

/** Masks every word of `s`, keeping separators. */
export function maskValue(s: string): string {
  return s.replace(/[^\s,;:()<>\-/.@+]+/g, (w) => maskWord(w));
}

/** Context around a value: digits masked; words inside any of `spans` masked like a value. */
export function maskContext(
  text: string,
  from: number,
  to: number,
  spans: ReadonlyArray<{ start: number; end: number }>,
): string {
  let out = '';
  const re = /\S+|\s+/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null = re.exec(text);
  while (m !== null && m.index < to) {
    const ws = m.index;
    const we = Math.min(m.index + m[0].length, to);
    const w = text.slice(ws, we);
    if (/^\s+$/.test(w)) out += w.includes('\n') ? ' / ' : ' ';
    else if (spans.some((s) => s.start < we && ws < s.end)) out += maskValue(w);
    else out += w.replace(/\d/g, '#');
    m = re.exec(text);
  }
  return out;
}
