import type {
  AuctionSpec,
  Bid,
  BidAllotment,
  ClearingResult,
  Id,
  PriceFromYield,
} from '../../../domain/auctions';

/** A spec with the defaults most cases share: 10,000 lots, PRICE basis, no reservations. */
export function spec(overrides: Partial<AuctionSpec> = {}): AuctionSpec {
  return {
    format: 'DUTCH',
    totalLotSize: 1_000_000,
    minimumLotSize: 10_000,
    bidBasis: 'PRICE',
    ...overrides,
  };
}

let sequence = 0;

/** A competitive price bid; time is a sequence number in creation order unless given. */
export function priceBid(
  id: Id,
  participantId: Id,
  price: string,
  amount: number,
  time?: number | string,
): Bid {
  return { id, participantId, price, amount, time: time ?? ++sequence };
}

export function yieldBid(
  id: Id,
  participantId: Id,
  yieldPct: string,
  amount: number,
  time?: number | string,
): Bid {
  return { id, participantId, yield: yieldPct, amount, time: time ?? ++sequence };
}

export function nonCompetitiveBid(id: Id, participantId: Id, amount: number, time?: number | string): Bid {
  return { id, participantId, nonCompetitive: true, amount, time: time ?? ++sequence };
}

/**
 * Hand-checkable stand-in for bond math: price = 100 + 5 x (coupon - yield), a bond whose price moves
 * 0.05 per basis point. Computed in integer units of 0.0001 so the test stays exact.
 */
export const linearPriceFromYield: PriceFromYield = (yieldPct, couponPct) => {
  const units = (s: string): number => Math.round(Number(s) * 10_000);
  const price = 1_000_000 + 5 * (units(couponPct) - units(yieldPct));
  return `${Math.floor(price / 10_000)}.${String(price % 10_000).padStart(4, '0')}`;
};

export function allotmentOf(result: ClearingResult, bidId: Id): BidAllotment {
  const found = result.allotments.find((a) => a.bidId === bidId);
  if (!found) throw new Error(`no allotment for bid ${String(bidId)}`);
  return found;
}

/** bidId -> allotted amount, for compact assertions. */
export function allotted(result: ClearingResult): Record<string, number> {
  return Object.fromEntries(result.allotments.map((a) => [String(a.bidId), a.allottedAmount]));
}
