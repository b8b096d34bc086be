import type { RestingOrder } from './resting-order';

/**
 * Orders sorted by (key, seq): pending stops by trigger price and GTD orders by expiry time.
 * Insert and remove bisect (O(log n) plus a splice); `takeUpTo` removes a prefix.
 */
export class OrderQueue {
  private readonly keys: number[] = [];
  private readonly items: RestingOrder[] = [];

  get size(): number {
    return this.items.length;
  }

  insert(key: number, o: RestingOrder): void {
    const i = this.lowerBound(key, o.seq);
    this.keys.splice(i, 0, key);
    this.items.splice(i, 0, o);
  }

  remove(key: number, o: RestingOrder): void {
    const i = this.lowerBound(key, o.seq);
    if (this.items[i] === o) {
      this.keys.splice(i, 1);
      this.items.splice(i, 1);
    }
  }

  /** The smallest key, or null when empty. */
  firstKey(): number | null {
    return this.keys.length ? this.keys[0]! : null;
  }

  /** Moves every order whose key is <= `limit` to `out`, in (key, seq) order. */
  takeUpTo(limit: number, out: RestingOrder[]): void {
    let n = 0;
    while (n < this.keys.length && this.keys[n]! <= limit) n++;
    if (n === 0) return;
    for (let i = 0; i < n; i++) out.push(this.items[i]!);
    this.keys.splice(0, n);
    this.items.splice(0, n);
  }

  private lowerBound(key: number, seq: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid]!;
      if (k < key || (k === key && this.items[mid]!.seq < seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
