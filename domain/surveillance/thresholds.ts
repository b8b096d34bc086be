/** Every surveillance threshold in one place, reported with each alert as part of its evidence. */
export const SURVEILLANCE_THRESHOLDS = {
  /** A trade whose yield is this far from the family curve's fair yield (as the market stood before it). */
  offFairValue: { sovereignBp: 25, otherBp: 75 },
  /**
   * Layering/spoofing: within `windowSeconds` of a trade, at least `minOrders` orders on the other
   * side, each at least `minSizeMultiple` times the trade, priced at least `minTicksAway` ticks behind
   * the trade's price (away from the touch), all cancelled unfilled within `maxLifetimeSeconds`.
   */
  layering: {
    windowSeconds: 600,
    minOrders: 3,
    minSizeMultiple: 3,
    minTicksAway: 2,
    maxLifetimeSeconds: 300,
  },
  /** Today's volume in a bond at least `multiple` x its mean daily volume and `sigmas` above it, over at least `minHistoryDays` trading days of the last `historyDays`. */
  unusualVolume: { historyDays: 20, minHistoryDays: 5, multiple: 5, sigmas: 3 },
} as const;
