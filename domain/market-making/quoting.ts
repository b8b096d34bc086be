/** How a bond is quoted: spreads in bp of yield, sizes in rupees of face value. */
export interface QuotingPolicy {
  readonly quoteSize: number;
  readonly maxInventory: number;
  readonly baseSpreadBp: number;
  readonly volatilityMultiplier: number;
  readonly thinBookSpreadBp: number;
  readonly inventorySkewBp: number;
}

export interface QuotingInput {
  /** Fair clean price per 100 and its PV01 (price change per 1 bp of yield). */
  readonly fairPrice: number;
  readonly pv01: number;
  /** Standard deviation of the fair yield's recent moves, in bp. */
  readonly volatilityBp: number;
  /** Face value resting on each side of the book, excluding our own quotes. */
  readonly bidDepth: number;
  readonly askDepth: number;
  /** Signed face value held: long positive. */
  readonly inventory: number;
  readonly tickSize: number;
  readonly lotSize: number;
}

export interface QuoteSide {
  /** Clean price per 100 on the tick grid. */
  readonly price: number;
  /** Face value, a whole number of lots; a side with 0 is not quoted. */
  readonly quantity: number;
}

export interface Quotes {
  readonly bid: QuoteSide | null;
  readonly ask: QuoteSide | null;
  readonly halfSpreadBp: number;
  readonly skewBp: number;
  /** The centre the quotes are placed around (fair price moved by the skew). */
  readonly centrePrice: number;
}

const lotsDown = (face: number, lot: number) => Math.max(0, Math.floor(face / lot + 1e-9)) * lot;

/**
 * Bid and offer around fair value. The half-spread is the base plus the volatility term plus the
 * thin-book term when a side shows under two quote sizes. Inventory moves the centre against the
 * position (long -> lower prices, to sell more and buy less) by up to `inventorySkewBp` at the
 * limit, and shrinks the side that would add to it; no fill of a quote can take inventory past the limit.
 */
export function computeQuotes(policy: QuotingPolicy, input: QuotingInput): Quotes {
  const thin = Math.min(input.bidDepth, input.askDepth) < 2 * policy.quoteSize;
  const halfSpreadBp =
    policy.baseSpreadBp / 2 +
    policy.volatilityMultiplier * input.volatilityBp +
    (thin ? policy.thinBookSpreadBp : 0);
  const ratio = Math.max(-1, Math.min(1, input.inventory / policy.maxInventory));
  const skewBp = policy.inventorySkewBp * ratio;
  // A higher yield is a lower price: skewing long inventory raises the quoted yields.
  const centrePrice = input.fairPrice - skewBp * input.pv01;
  const halfSpreadPrice = halfSpreadBp * input.pv01;
  const tick = input.tickSize;
  let bidPrice = Math.floor((centrePrice - halfSpreadPrice) / tick + 1e-9) * tick;
  let askPrice = Math.ceil((centrePrice + halfSpreadPrice) / tick - 1e-9) * tick;
  if (askPrice <= bidPrice) askPrice = bidPrice + tick;
  bidPrice = Number(bidPrice.toFixed(4));
  askPrice = Number(askPrice.toFixed(4));
  const bidRoom = policy.maxInventory - input.inventory;
  const askRoom = policy.maxInventory + input.inventory;
  const bidQty = lotsDown(Math.min(policy.quoteSize * (1 - Math.max(0, ratio)), bidRoom), input.lotSize);
  const askQty = lotsDown(Math.min(policy.quoteSize * (1 + Math.min(0, ratio)), askRoom), input.lotSize);
  return {
    bid: bidQty > 0 && bidPrice > 0 ? { price: bidPrice, quantity: bidQty } : null,
    ask: askQty > 0 ? { price: askPrice, quantity: askQty } : null,
    halfSpreadBp,
    skewBp,
    centrePrice,
  };
}

/** Requote when the fair yield moved past the threshold since the quotes were placed, or the quotes differ. */
export function needsRefresh(
  placed: { fairYieldPct: number; bid: QuoteSide | null; ask: QuoteSide | null } | null,
  fairYieldPct: number,
  wanted: Quotes,
  thresholdBp: number,
): boolean {
  if (!placed) return true;
  if (Math.abs(fairYieldPct - placed.fairYieldPct) * 100 > thresholdBp) return true;
  const same = (a: QuoteSide | null, b: QuoteSide | null) =>
    a === b || (a !== null && b !== null && a.quantity === b.quantity);
  // Sizes change after a fill: the side's size (not a price inside the threshold) forces a requote.
  return !same(placed.bid, wanted.bid) || !same(placed.ask, wanted.ask);
}

/** Standard deviation of successive differences, in bp, of a series of yields in percent. */
export function volatilityBp(yieldsPct: readonly number[]): number {
  if (yieldsPct.length < 3) return 0;
  const moves = yieldsPct.slice(1).map((y, i) => (y - yieldsPct[i]!) * 100);
  const mean = moves.reduce((a, b) => a + b, 0) / moves.length;
  return Math.sqrt(moves.reduce((s, m) => s + (m - mean) ** 2, 0) / (moves.length - 1));
}
