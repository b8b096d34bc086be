/**
 * Pre-trade regulatory checks, pure: FPI investment against the free national limit of its
 * category, and position and short-sale limits per participant and security. Trading (orders) and
 * auctions (bids) call `checkRegulatory` before accepting; every outcome, passed or not, is meant
 * to be stored as evidence for the RBI FPI utilisation report. Amounts are paise of face value.
 */

/** The RBI's FPI debt categories as published in the national-limit utilisation figures. */
export const FPI_CATEGORIES = ['GSEC_GENERAL', 'GSEC_LONG_TERM', 'SDL', 'CORPORATE', 'FAR', 'VRR'] as const;
export type FpiCategory = (typeof FPI_CATEGORIES)[number];

/** A category's national limit and what is used of it; FAR securities have no limit (`limit` null). */
export interface FpiLimitPosition {
  category: FpiCategory;
  limitPaise: bigint | null;
  /** The utilisation as published. */
  utilisedPaise: bigint;
  /**
   * BondX's net FPI purchases in the category since the figures' publication date (negative when
   * FPIs sold more), which the published utilisation cannot include yet.
   */
  bondxNetSincePaise?: bigint;
}

/** What is used of a national limit now: the published utilisation plus BondX's FPI flows since. */
export const currentUtilisedPaise = (fpi: FpiLimitPosition) =>
  fpi.utilisedPaise + (fpi.bondxNetSincePaise ?? 0n);

/** Published figures of one category, with their publication (as-of) date. */
export interface PublishedFpiLimit extends FpiLimitPosition {
  asOf: string;
}

/** BondX's net FPI purchases (buys and allotments less sales, paise) in a category on one IST day. */
export interface FpiDayFlow {
  category: FpiCategory;
  /** IST date YYYY-MM-DD. */
  day: string;
  netPaise: bigint;
}

/**
 * Each category's published figures with BondX's FPI flows from its publication date on: the
 * depositories publish the utilisation on `asOf` as at the previous close, so BondX's trades of the
 * publication day itself are not in it yet and count.
 */
export function withBondxFpiFlows(
  limits: readonly PublishedFpiLimit[],
  flows: readonly FpiDayFlow[],
): PublishedFpiLimit[] {
  return limits.map((l) => ({
    ...l,
    bondxNetSincePaise: flows
      .filter((f) => f.category === l.category && f.day >= l.asOf)
      .reduce((sum, f) => sum + f.netPaise, 0n),
  }));
}

export interface ShortSaleLimits {
  /** Share of outstanding stock, in basis points (200 = 2%). */
  liquidBps: bigint;
  liquidFloorPaise: bigint;
  otherBps: bigint;
  otherFloorPaise: bigint;
}

const CRORE_PAISE = 10_000_000n * 100n;

/** RBI short-sale directions: 2% or Rs 500 crore (liquid), 1% or Rs 250 crore (other), whichever is higher. */
export const DEFAULT_SHORT_SALE_LIMITS: ShortSaleLimits = {
  liquidBps: 200n,
  liquidFloorPaise: 500n * CRORE_PAISE,
  otherBps: 100n,
  otherFloorPaise: 250n * CRORE_PAISE,
};

export type RegulatoryCheckName = 'FPI_LIMIT' | 'SHORT_SALE_LIMIT' | 'POSITION_LIMIT';
export type RegulatoryRejection =
  | 'FPI_LIMIT_EXHAUSTED'
  | 'FPI_LIMIT_INSUFFICIENT'
  | 'FPI_LIMIT_UNKNOWN'
  | 'SHORT_SALE_LIMIT_EXCEEDED'
  | 'POSITION_LIMIT_EXCEEDED';

export interface RegulatoryCheckOutcome {
  check: RegulatoryCheckName;
  passed: boolean;
  reason?: RegulatoryRejection;
  message: string;
  /** The figures the decision used, as decimal strings of paise: evidence for the report. */
  figures: Record<string, string>;
}

export interface RegulatoryOrder {
  side: 'BUY' | 'SELL';
  faceValuePaise: bigint;
}

export interface RegulatoryContext {
  /** Present when the participant is an FPI: its category's national limit position. */
  fpi?: FpiLimitPosition;
  /** The participant's net face value in the security now (negative when short). */
  positionPaise: bigint;
  outstandingPaise: bigint;
  liquid: boolean;
  shortSale?: ShortSaleLimits;
  /** The participant's configured long limit in the security, when one is set. */
  positionLimitPaise?: bigint;
  /** The participant's configured short limit in the security, when one is set (beside the short-sale limit). */
  maxShortPaise?: bigint;
}

