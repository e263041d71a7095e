/**
 * The recognizer contract and the registry that holds them (the shape of Presidio's
 * RecognizerRegistry: each recognizer is a small unit that knows its candidates, its validator
 * and its context words; the analyzer only orchestrates).
 */
import type { EntityType, Finding } from './types.js';
import { DetectError } from './types.js';
import type { TextView } from './view.js';

export interface Recognizer {
  /** Unique, stable name (appears in findings as `recognizer`). */
  readonly name: string;
  /** The entity types it may emit. */
  readonly types: readonly EntityType[];
  /**
   * Appends its findings for `view` to `out`. Must run in time linear in the text length and must
   * not keep state between calls (one instance serves many texts and worker threads).
   */
  analyze(view: TextView, out: Finding[]): void;
}

export class RecognizerRegistry {
  private readonly byName = new Map<string, Recognizer>();

  constructor(recognizers: Iterable<Recognizer> = []) {
    for (const r of recognizers) this.add(r);
  }

  add(recognizer: Recognizer): this {
    if (this.byName.has(recognizer.name)) {
      throw new DetectError(
        'E_RECOGNIZER_DUPLICATE',
        `a recognizer named "${recognizer.name}" is already registered`,
      );
    }
    this.byName.set(recognizer.name, recognizer);
    return this;
  }

  remove(name: string): boolean {
    return this.byName.delete(name);
  }

  get(name: string): Recognizer | undefined {
    return this.byName.get(name);
  }

  list(): Recognizer[] {
    return [...this.byName.values()];
  }

  /** Every entity type some registered recognizer can emit. */
  types(): EntityType[] {
    const s = new Set<EntityType>();
    for (const r of this.byName.values()) for (const t of r.types) s.add(t);
    return [...s];
  }

  /** The recognizers that can emit at least one of `types` (all when `types` is undefined). */
  select(types: readonly EntityType[] | undefined): Recognizer[] {
    if (!types) return this.list();
    const want = new Set(types);
    return this.list().filter((r) => r.types.some((t) => want.has(t)));
  }

  clone(): RecognizerRegistry {
    return new RecognizerRegistry(this.byName.values());
  }
}
