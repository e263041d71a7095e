/**
 * Builds turn texts together with their labels. Literal words go through the turn's style (a
 * speech-recognition transcript is lower case without punctuation); sensitive values and hard
 * negatives are inserted verbatim and their ranges recorded as they are appended, so a label can
 * never drift from its text.
 */
import type { BuiltinEntityType } from '../../src/detect/types.js';
import type { Form, NegativeKind } from './types.js';

/** `asr`: lower case, no punctuation. `clean`: a cleaned-up transcript or typed text. `casual`: chat typed in lower case. */
export type Style = 'asr' | 'clean' | 'casual';

export interface Val {
  type: BuiltinEntityType;
  text: string;
  form: Form;
  group?: number;
  variant?: string;
}

export interface Neg {
  neg: NegativeKind;
  text: string;
}

/** What a template slot takes: a plain string (styled like the template), a value or a negative. */
export type Slot = string | Val | Neg;
/** A slot or a function making it: only the slots a template uses are drawn. */
export type SlotSource = Slot | (() => Slot);

export interface LocalLabel {
  start: number;
  end: number;
  type: BuiltinEntityType;
  form: Form;
  group?: number;
  variant?: string;
}

export interface LocalNeg {
  start: number;
  end: number;
  kind: NegativeKind;
}

const ASR_PUNCT = /[.,!?;:"()]+/g;
const asrCache = new Map<string, string>();
const casualCache = new Map<string, string>();

function asr(s: string): string {
  let out = asrCache.get(s);
  if (out === undefined) {
    out = s.toLowerCase().replace(ASR_PUNCT, '').replace(/ {2,}/g, ' ');
    if (asrCache.size < 50_000) asrCache.set(s, out);
  }
  return out;
}

function casual(s: string): string {
  let out = casualCache.get(s);
  if (out === undefined) {
    out = s.toLowerCase().replace(/[.!]+$/g, '');
    if (casualCache.size < 50_000) casualCache.set(s, out);
  }
  return out;
}

/** A template compiled once: literal parts already styled for each style, slots by name. */
type Part = { slot: string } | { slot: undefined; text: Record<Style, string> };
const templateCache = new Map<string, Part[]>();

function literal(text: string): Part {
  return { slot: undefined, text: { clean: text, asr: asr(text), casual: casual(text) } };
}

function parse(template: string): Part[] {
  let parts = templateCache.get(template);
  if (parts) return parts;
  parts = [];
  const re = /\{(\w+)\}/g;
  let last = 0;
  let m: RegExpExecArray | null = re.exec(template);
  while (m !== null) {
    if (m.index > last) parts.push(literal(template.slice(last, m.index)));
    parts.push({ slot: m[1]! });
    last = m.index + m[0].length;
    m = re.exec(template);
  }
  if (last < template.length) parts.push(literal(template.slice(last)));
  templateCache.set(template, parts);
  return parts;
}

export class TurnText {
  text = '';
  labels: LocalLabel[] = [];
  negs: LocalNeg[] = [];
  readonly style: Style;

  constructor(style: Style) {
    this.style = style;
  }

  /** Literal words, styled. */
  say(s: string): this {
    this.text += this.style === 'asr' ? asr(s) : this.style === 'casual' ? casual(s) : s;
    return this;
  }

  /** Literal text kept exactly as given (e-mail headers, quoted lines). */
  raw(s: string): this {
    this.text += s;
    return this;
  }

  add(slot: Slot): this {
    if (typeof slot === 'string') return this.say(slot);
    const start = this.text.length;
    this.text += slot.text;
    if ('neg' in slot) {
      this.negs.push({ start, end: this.text.length, kind: slot.neg });
    } else {
      const label: LocalLabel = { start, end: this.text.length, type: slot.type, form: slot.form };
      if (slot.group !== undefined) label.group = slot.group;
      if (slot.variant !== undefined) label.variant = slot.variant;
      this.labels.push(label);
    }
    return this;
  }

  /**
   * Fills `{name}` slots of a template; literal parts are styled, values inserted verbatim. Slots come
   * from a map or from a resolver called for each slot the template uses.
   */
  tpl(template: string, slots: Readonly<Record<string, SlotSource>> | ((name: string) => Slot) = {}): this {
    for (const p of parse(template)) {
      if (p.slot === undefined) this.text += p.text[this.style];
      else if (typeof slots === 'function') this.add(slots(p.slot));
      else {
        const v = slots[p.slot];
        if (v === undefined) throw new Error(`E_EVAL_TEMPLATE: no value for slot {${p.slot}}`);
        this.add(typeof v === 'function' ? v() : v);
      }
    }
    return this;
  }

  /** Appends another turn text (its labels shift with it). */
  append(other: TurnText): this {
    const at = this.text.length;
    this.text += other.text;
    for (const l of other.labels) this.labels.push({ ...l, start: l.start + at, end: l.end + at });
    for (const n of other.negs) this.negs.push({ ...n, start: n.start + at, end: n.end + at });
    return this;
  }

  /**
   * Appends `other` as an e-mail quote: every line prefixed with "> ". Values never contain a line
   * break, so each label moves by the prefixes before its line.
   */
  appendQuoted(other: TurnText): this {
    const at = this.text.length;
    const src = other.text;
    this.text += `> ${src.replace(/\n/g, '\n> ')}`;
    // A position p of `src` moves by two characters for every line start at or before it.
    const shift = (p: number): number => {
      let lines = 1;
      for (let i = src.indexOf('\n'); i !== -1 && i < p; i = src.indexOf('\n', i + 1)) lines++;
      return at + p + 2 * lines;
    };
    for (const l of other.labels) {
      const start = shift(l.start);
      const moved: LocalLabel = { start, end: start + (l.end - l.start), type: l.type, form: l.form };
      if (l.group !== undefined) moved.group = l.group;
      if (l.variant !== undefined) moved.variant = l.variant;
      this.labels.push(moved);
    }
    for (const n of other.negs) {
      const start = shift(n.start);
      this.negs.push({ start, end: start + (n.end - n.start), kind: n.kind });
    }
    return this;
  }

  get length(): number {
    return this.text.length;
  }
}