const rupees = (paise: bigint) => {
  const sign = paise < 0n ? '-' : '';
  const abs = paise < 0n ? -paise : paise;
  return `${sign}Rs ${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

/**
 * Free national limit = limit - (published utilisation + BondX's net FPI purchases since); a buy may
 * take it exactly to the limit, never over.
 */
export function checkFpiLimit(
  order: RegulatoryOrder,
  fpi: FpiLimitPosition | undefined,
): RegulatoryCheckOutcome {
  if (!fpi) {
    return {
      check: 'FPI_LIMIT',
      passed: false,
      reason: 'FPI_LIMIT_UNKNOWN',
      message: 'no published national limit is loaded for the security\u2019s FPI category',
      figures: { order_paise: order.faceValuePaise.toString() },
    };
  }
  const utilised = currentUtilisedPaise(fpi);
  const base = {
    category: fpi.category,
    order_paise: order.faceValuePaise.toString(),
    published_utilised_paise: fpi.utilisedPaise.toString(),
    bondx_net_since_paise: (fpi.bondxNetSincePaise ?? 0n).toString(),
    utilised_paise: utilised.toString(),
  };
  if (order.side === 'SELL' || fpi.limitPaise === null) {
    return {
      check: 'FPI_LIMIT',
      passed: true,
      message:
        order.side === 'SELL'
          ? 'sales free limit, they do not use it'
          : `${fpi.category} has no national limit`,
      figures: base,
    };
  }
  const free = fpi.limitPaise - utilised;
  const figures = { ...base, limit_paise: fpi.limitPaise.toString(), free_paise: free.toString() };
  if (free <= 0n) {
    return {
      check: 'FPI_LIMIT',
      passed: false,
      reason: 'FPI_LIMIT_EXHAUSTED',
      message: `the FPI national limit for ${fpi.category} is exhausted (${rupees(utilised)} used of ${rupees(fpi.limitPaise)})`,
      figures,
    };
  }
  if (order.faceValuePaise > free) {
    return {
      check: 'FPI_LIMIT',
      passed: false,
      reason: 'FPI_LIMIT_INSUFFICIENT',
      message: `${rupees(order.faceValuePaise)} exceeds the free FPI limit for ${fpi.category} of ${rupees(free)}`,
      figures,
    };
  }
  return {
    check: 'FPI_LIMIT',
    passed: true,
    message: `within the free FPI limit of ${rupees(free)}`,
    figures,
  };
}

/** The most a participant may be short in a security: a share of outstanding or a floor, whichever is higher. */
export function shortSaleLimitPaise(
  outstandingPaise: bigint,
  liquid: boolean,
  limits = DEFAULT_SHORT_SALE_LIMITS,
): bigint {
  const share = (outstandingPaise * (liquid ? limits.liquidBps : limits.otherBps)) / 10_000n;
  const floor = liquid ? limits.liquidFloorPaise : limits.otherFloorPaise;
  return share > floor ? share : floor;
}

/** A sale may leave the participant short up to the limit exactly. Buys only reduce a short. */
export function checkShortSale(order: RegulatoryOrder, ctx: RegulatoryContext): RegulatoryCheckOutcome {
  const limit = shortSaleLimitPaise(ctx.outstandingPaise, ctx.liquid, ctx.shortSale);
  const after = ctx.positionPaise + (order.side === 'BUY' ? order.faceValuePaise : -order.faceValuePaise);
  const short = after < 0n ? -after : 0n;
  const figures = {
    position_paise: ctx.positionPaise.toString(),
    position_after_paise: after.toString(),
    short_limit_paise: limit.toString(),
    outstanding_paise: ctx.outstandingPaise.toString(),
    liquid: String(ctx.liquid),
  };
  if (order.side === 'SELL' && short > limit) {
    return {
      check: 'SHORT_SALE_LIMIT',
      passed: false,
      reason: 'SHORT_SALE_LIMIT_EXCEEDED',
      message: `the sale would leave a short of ${rupees(short)}, over the limit of ${rupees(limit)}`,
      figures,
    };
  }
  return {
    check: 'SHORT_SALE_LIMIT',
    passed: true,
    message: `short after the order ${rupees(short)} of ${rupees(limit)}`,
    figures,
  };
}

/**
 * With a configured long limit a buy may take the position to it exactly; with a configured short
 * limit a sale may leave the participant short by it exactly. Each side checks only its own orders.
 */
export function checkPositionLimit(
  order: RegulatoryOrder,
  ctx: RegulatoryContext,
): RegulatoryCheckOutcome | null {
  const { positionLimitPaise: long, maxShortPaise: short } = ctx;
  if (long === undefined && short === undefined) return null;
  const after = ctx.positionPaise + (order.side === 'BUY' ? order.faceValuePaise : -order.faceValuePaise);
  const figures: Record<string, string> = {
    position_paise: ctx.positionPaise.toString(),
    position_after_paise: after.toString(),
    ...(long === undefined ? {} : { position_limit_paise: long.toString() }),
    ...(short === undefined ? {} : { max_short_paise: short.toString() }),
  };
  const fail = (message: string): RegulatoryCheckOutcome => ({
    check: 'POSITION_LIMIT',
    passed: false,
    reason: 'POSITION_LIMIT_EXCEEDED',
    message,
    figures,
  });
  if (order.side === 'BUY' && long !== undefined && after > long)
    return fail(`the buy would take the position to ${rupees(after)}, over the limit of ${rupees(long)}`);
  if (order.side === 'SELL' && short !== undefined && -after > short)
    return fail(
      `the sale would leave a short of ${rupees(-after)}, over the position limit of ${rupees(short)}`,
    );
  return {
    check: 'POSITION_LIMIT',
    passed: true,
    message: `position after the order ${rupees(after)}`,
    figures,
  };
}

/** Every applicable check with its outcome (all of them, not the first failure), and the verdict. */
export function checkRegulatory(
  order: RegulatoryOrder,
  ctx: RegulatoryContext & { isFpi: boolean },
): { passed: boolean; outcomes: RegulatoryCheckOutcome[] } {
  if (order.faceValuePaise <= 0n) throw new RangeError('an order is for a positive face value');
  const outcomes = [
    ...(ctx.isFpi ? [checkFpiLimit(order, ctx.fpi)] : []),
    checkShortSale(order, ctx),
    ...[checkPositionLimit(order, ctx)].filter((o): o is RegulatoryCheckOutcome => o !== null),
  ];
  return { passed: outcomes.every((o) => o.passed), outcomes };
}
