import { YieldNotFoundError } from './errors';

/** A price as a decreasing function of yield, with its slope, both in the caller's units. */
export type PriceCurve = (yieldPct: number) => { readonly price: number; readonly slope: number };

export interface YieldSearch {
  /** Yields must stay strictly above this (where the discount factor's base reaches 0). */
  readonly floor: number;
  readonly ceiling: number;
  readonly guess: number;
  /** Converged when |price(yield) - target| is at most this. */
  readonly priceTolerance: number;
}

const MAX_ITERATIONS = 2000;

/**
 * Newton's method kept inside a bracket that always holds the root; a step that leaves the bracket (or
 * a non-finite price near the floor) is replaced by bisection, so convergence never depends on the guess.
 */
export function solveYield(curve: PriceCurve, target: number, search: YieldSearch): number {
  let [lo, hi] = bracket(curve, target, search);
  let x = Math.min(Math.max(search.guess, lo), hi);
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const { price, slope } = curve(x);
    const gap = price - target;
    if (Math.abs(gap) <= search.priceTolerance) return x;
    if (gap > 0) lo = x;
    else hi = x;
    let next = x - gap / slope;
    if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
    // Adjacent floats: the tolerance is finer than the price can resolve here, and x is as close as it gets.
    if (next === x || next === lo || next === hi) return x;
    x = next;
  }
  throw new YieldNotFoundError(
    `no yield found for price ${target} after ${MAX_ITERATIONS} iterations`,
    'clean_price',
  );
}

/** [lo, hi] with price(lo) >= target >= price(hi), grown outward from the guess. */
function bracket(curve: PriceCurve, target: number, search: YieldSearch): [number, number] {
  const priceAt = (y: number) => curve(y).price;
  const outOfRange = () =>
    new YieldNotFoundError(
      `price ${target} needs a yield outside (${search.floor}%, ${search.ceiling}%]`,
      'clean_price',
    );
  if (priceAt(search.guess) >= target) {
    let lo = search.guess;
    for (let step = 1; ; step *= 2) {
      const hi = Math.min(search.guess + step, search.ceiling);
      if (priceAt(hi) <= target) return [lo, hi];
      if (hi === search.ceiling) throw outOfRange();
      lo = hi;
    }
  }
  // Halve the distance to the floor: the price grows without bound there, as fast as (1 + y/f)^-t.
  let hi = search.guess;
  for (;;) {
    const lo = search.floor + (hi - search.floor) / 2;
    if (!(lo > search.floor) || lo === hi) throw outOfRange();
    if (priceAt(lo) >= target) return [lo, hi];
    hi = lo;
  }
}
