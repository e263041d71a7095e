/**
 * PERSON: the scores and the Collector that every source of names pushes its findings through.
 * Separate because the cue, display-name, known-name and capitalised passes all share one collector
 * per text, and the collector's rules (email parts dropped, known names applied last) are its own.
 */
import type { Finding } from '../../types.js';
import { normalizeName, partOfEmail, type Run } from './words.js';

export const SCORE_KNOWN = 0.95;
export const SCORE_STRONG = 0.9;
export const SCORE_STRONG_LOWER = 0.85;
export const SCORE_LEXICON = 0.85;
export const SCORE_SIGNATURE = 0.7;
export const SCORE_WEAK = 0.6;

export class Collector {
  /** Findings of known names, kept apart until `flush` (see there). */
  readonly known: Finding[] = [];
  constructor(
    private readonly text: string,
    private readonly out: Finding[],
  ) {}

  push(start: number, end: number, score: number, normalized?: string, known = false): void {
    if (end <= start || partOfEmail(this.text, start, end)) return;
    (known ? this.known : this.out).push({
      type: 'PERSON',
      start,
      end,
      score,
      recognizer: 'person',
      normalized: normalized ?? normalizeName(this.text.slice(start, end)),
    });
  }

  run(run: Run, score: number): void {
    this.push(run.start, run.end, score);
  }

  /**
   * A cue finding that contains a known name ("Hi Jane Smith" when "Jane Doe" is known) takes the
   * known name's score: otherwise overlap resolution would keep the shorter, higher-scored "Jane"
   * and leave "Smith" in the clear. Both lists are sorted, so this is one merge pass.
   */
  flush(from: number): void {
    const known = this.known;
    if (known.length > 0 && this.out.length > from) {
      const cues = this.out.slice(from).sort((a, b) => a.start - b.start);
      let k = 0;
      for (const f of cues) {
        while (k < known.length && known[k]!.start < f.start) k++;
        for (let j = k; j < known.length && known[j]!.start < f.end; j++) {
          if (known[j]!.end <= f.end && f.end - f.start > known[j]!.end - known[j]!.start) {
            f.score = Math.max(f.score, SCORE_KNOWN);
            break;
          }
        }
      }
    }
    for (const f of known) this.out.push(f);
  }
}
