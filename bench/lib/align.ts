/**
 * Recovers redacted ranges from a library that only returns the redacted text: the placeholders
 * ("PHONE_NUMBER", "EMAIL_ADDRESS") are found in the output and the literal text between them is
 * matched back into the original, left to right. Each placeholder consumes at least one character;
 * where a literal occurs more than once, the leftmost placement that still lets the rest match is
 * used (the leftmost choice always leaves the most room for what follows). Two placeholders with no
 * text between them become one range with the first label.
 */

export interface Redaction {
  start: number;
  end: number;
  label: string;
}

/** Ranges and labels, or null when the output is not the input with placeholders substituted. */
export function alignRedacted(original: string, redacted: string, placeholders: RegExp): Redaction[] | null {
  if (original === redacted) return [];
  const re = new RegExp(
    placeholders.source,
    placeholders.flags.includes('g') ? placeholders.flags : `${placeholders.flags}g`,
  );
  const parts: Array<{ literal: string } | { label: string }> = [];
  let last = 0;
  for (let m = re.exec(redacted); m !== null; m = re.exec(redacted)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (m.index > last) parts.push({ literal: redacted.slice(last, m.index) });
    const prev = parts[parts.length - 1];
    if (!(prev && 'label' in prev)) parts.push({ label: m[0] });
    last = m.index + m[0].length;
  }
  if (last < redacted.length) parts.push({ literal: redacted.slice(last) });

  const out: Redaction[] = [];
  let pos = 0;
  let pending: { label: string; start: number } | null = null;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if ('label' in p) {
      pending = { label: p.label, start: pos };
      continue;
    }
    const lit = p.literal;
    let at: number;
    if (!pending) {
      if (!original.startsWith(lit, pos)) return null;
      at = pos;
    } else if (k === parts.length - 1) {
      at = original.length - lit.length;
      if (at < pending.start + 1 || !original.endsWith(lit)) return null;
    } else {
      at = original.indexOf(lit, pending.start + 1);
      if (at < 0) return null;
    }
    if (pending) {
      out.push({ start: pending.start, end: at, label: pending.label });
      pending = null;
    }
    pos = at + lit.length;
  }
  if (pending) {
    if (pending.start >= original.length) return null;
    out.push({ start: pending.start, end: original.length, label: pending.label });
  } else if (pos !== original.length) return null;
  return out;
}

/** The fallback when alignment fails: everything between the common prefix and suffix, unlabelled. */
export function changedRegion(original: string, redacted: string): Redaction[] {
  let a = 0;
  while (a < original.length && a < redacted.length && original[a] === redacted[a]) a++;
  let b = 0;
  while (
    b < original.length - a &&
    b < redacted.length - a &&
    original[original.length - 1 - b] === redacted[redacted.length - 1 - b]
  )
    b++;
  return a < original.length - b ? [{ start: a, end: original.length - b, label: 'UNALIGNED' }] : [];
}
