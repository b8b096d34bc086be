export type MarketMakerLimit = 'INVENTORY' | 'DV01' | 'DAILY_LOSS';

export interface LimitState {
  /** Per bond: signed inventory and its limit (face value). */
  readonly inventories: readonly { bondCode: string; inventory: number; maxInventory: number }[];
  /** Rupees per bp over the whole book, and its limit. */
  readonly dv01: number;
  readonly maxDv01: number;
  /**
   * Today's P&L in rupees: the inventory carried into the day revalued from its start-of-day mark
   * plus today's fills, marked to fair value (see dailyPnl); the carry alone; the loss limit (positive).
   */
  readonly dailyPnl: number;
  readonly carryPnl: number;
  readonly maxDailyLoss: number;
}

export interface LimitBreach {
  readonly limit: MarketMakerLimit;
  readonly value: number;
  readonly threshold: number;
  readonly detail: string;
}

/**
 * The hard limits, checked before every requote: an inventory at its limit, the book's DV01 at its
 * limit, or today's loss at its limit stops the market maker (a loss on inventory carried overnight
 * counts, so it stops without a fill today). The first breach found is returned.
 */
export function firstLimitBreach(s: LimitState): LimitBreach | null {
  for (const i of s.inventories) {
    if (Math.abs(i.inventory) >= i.maxInventory) {
      return {
        limit: 'INVENTORY',
        value: i.inventory,
        threshold: i.maxInventory,
        detail: `inventory in ${i.bondCode} is ${i.inventory} against a limit of ${i.maxInventory}`,
      };
    }
  }
  if (Math.abs(s.dv01) >= s.maxDv01) {
    return {
      limit: 'DV01',
      value: s.dv01,
      threshold: s.maxDv01,
      detail: `DV01 ${s.dv01.toFixed(2)} at or over ${s.maxDv01}`,
    };
  }
  if (-s.dailyPnl >= s.maxDailyLoss) {
    return {
      limit: 'DAILY_LOSS',
      value: s.dailyPnl,
      threshold: s.maxDailyLoss,
      detail: `today's P&L ${s.dailyPnl.toFixed(2)} (of it ${s.carryPnl.toFixed(2)} from revaluing the inventory carried into the day) at or past the loss limit of ${s.maxDailyLoss}`,
    };
  }
  return null;
}
