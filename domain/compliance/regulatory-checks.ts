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
  utilisedPaise: bigint;
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
}

const rupees = (paise: bigint) => {
  const sign = paise < 0n ? '-' : '';
  const abs = paise < 0n ? -paise : paise;
  return `${sign}Rs ${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

/** Free national limit = limit - utilised; a buy may take it exactly to the limit, never over. */
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
  const base = {
    category: fpi.category,
    order_paise: order.faceValuePaise.toString(),
    utilised_paise: fpi.utilisedPaise.toString(),
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
  const free = fpi.limitPaise - fpi.utilisedPaise;
  const figures = { ...base, limit_paise: fpi.limitPaise.toString(), free_paise: free.toString() };
  if (free <= 0n) {
    return {
      check: 'FPI_LIMIT',
      passed: false,
      reason: 'FPI_LIMIT_EXHAUSTED',
      message: `the FPI national limit for ${fpi.category} is exhausted (${rupees(fpi.utilisedPaise)} used of ${rupees(fpi.limitPaise)})`,
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

/** With a configured long limit, a buy may take the position to it exactly. */
export function checkPositionLimit(
  order: RegulatoryOrder,
  ctx: RegulatoryContext,
): RegulatoryCheckOutcome | null {
  if (ctx.positionLimitPaise === undefined) return null;
  const after = ctx.positionPaise + (order.side === 'BUY' ? order.faceValuePaise : -order.faceValuePaise);
  const figures = {
    position_paise: ctx.positionPaise.toString(),
    position_after_paise: after.toString(),
    position_limit_paise: ctx.positionLimitPaise.toString(),
  };
  if (order.side === 'BUY' && after > ctx.positionLimitPaise) {
    return {
      check: 'POSITION_LIMIT',
      passed: false,
      reason: 'POSITION_LIMIT_EXCEEDED',
      message: `the buy would take the position to ${rupees(after)}, over the limit of ${rupees(ctx.positionLimitPaise)}`,
      figures,
    };
  }
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
