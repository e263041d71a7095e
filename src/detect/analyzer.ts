/**
 * The analyzer: runs the selected recognizers over a text (or a conversation), drops weak
 * findings and resolves overlaps. It holds a registry and nothing else, so one analyzer serves
 * any number of texts and threads.
 */
import { ConversationText } from './conversation.js';
import { foldText } from './fold.js';
import { findNumberSpans, JUNCTION_WORDS, type NumberSpan, TURN_JUNCTION } from './numbers.js';
import type { Recognizer, RecognizerRegistry } from './recognizer.js';
import type { DetectOptions, EntityType, Finding, Turn, TurnFinding } from './types.js';
import { resolveOptions, TextView } from './view.js';

/** When two findings overlap and score alike, the more specific type wins. */
const TYPE_PRIORITY: Record<string, number> = {
  CREDIT_CARD: 100,
  IBAN_CODE: 95,
  CARD_CVV: 90,
  CARD_EXPIRY: 88,
  US_SSN: 85,
  UK_NINO: 85,
  IE_PPSN: 85,
  ABA_ROUTING_NUMBER: 80,
  UK_SORT_CODE: 78,
  US_BANK_NUMBER: 75,
  EMAIL_ADDRESS: 70,
  PASSWORD: 68,
  IP_ADDRESS: 65,
  DATE_OF_BIRTH: 60,
  PHONE_NUMBER: 55,
  POSTAL_ADDRESS: 40,
  PERSON: 30,
};

const DEFAULT_MIN_SCORE = 0.5;
/** Characters of earlier turns that count as context for the next turn. */
const PRIOR_CONTEXT_CHARS = 160;
/** An interjection of the other speaker has at most this many words, all backchannel words. */
const INTERJECTION_MAX_WORDS = 5;
/** Value types that one speaker may split over turns; only these are looked for across turns. */
const SPLIT_TYPES: ReadonlySet<EntityType> = new Set<EntityType>([
  'CREDIT_CARD',
  'IBAN_CODE',
  'ABA_ROUTING_NUMBER',
  'US_BANK_NUMBER',
  'UK_SORT_CODE',
  'US_SSN',
  'UK_NINO',
  'IE_PPSN',
  'PHONE_NUMBER',
]);
/** Characters at the end of the first and the start of the last turn of a chain joined for split values. */
const SPLIT_WINDOW = 240;
/** A middle turn longer than this is not one part of a value spoken in pieces. */
const MAX_MIDDLE_TURN = 400;
/** How many turns a split number may span. */
const MAX_SPLIT_TURNS = 6;

/** The turns with their texts folded (see fold.ts); the same array when no text changes. */
function foldTurns(turns: readonly Turn[]): readonly Turn[] {
  let folded: Turn[] | undefined;
  for (let i = 0; i < turns.length; i++) {
    const text = foldText(turns[i]!.text);
    if (text === turns[i]!.text) continue;
    folded ??= turns.slice();
    folded[i] = { ...turns[i]!, text };
  }
  return folded ?? turns;
}

function priority(type: EntityType): number {
  return TYPE_PRIORITY[type] ?? 50;
}

