export interface Fill {
  readonly side: 'BUY' | 'SELL';
  readonly price: number;
  readonly quantity: number;
}

export interface BookPnl {
  /** Signed face value: long positive. */
  readonly inventory: number;
  /** Average clean price of the open inventory (null when flat). */
  readonly averagePrice: number | null;
  readonly realisedPnl: number;
  readonly unrealisedPnl: number;
}

/**
 * P&L of a sequence of fills in one bond, by average cost: a fill that reduces the position
 * realises (price - average) x quantity / 100; what remains is marked at `markPrice`. Rupees.
 */
export function fillsPnl(fills: readonly Fill[], markPrice: number | null): BookPnl {
  let inventory = 0;
  let average = 0;
  let realised = 0;
  for (const f of fills) {
    const signed = f.side === 'BUY' ? f.quantity : -f.quantity;
    if (inventory === 0 || Math.sign(signed) === Math.sign(inventory)) {
      average =
        (average * Math.abs(inventory) + f.price * Math.abs(signed)) /
        (Math.abs(inventory) + Math.abs(signed));
      inventory += signed;
      continue;
    }
    const closed = Math.min(Math.abs(signed), Math.abs(inventory));
    realised += ((f.price - average) * closed * Math.sign(inventory)) / 100;
    inventory += signed;
    if (inventory === 0) average = 0;
    else if (Math.sign(inventory) === Math.sign(signed)) average = f.price; // flipped through flat
  }
  const unrealised = inventory !== 0 && markPrice !== null ? ((markPrice - average) * inventory) / 100 : 0;
  return {
    inventory,
    averagePrice: inventory === 0 ? null : average,
    realisedPnl: realised,
    unrealisedPnl: unrealised + 0, // never -0
  };
}
