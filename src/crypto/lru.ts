/** A bounded least-recently-used map of key buffers that zeroizes every buffer it lets go. */
import { zeroize } from './keys.js';

export class KeyCache {
  private readonly map = new Map<string, Buffer>();
  readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = Math.max(1, Math.trunc(capacity));
  }

  get size(): number {
    return this.map.size;
  }

  get(id: string): Buffer | undefined {
    const key = this.map.get(id);
    if (key) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.map.delete(id);
      this.map.set(id, key);
    }
    return key;
  }

  set(id: string, key: Buffer): void {
    const old = this.map.get(id);
    if (old && old !== key) zeroize(old);
    this.map.delete(id);
    this.map.set(id, key);
    while (this.map.size > this.capacity) {
      const [oldestId, oldest] = this.map.entries().next().value as [string, Buffer];
      this.map.delete(oldestId);
      zeroize(oldest);
    }
  }

  delete(id: string): void {
    const key = this.map.get(id);
    if (key) zeroize(key);
    this.map.delete(id);
  }

  clear(): void {
    for (const key of this.map.values()) zeroize(key);
    this.map.clear();
  }
}