/** Greedy overlap resolution: best score first, then longer, then the more specific type. */
export function resolveOverlaps<T extends Finding>(findings: T[]): T[] {
  if (findings.length < 2) return findings;
  const sorted = [...findings].sort(
    (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || priority(b.type) - priority(a.type),
  );
  // Kept findings never overlap, so marking the characters they cover costs at most the text
  // length, and checking a candidate costs its own length: no scan of everything kept so far,
  // which was quadratic on a text full of values (a pasted list of 80,000 emails took 10 s).
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const f of findings) {
    if (f.start < lo) lo = f.start;
    if (f.end > hi) hi = f.end;
  }
  const taken = new Uint8Array(Math.max(0, hi - lo));
  const kept: T[] = [];
  for (const f of sorted) {
    if (f.end <= f.start) continue;
    let free = true;
    for (let i = f.start - lo; i < f.end - lo; i++) {
      if (taken[i] === 1) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, f.start - lo, f.end - lo);
    kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

export class Analyzer {
  readonly registry: RecognizerRegistry;
  /** The full recognizer list, taken once: the registry is not meant to change under an analyzer. */
  private readonly all: Recognizer[];

  constructor(registry: RecognizerRegistry) {
    this.registry = registry;
    this.all = registry.list();
  }

  /** Findings in `text`, sorted by position, non-overlapping. */
  detect(text: string, options?: DetectOptions): Finding[] {
    return this.analyzeView(new TextView(foldText(text), resolveOptions(options)), options);
  }

  private analyzeView(view: TextView, options: DetectOptions | undefined): Finding[] {
    const raw: Finding[] = [];
    if (view.text.length === 0) return raw;
    const recognizers = options?.types ? this.registry.select(options.types) : this.all;
    for (const r of recognizers) r.analyze(view, raw);
    const minScore = options?.minScore ?? DEFAULT_MIN_SCORE;
    const want = options?.types ? new Set(options.types) : undefined;
    const kept = raw.filter((f) => f.score >= minScore && (!want || want.has(f.type)));
    return resolveOverlaps(kept);
  }

  /**
   * Findings in every turn of a conversation. Besides each turn on its own, this finds numbers
   * that one speaker splits over consecutive turns ("4111 1111" / "mhm" / "1111 1111"): each part
   * is reported in its own turn, with the type of the whole, and `split: true`.
   */
  detectConversation(original: readonly Turn[], options?: DetectOptions): TurnFinding[] {
    // Folded texts have the originals' lengths: ranges found in them are ranges of the originals.
    const turns = foldTurns(original);
    const resolved = resolveOptions(options);
    const conversation = new ConversationText(turns.map((t) => t.text));
    const prior = (i: number): string =>
      conversation.aligned ? conversation.priorContext(i, PRIOR_CONTEXT_CHARS) : priorContext(turns, i);
    const views: TextView[] = [];
    const perTurn: TurnFinding[][] = turns.map((turn, i) => {
      const view = new TextView(turn.text, resolved, i > 0 ? () => prior(i) : '', {
        text: conversation,
        turn: i,
      });
      views.push(view);
      const found = this.analyzeView(view, options) as TurnFinding[];
      for (const f of found) f.turn = i;
      return found;
    });
    const splitTypes = options?.types ? options.types.filter((t) => SPLIT_TYPES.has(t)) : [...SPLIT_TYPES];
    if (splitTypes.length === 0) return concat(perTurn);
    const splitOptions: DetectOptions = { ...options, types: splitTypes };
    const spansOf = (i: number): readonly NumberSpan[] => views[i]!.numberSpans;
    const computed = (i: number): readonly NumberSpan[] | undefined =>
      views[i]!.numberSpansReady ? views[i]!.numberSpans : undefined;
    for (const chain of splitChainsWithReadBacks(turns, spansOf, computed)) {
      const pieces = this.detectAcross(turns, chain.turns, splitOptions);
      for (const piece of [...pieces, ...readBackPieces(pieces, chain.readBacks)]) {
        const list = perTurn[piece.turn]!;
        // A split finding describes the value better than whatever its part looked like alone.
        const rest = list.filter(
          (f) => !(f.start < piece.end && piece.start < f.end) || f.score > piece.score + 0.2,
        );
        if (rest.some((f) => f.start < piece.end && piece.start < f.end)) continue;
        rest.push(piece);
        rest.sort((a, b) => a.start - b.start);
        perTurn[piece.turn] = rest;
      }
    }
    return concat(perTurn);
  }

  /** Joins the pieces of a chain into one virtual text and keeps the findings that cross a junction. */
  private detectAcross(
    turns: readonly Turn[],
    chain: number[],
    options: DetectOptions | undefined,
  ): TurnFinding[] {
    const segments: { turn: number; from: number; to: number; at: number }[] = [];
    let virtual = '';
    for (let k = 0; k < chain.length; k++) {
      const t = chain[k]!;
      const text = turns[t]!.text;
      // Only the end of the first turn and the start of the last one can hold part of a split value;
      // the window keeps enough before and after for context words.
      const from = k === 0 ? Math.max(0, text.length - SPLIT_WINDOW) : 0;
      const to = k === chain.length - 1 ? Math.min(text.length, SPLIT_WINDOW) : text.length;
      if (k > 0) virtual += ` ${TURN_JUNCTION} `;
      segments.push({ turn: t, from, to, at: virtual.length });
      virtual += text.slice(from, to);
    }
    // The joined text keeps the context said before the chain ("what's your phone number?").
    const prior = chain[0]! > 0 ? priorContext(turns, chain[0]!) : '';
    const view = new TextView(virtual, resolveOptions(options), prior);
    const found = this.analyzeView(view, options);
    const out: TurnFinding[] = [];
    for (const f of found) {
      const touched = segments.filter((s) => f.start < s.at + (s.to - s.from) && s.at < f.end);
      if (touched.length < 2) continue;
      for (const s of touched) {
        const text = turns[s.turn]!.text;
        let start = Math.max(f.start, s.at) - s.at + s.from;
        let end = Math.min(f.end, s.at + (s.to - s.from)) - s.at + s.from;
        while (start < end && /[\s,.;:-]/.test(text[start]!)) start++;
        // "then 1111" after "4111" / "mhm": the word that carried the number on is not part of it.
        const lead = LEAD_WORD_RE.exec(text.slice(start, Math.min(end, start + 12)));
        if (lead && start + lead[0].length < end) start += lead[0].length;
        while (end > start && /[\s,.;:-]/.test(text[end - 1]!)) end--;
        if (end <= start) continue;
        const piece: TurnFinding = { ...f, turn: s.turn, start, end, split: true };
        const part = partDigits(view.numberSpans, f, start - s.from + s.at, end - s.from + s.at);
        if (part) piece.part = part;
        out.push(piece);
      }
    }
    return out;
  }
}

/**
 * The listener's read-backs of a part of a value found across turns, as parts of that value: an
 * agent who repeats each group as the customer reads a card out says the card too. A read-back
 * repeats the last digits of the part it follows, so its `part` is those digits (none known: the
 * mask hides it all).
 */
function readBackPieces(pieces: readonly TurnFinding[], readBacks: readonly ReadBack[]): TurnFinding[] {
  const out: TurnFinding[] = [];
  for (const r of readBacks) {
    const of = pieces.find((p) => p.turn === r.of);
    if (!of) continue;
    const piece: TurnFinding = { ...of, turn: r.turn, start: r.start, end: r.end, split: true };
    delete piece.part;
    if (of.part && r.digits <= of.part.to - of.part.from)
      piece.part = { from: of.part.to - r.digits, to: of.part.to };
    out.push(piece);
  }
  return out;
}

/** A word opening a turn that carries a number on from the turn before (see numbers.ts JUNCTION_GAP_RE). */
const LEAD_WORD_RE = new RegExp(`^(?:${JUNCTION_WORDS})\\b[\\s,]*`, 'i');

/** The lists one after another (Array.prototype.flat is generic and was 1% of a conversation's time). */
function concat<T>(lists: readonly T[][]): T[] {
  let n = 0;
  for (const l of lists) n += l.length;
  const out: T[] = new Array(n);
  let k = 0;
  for (const l of lists) for (const x of l) out[k++] = x;
  return out;
}

/** Number of digits of `spans` whose characters start in [from, to). */
function digitsIn(spans: readonly NumberSpan[], from: number, to: number): number {
  let n = 0;
  for (const span of spans) {
    if (span.end <= from) continue;
    if (span.start >= to) break;
    for (let d = 0; d < span.starts.length; d++) {
      const at = span.starts[d]!;
      if (at >= from && at < to) n++;
    }
  }
  return n;
}

/**
 * Which digits of the whole value `f` the part at [from, to) of the joined text holds. Undefined
 * when the finding's digits cannot be told apart (its normalized form is not the digits it
 * covers): the mask then hides the whole part, the safe side.
 */
function partDigits(
  spans: readonly NumberSpan[],
  f: Finding,
  from: number,
  to: number,
): { from: number; to: number } | undefined {
  const normalized = f.normalized;
  if (normalized === undefined || !/^\d+$/.test(normalized)) return undefined;
  if (digitsIn(spans, f.start, f.end) !== normalized.length) return undefined;
  const before = digitsIn(spans, f.start, from);
  return { from: before, to: before + digitsIn(spans, from, to) };
}

/**
 * Backchannel words: what a listener says to keep a speaker going ("mhm", "okay, go on", "got it,
 * next"). A turn made only of these does not interrupt a number read out in parts; a question
 * ("and the expiry date?") does.
 */
const BACKCHANNEL = new Set(
  (
    'mhm mm hmm uh huh uhhuh um uh ok okay k kk yes yeah yep yup ya sure right alright all got it ' +
    'go on ahead carry continue keep going next and then please thanks thank you great perfect cool ' +
    'fine good i see understood noted sorry fire away with the rest ready done yes, correct'
  ).split(/\s+/),
);

/**
 * Words of a listener's prompt for the rest of the same number ("and the rest?", "got it, and the
 * last four?", "next four please"). A prompt for something else ("and the expiry date?") has
 * other words and ends the value.
 */
const PROMPT = new Set(
  "the rest last next four remaining digits numbers what what's whats more after that those middle second third group".split(
    ' ',
  ),
);
/** A prompt has at most this many words. */
const PROMPT_MAX_WORDS = 7;

function isInterjection(turn: Turn): boolean {
  const text = turn.text.toLowerCase();
  if (/\d/.test(text)) return false;
  const words = text.match(/[a-z']+/g);
  if (!words) return false;
  if (text.indexOf('?') === -1)
    return words.length <= INTERJECTION_MAX_WORDS && words.every((w) => BACKCHANNEL.has(w));
  return words.length <= PROMPT_MAX_WORDS && words.every((w) => BACKCHANNEL.has(w) || PROMPT.has(w));
}

/**
 * Whether `turn` (the listener's) reads back the group just said and nothing else but backchannel
 * words ("five five five five, okay" after "... five five five five"): the digits of its spans
 * are the digits of `said`, the last span of the speaker's turn before. Returns the range of the
 * read-back's spans, or null.
 */
function readBack(
  turn: Turn,
  spans: readonly NumberSpan[] | undefined,
  said: NumberSpan | undefined,
): { start: number; end: number; digits: number } | null {
  if (!spans || spans.length === 0 || !said) return null;
  let digits = '';
  for (const sp of spans) digits += sp.digits;
  if (digits !== said.digits || digits.length < 2) return null;
  const first = spans[0]!;
  const last = spans[spans.length - 1]!;
  const rest = `${turn.text.slice(0, first.start)} ${turn.text.slice(last.end)}`.toLowerCase();
  const words = rest.match(/[a-z']+/g) ?? [];
  if (words.length > INTERJECTION_MAX_WORDS || !words.every((w) => BACKCHANNEL.has(w) || READ_BACK.has(w)))
    return null;
  return { start: first.start, end: last.end, digits: digits.length };
}

/** Words around a read-back besides the backchannel ones: "that's four one one one, yes". */
const READ_BACK = new Set(["that's", 'thats', 'that', 'is', 'so', 'was', 'i', 'have']);

/** At most this many characters may stand after the last part of a value in a turn ("..., ok?"). */
const EDGE_SLACK = 24;

/** The turn ends with a number (a value may go on in the next turn). */
function endsWithNumber(text: string, spans: readonly NumberSpan[]): boolean {
  const last = spans[spans.length - 1];
  return last !== undefined && text.length - last.end <= EDGE_SLACK && !/\d/.test(text.slice(last.end));
}

/** The turn starts with a number (it may continue a value from an earlier turn). */
function startsWithNumber(spans: readonly NumberSpan[]): boolean {
  const first = spans[0];
  return first !== undefined && first.start <= EDGE_SLACK;
}

/**
 * Runs of turns of one speaker that may carry one value between them: a turn that ends with a
 * number, then turns of the same speaker that start with one, possibly separated by short
 * interjections of others ("mhm", "okay, go on").
 */
export function splitChains(
  turns: readonly Turn[],
  spansOf: (turn: number) => readonly NumberSpan[] = (i) => findNumberSpans(turns[i]!.text),
  computed: (turn: number) => readonly NumberSpan[] | undefined = () => undefined,
): number[][] {
  return splitChainsWithReadBacks(turns, spansOf, computed).map((c) => c.turns);
}

/** A listener's turn that reads back the group of `of` (a turn of the chain) at [start, end). */
interface ReadBack {
  turn: number;
  of: number;
  start: number;
  end: number;
  /** How many digits it repeats. */
  digits: number;
}

interface Chain {
  turns: number[];
  readBacks: ReadBack[];
}

/** `splitChains`, with the listener's read-backs of a part between the chain's turns. */
function splitChainsWithReadBacks(
  turns: readonly Turn[],
  spansOf: (turn: number) => readonly NumberSpan[],
  computed: (turn: number) => readonly NumberSpan[] | undefined,
): Chain[] {
  const chains: Chain[] = [];
  // Spans the recognizers already computed are used as they are (an empty list is "no number");
  // otherwise a cheap test keeps turns without any number from being scanned for spans.
  const spans: (readonly NumberSpan[] | undefined)[] = turns.map(
    (t, i) => computed(i) ?? (NUMBERISH_RE.test(t.text) ? spansOf(i) : undefined),
  );
  let i = 0;
  while (i < turns.length) {
    const first = spans[i];
    if (!first || !endsWithNumber(turns[i]!.text, first)) {
      i++;
      continue;
    }
    const chain = [i];
    const readBacks: ReadBack[] = [];
    let k = i + 1;
    while (k < turns.length && chain.length < MAX_SPLIT_TURNS) {
      const t = turns[k]!;
      if (t.speaker === turns[i]!.speaker) {
        const s = spans[k];
        // A turn that is only "oh" has no span of its own (a lone "oh" is an interjection), but
        // after digits of the same speaker it is the zero that ends the number.
        const zero = LONE_OH_RE.test(t.text);
        if (!zero && (!s || !startsWithNumber(s))) break;
        const prev = chain[chain.length - 1]!;
        if (chain.length > 1 && turns[prev]!.text.length > MAX_MIDDLE_TURN) break;
        chain.push(k);
        k++;
        if (zero || !endsWithNumber(t.text, s!)) break;
      } else if (isInterjection(t)) {
        k++;
      } else {
        const prev = chain[chain.length - 1]!;
        const back = readBack(t, spans[k], spans[prev]?.[spans[prev]!.length - 1]);
        if (!back) break;
        readBacks.push({ turn: k, of: prev, ...back });
        k++;
      }
    }
    // A read-back after the chain's last part belongs to no value found across turns.
    const end = chain[chain.length - 1]!;
    if (chain.length > 1) chains.push({ turns: chain, readBacks: readBacks.filter((r) => r.turn < end) });
    i = chain.length > 1 ? chain[chain.length - 1]! : i + 1;
  }
  return chains;
}

const LONE_OH_RE = /^\s*o(?:h)?[\s.,!?]*$/i;

const NUMBERISH_RE =
  /\d|\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|double|triple)\b/i;

function priorContext(turns: readonly Turn[], i: number): string {
  let ctx = '';
  for (let k = i - 1; k >= 0 && ctx.length < PRIOR_CONTEXT_CHARS; k--) ctx = `${turns[k]!.text} ${ctx}`;
  return ctx.slice(-PRIOR_CONTEXT_CHARS).toLowerCase();
}
