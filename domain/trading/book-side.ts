import { PriceLevel } from './price-level';
import { Side } from './order-types';

/**
 * The levels of one side, sorted worst to best so the best level is the last element: matching
 * pops from the end, and new levels mostly land near the best, so splices move few elements.
 */
export class BookSide {
  /** Ascending by key; `levels[levels.length - 1]` is the best price. */
  readonly levels: PriceLevel[] = [];
  private readonly byPrice = new Map<number, PriceLevel>();
  private readonly spare: PriceLevel[] = [];
  /** +1 for bids, -1 for asks: `key = price * sign`. */
  readonly sign: number;
  orders = 0;

  constructor(readonly side: Side) {
    this.sign = side === Side.BUY ? 1 : -1;
  }

  best(): PriceLevel | undefined {
    return this.levels[this.levels.length - 1];
  }

  get(price: number): PriceLevel | undefined {
    return this.byPrice.get(price);
  }

  getOrCreate(price: number): PriceLevel {
    const found = this.byPrice.get(price);
    if (found !== undefined) return found;
    const lvl = this.spare.pop() ?? new PriceLevel();
    lvl.price = price;
    lvl.key = price * this.sign;
    this.byPrice.set(price, lvl);
    const levels = this.levels;
    const i = this.insertionIndex(lvl.key);
    if (i === levels.length) levels.push(lvl);
    else levels.splice(i, 0, lvl);
    return lvl;
  }

  /** Drops an empty level. */
  drop(lvl: PriceLevel): void {
    const levels = this.levels;
    if (levels[levels.length - 1] === lvl) levels.pop();
    else levels.splice(this.insertionIndex(lvl.key) - 1, 1);
    this.byPrice.delete(lvl.price);
    lvl.reset();
    this.spare.push(lvl);
  }

  /** Whether an order at `price` on the other side would trade with this side's best. */
  crosses(price: number): boolean {
    const best = this.levels[this.levels.length - 1];
    return best !== undefined && best.key >= price * this.sign;
  }

  /** First index whose key is greater than `key`. */
  private insertionIndex(key: number): number {
    const levels = this.levels;
    let lo = 0;
    let hi = levels.length;
    // Most new levels are at or next to the best: check the end before bisecting.
    if (hi === 0 || levels[hi - 1]!.key < key) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (levels[mid]!.key <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
