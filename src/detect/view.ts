/**
 * A read-only view of one text shared by every recognizer of one `detect` call. Costly derived
 * forms (lower case, number spans) are computed once, on first use, so a text without digits never
 * pays for number normalization: the candidate-first design that keeps the engine fast.
 */
import type { ConversationText } from './conversation.js';
import { findNumberSpans, type NumberSpan } from './numbers.js';
import type { DetectOptions } from './types.js';

export interface ResolvedOptions {
  knownNames: readonly string[];
  phoneRegions: readonly string[];
}

interface MemoEntry {
  readonly key: symbol;
  readonly value: unknown;
  readonly next: MemoEntry | undefined;
}

export class TextView {
  readonly text: string;
  readonly options: ResolvedOptions;
  /**
   * Lower-cased tail of the turns before this one (conversations only): context words said in an
   * earlier turn ("what's the security code?") count for values in this one.
   */
  private _prior: string | (() => string);
  private _lower: string | undefined;
  private _spans: NumberSpan[] | undefined;
  private _hasDigit: boolean | undefined;
  private _memo: MemoEntry | undefined;
  /**
   * The conversation this text is turn `turn` of, when it is one (`detectConversation`): lets a
   * recognizer scan the whole conversation once for context words instead of every turn.
   */
  readonly conversation: ConversationText | undefined;
  readonly turn: number;

  /** `priorContext` may be a function: most texts never need it, so it is built on first use. */
  constructor(
    text: string,
    options: ResolvedOptions,
    priorContext: string | (() => string) = '',
    conversation?: { text: ConversationText; turn: number },
  ) {
    this.text = text;
    this.options = options;
    this._prior = priorContext;
    this.conversation = conversation?.text;
    this.turn = conversation?.turn ?? 0;
  }

  /** Where this text starts in `conversation.text` (0 outside a conversation). */
  get offset(): number {
    return this.conversation ? this.conversation.starts[this.turn]! : 0;
  }

  get priorContext(): string {
    if (typeof this._prior === 'function') this._prior = this._prior();
    return this._prior;
  }

  get lower(): string {
    if (this._lower === undefined) {
      const c = this.conversation;
      this._lower = c?.aligned ? c.turnLower(this.turn) : this.text.toLowerCase();
    }
    return this._lower;
  }

  get hasDigit(): boolean {
    if (this._hasDigit === undefined) this._hasDigit = /\d/.test(this.text);
    return this._hasDigit;
  }

  /** Typed and spoken number spans, in text order. */
  get numberSpans(): NumberSpan[] {
    if (this._spans === undefined) this._spans = findNumberSpans(this.text);
    return this._spans;
  }

  /**
   * True once `numberSpans` has been computed (by any recognizer of this call): optional work on
   * spans (spoken house numbers) can then reuse them for free instead of gating with its own scan.
   */
  get numberSpansReady(): boolean {
    return this._spans !== undefined;
  }

  /**
   * A value derived from this text by `compute`, computed once per `key` and shared by every
   * recognizer of one detect call (like `lower` and `numberSpans`, for derived forms a recognizer
   * defines itself). `key` is a module-level symbol; `compute` must depend on the view only.
   */
  memo<T>(key: symbol, compute: (view: TextView) => T): T {
    // A short list, not a Map: a view holds a handful of entries and lives for one call.
    for (let e = this._memo; e !== undefined; e = e.next) if (e.key === key) return e.value as T;
    const value = compute(this);
    this._memo = { key, value, next: this._memo };
    return value;
  }

  /**
   * True when any of `words` (lower case) occurs within `before` characters before `start` or
   * `after` characters after `end`. A word must start at a word boundary ("card" matches
   * "card's" and "cards", not "discard"). Windows reaching past the start of the text continue
   * into the prior turns' context.
   */
  hasContext(start: number, end: number, words: readonly string[], before = 80, after = 40): boolean {
    const lower = this.lower;
    const from = Math.max(0, start - before);
    const to = Math.min(lower.length, end + after);
    const left = lower.slice(from, start);
    const right = lower.slice(end, to);
    const spill =
      start - before < 0
        ? this.priorContext.slice(Math.max(0, this.priorContext.length - (before - start)))
        : '';
    // One regex pass per window first: most candidates have none of the words near them.
    const any = anyOf(words);
    const inLeft = any.test(left);
    const inRight = any.test(right);
    const inSpill = spill !== '' && any.test(spill);
    if (!inLeft && !inRight && !inSpill) return false;
    for (const w of words) {
      if (
        (inLeft && containsWord(left, w)) ||
        (inRight && containsWord(right, w)) ||
        (inSpill && containsWord(spill, w))
      )
        return true;
    }
    return false;
  }

  /** Like `hasContext`, but only looks before `start` (labels such as "cvv:" or "order number"). */
  hasContextBefore(start: number, words: readonly string[], before = 40): boolean {
    return this.hasContext(start, start, words, before, 0);
  }
}

/** `s` as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Per word list (module-level constants): one alternation of its words, as a cheap pre-test. */
const ALTERNATIONS = new WeakMap<readonly string[], RegExp>();

function anyOf(words: readonly string[]): RegExp {
  let re = ALTERNATIONS.get(words);
  if (!re) {
    re = new RegExp(words.map(escapeRegExp).join('|'));
    ALTERNATIONS.set(words, re);
  }
  return re;
}

/** `word` occurs in `hay` starting at a word boundary. */
export function containsWord(hay: string, word: string): boolean {
  let i = hay.indexOf(word);
  while (i !== -1) {
    if (i === 0 || !isWordChar(hay.charCodeAt(i - 1))) return true;
    i = hay.indexOf(word, i + 1);
  }
  return false;
}

export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c > 127;
}

export function resolveOptions(options: DetectOptions | undefined): ResolvedOptions {
  return {
    knownNames: options?.knownNames ?? [],
    phoneRegions: options?.phoneRegions ?? ['US', 'GB', 'IE'],
  };
}
