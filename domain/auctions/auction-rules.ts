import { InvalidAuctionSpecError } from './errors';
import { mulDivFloor, parseFixed4, UNITS_PER_WHOLE } from './fixed-point';
import type { AuctionFormat, AuctionSpec, BidBasis, DecimalInput, PricingRule } from './types';

/** How the bids at the cut-off share what is left. */
export type MarginalRule = 'PRO_RATA' | 'TIME_PRIORITY';

/** An AuctionSpec checked once and turned into integers. */
export interface AuctionRules {
  format: AuctionFormat;
  basis: BidBasis;
  pricingRule: PricingRule;
  marginalRule: MarginalRule;
  notified: number;
  lot: number;
  greenshoe: number;
  /** Lot-floored share of the notified amount open to non-competitive bids. */
  nonCompetitiveCap: number;
  /** Lot-floored per-participant cap, or null for none. */
  bidderCap: number | null;
  /** Reserve price (PRICE basis) or maximum yield (YIELD basis) in 4-decimal units. */
  limitUnits: number | null;
  newIssue: boolean;
  couponUnits: number | null;
}

const PERCENT_UNITS = 100 * UNITS_PER_WHOLE;

function positiveInteger(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new InvalidAuctionSpecError(field, 'must be a positive integer');
  return value;
}

function fixed4(field: string, value: DecimalInput, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const units = parseFixed4(value);
  if (units === null || units < min || units > max) {
    throw new InvalidAuctionSpecError(
      field,
      `must be a decimal with at most 4 places in range (${String(value)})`,
    );
  }
  return units;
}

function pricingFor(spec: AuctionSpec): { pricingRule: PricingRule; marginalRule: MarginalRule } {
  switch (spec.format) {
    case 'SEALED_BID':
      return { pricingRule: spec.pricingRule ?? 'MULTIPLE', marginalRule: 'PRO_RATA' };
    case 'ENGLISH':
      // Winners pay their own bid and the best (then earliest) bids fill first: no sharing at the margin.
      if (spec.pricingRule === 'UNIFORM')
        throw new InvalidAuctionSpecError('pricingRule', 'ENGLISH pays as bid');
      return { pricingRule: 'MULTIPLE', marginalRule: 'TIME_PRIORITY' };
    default:
      if (spec.pricingRule === 'MULTIPLE')
        throw new InvalidAuctionSpecError('pricingRule', `${spec.format} clears at a uniform price`);
      return { pricingRule: 'UNIFORM', marginalRule: 'PRO_RATA' };
  }
}

export function resolveRules(spec: AuctionSpec): AuctionRules {
  const notified = positiveInteger('totalLotSize', spec.totalLotSize);
  const lot = positiveInteger('minimumLotSize', spec.minimumLotSize);
  if (notified % lot !== 0)
    throw new InvalidAuctionSpecError('totalLotSize', 'must be a multiple of minimumLotSize');
  const greenshoe = spec.greenshoeAmount ?? 0;
  if (!Number.isSafeInteger(greenshoe) || greenshoe < 0 || greenshoe % lot !== 0) {
    throw new InvalidAuctionSpecError('greenshoeAmount', 'must be a non-negative multiple of minimumLotSize');
  }
  const ncPct = fixed4('nonCompetitivePct', spec.nonCompetitivePct ?? 0, 0, PERCENT_UNITS);
  const capPct =
    spec.maxBidderPct === undefined ? null : fixed4('maxBidderPct', spec.maxBidderPct, 1, PERCENT_UNITS);
  if (spec.bidBasis === 'PRICE' && spec.maxYield !== undefined) {
    throw new InvalidAuctionSpecError('maxYield', 'applies to YIELD-basis auctions; use reservePrice');
  }
  if (spec.bidBasis === 'YIELD' && spec.reservePrice !== undefined) {
    throw new InvalidAuctionSpecError('reservePrice', 'applies to PRICE-basis auctions; use maxYield');
  }
  const limit = spec.bidBasis === 'PRICE' ? spec.reservePrice : spec.maxYield;
  const floorToLot = (pctUnits: number): number => mulDivFloor(notified, pctUnits, PERCENT_UNITS * lot) * lot;
  return {
    format: spec.format,
    basis: spec.bidBasis,
    ...pricingFor(spec),
    notified,
    lot,
    greenshoe,
    nonCompetitiveCap: floorToLot(ncPct),
    bidderCap: capPct === null ? null : floorToLot(capPct),
    limitUnits:
      limit === undefined ? null : fixed4(spec.bidBasis === 'PRICE' ? 'reservePrice' : 'maxYield', limit, 0),
    newIssue: spec.newIssue ?? false,
    couponUnits: spec.couponPct === undefined ? null : fixed4('couponPct', spec.couponPct, 0),
  };
}

/** The amount to allot: the issuer's accepted amount, or the notified amount. */
export function resolveTarget(rules: AuctionRules, acceptedAmount: number | undefined): number {
  if (acceptedAmount === undefined) return rules.notified;
  const target = positiveInteger('acceptedAmount', acceptedAmount);
  if (target % rules.lot !== 0)
    throw new InvalidAuctionSpecError('acceptedAmount', 'must be a multiple of minimumLotSize');
  if (target > rules.notified + rules.greenshoe) {
    throw new InvalidAuctionSpecError('acceptedAmount', 'exceeds the notified amount plus the greenshoe');
  }
  return target;
}
