/**
 * The turns of one conversation as one text, shared by the views of its turns.
 *
 * Why: conversation turns are short (45 characters on average in calls and chats), so a
 * recognizer that scans each turn for its context words pays a call's fixed cost per turn, and
 * again for the prior-context window of every turn. Scanning the whole conversation once and
 * answering per turn with a binary search over the hits is the "one candidate pass per
 * conversation" of the engine's design. Findings are still made per turn, in the turn's own
 * coordinates: only gates and look-ups use the joined text.
 */

/** Between two turns in the joined text: the separator the prior context has always used. */
const SEPARATOR = ' ';

interface MemoEntry {
  readonly key: symbol;
  readonly value: unknown;
  readonly next: MemoEntry | undefined;
}

export class ConversationText {
  /** The turns joined by one space. */
  readonly text: string;
  /** Where each turn starts in `text`. */
  readonly starts: Int32Array;
  /** Each turn's length. */
  readonly lengths: Int32Array;
  private _lower: string | undefined;
  private _aligned: boolean | undefined;
  private _memo: MemoEntry | undefined;

  constructor(texts: readonly string[]) {
    this.starts = new Int32Array(texts.length);
    this.lengths = new Int32Array(texts.length);
    let at = 0;
    for (let i = 0; i < texts.length; i++) {
      this.starts[i] = at;
      this.lengths[i] = texts[i]!.length;
      at += texts[i]!.length + SEPARATOR.length;
    }
    this.text = texts.join(SEPARATOR);
  }

  /** Lower case of the joined text (one call for the whole conversation). */
  get lower(): string {
    if (this._lower === undefined) this._lower = this.text.toLowerCase();
    return this._lower;
  }

  /**
   * True when lower-casing kept every character's position ("İ" becomes two characters): only then
   * may a turn's lower case be cut out of the conversation's, and positions found in `lower` be
   * used as positions in the turns.
   */
  get aligned(): boolean {
    if (this._aligned === undefined) this._aligned = this.lower.length === this.text.length;
    return this._aligned;
  }

  /** The lower-cased text of turn `i`. */
  turnLower(i: number): string {
    const s = this.starts[i]!;
    return this.lower.slice(s, s + this.lengths[i]!);
  }

  /**
   * The last `chars` characters of the lower-cased turns before turn `i`, each followed by a
   * space (what a speaker said just before: "what's the security code?").
   */
  priorContext(i: number, chars: number): string {
    if (i === 0) return '';
    const s = this.starts[i]!;
    return this.lower.slice(Math.max(0, s - chars), s);
  }

  /** Like `TextView.memo`, once per conversation: derived data every turn's view can share. */
  memo<T>(key: symbol, compute: (conversation: ConversationText) => T): T {
    for (let e = this._memo; e !== undefined; e = e.next) if (e.key === key) return e.value as T;
    const value = compute(this);
    this._memo = { key, value, next: this._memo };
    return value;
  }
}

/** Index of the first value in ascending `values` that is >= `pos`. */
export function lowerBound(values: ArrayLike<number>, pos: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
