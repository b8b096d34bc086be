import type { RestingOrder } from './resting-order';

/**
 * Order id -> live order, an open-addressing hash table over typed arrays. It replaces a Map on
 * the hot path: a Map of a few thousand entries with constant churn reallocates its tables as it
 * grows and shrinks, and that garbage showed up in profiles. This table only ever grows, and
 * deletion shifts entries back instead of leaving tombstones. Ids must be safe integers.
 */
export class OrderIndex {
  private keys = new Float64Array(1024);
  private vals: (RestingOrder | null)[] = new Array<RestingOrder | null>(1024).fill(null);
  private mask = 1023;
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(id: number): RestingOrder | undefined {
    const keys = this.keys;
    const vals = this.vals;
    const mask = this.mask;
    for (let i = slotOf(id, mask); ; i = (i + 1) & mask) {
      const v = vals[i];
      if (v === null || v === undefined) return undefined;
      if (keys[i] === id) return v;
    }
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  /** Adds an id that is not present (the engine checks duplicates before calling). */
  add(id: number, o: RestingOrder): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const mask = this.mask;
    let i = slotOf(id, mask);
    while (this.vals[i] !== null) i = (i + 1) & mask;
    this.keys[i] = id;
    this.vals[i] = o;
    this.count++;
  }

  delete(id: number): void {
    const keys = this.keys;
    const vals = this.vals;
    const mask = this.mask;
    let i = slotOf(id, mask);
    for (;;) {
      if (vals[i] === null) return;
      if (keys[i] === id) break;
      i = (i + 1) & mask;
    }
    vals[i] = null;
    this.count--;
    // Backward-shift: pull later entries of the probe run into the hole when their home slot
    // does not lie cyclically in (hole, j], so every lookup still finds them before an empty slot.
    for (let j = (i + 1) & mask; vals[j] !== null; j = (j + 1) & mask) {
      const home = slotOf(keys[j]!, mask);
      const stays = i <= j ? home > i && home <= j : home > i || home <= j;
      if (stays) continue;
      keys[i] = keys[j]!;
      vals[i] = vals[j]!;
      vals[j] = null;
      i = j;
    }
  }

  /** Live orders in time priority (sequence) order. */
  values(): RestingOrder[] {
    const out: RestingOrder[] = [];
    for (const v of this.vals) if (v !== null) out.push(v);
    return out.sort((a, b) => a.seq - b.seq);
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const capacity = (this.mask + 1) * 2;
    this.keys = new Float64Array(capacity);
    this.vals = new Array<RestingOrder | null>(capacity).fill(null);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < oldVals.length; i++) {
      const v = oldVals[i];
      if (v !== null && v !== undefined) this.add(oldKeys[i]!, v);
    }
  }
}

function slotOf(id: number, mask: number): number {
  const lo = id | 0;
  const hi = (id / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & mask;
}
