/** Outcome of an uncross computation: the single price and what executes at it. */
export interface Equilibrium {
  price: number;
  /** Executable quantity: min(buy quantity at or above the price, sell quantity at or below). */
  volume: number;
  /** |buy - sell| left unmatched at that price. */
  imbalance: number;
}

/**
 * Equilibrium price of a call auction: maximum executable volume, then minimum imbalance, then the
 * price closest to `reference`, then the lower price. Every tick is a possible price, not only the
 * limits in the book: between two adjacent limits the volume and imbalance are constant, so each
 * such gap is scored as one segment and contributes its tick nearest the reference.
 *
 * `bids` and `asks` are [price, qty] pairs flattened: bids by descending price, asks by ascending
 * price, quantities including hidden iceberg reserve. Returns null when nothing can execute.
 */
export function equilibriumPrice(
  bids: readonly number[],
  asks: readonly number[],
  reference: number,
): Equilibrium | null {
  const prices: number[] = [];
  for (let i = 0; i < bids.length; i += 2) prices.push(bids[i]!);
  for (let i = 0; i < asks.length; i += 2) prices.push(asks[i]!);
  prices.sort((a, b) => a - b);

  let buyTotal = 0;
  for (let i = 1; i < bids.length; i += 2) buyTotal += bids[i]!;

  let best: Equilibrium | null = null;
  let bestDistance = 0;
  const consider = (lo: number, hi: number, buy: number, sell: number): void => {
    const volume = Math.min(buy, sell);
    if (volume === 0) return;
    const imbalance = Math.abs(buy - sell);
    const price = reference < lo ? lo : reference > hi ? hi : reference;
    const distance = Math.abs(price - reference);
    if (
      best === null ||
      volume > best.volume ||
      (volume === best.volume &&
        (imbalance < best.imbalance ||
          (imbalance === best.imbalance &&
            (distance < bestDistance || (distance === bestDistance && price < best.price)))))
    ) {
      best = { price, volume, imbalance };
      bestDistance = distance;
    }
  };

  let sell = 0; // asks priced <= current candidate
  let buyBelow = 0; // bids priced < current candidate
  let a = 0;
  let b = bids.length - 2; // bids descend, so walk them from the cheapest
  let prev = Number.NaN;
  let prevSell = 0;
  for (const c of prices) {
    if (c === prev) continue;
    while (b >= 0 && bids[b]! < c) {
      buyBelow += bids[b + 1]!;
      b -= 2;
    }
    const buy = buyTotal - buyBelow;
    // Ticks strictly between the previous candidate and this one: sells as at prev, buys as at c.
    if (c - prev > 1) consider(prev + 1, c - 1, buy, prevSell);
    while (a < asks.length && asks[a]! <= c) {
      sell += asks[a + 1]!;
      a += 2;
    }
    consider(c, c, buy, sell);
    prev = c;
    prevSell = sell;
  }
  return best;
}
