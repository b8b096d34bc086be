import type { AuctionSpec, Bid, HybridClockState } from '../../domain/auctions';
import type { Auction, AuctionBid } from '../entities';

/** The domain's view of an auction's terms; the bond must be loaded (its coupon prices re-issues). */
export function auctionSpecOf(auction: Auction): AuctionSpec {
  return {
    format: auction.auctionType,
    totalLotSize: auction.totalLotSize,
    minimumLotSize: auction.minimumLotSize,
    bidBasis: auction.bidBasis,
    pricingRule: auction.pricingRule ?? undefined,
    nonCompetitivePct: auction.nonCompetitivePct,
    greenshoeAmount: auction.greenshoeAmount,
    maxBidderPct: auction.maxBidderPct ?? undefined,
    reservePrice: auction.reservePrice ?? undefined,
    maxYield: auction.maxYield ?? undefined,
    newIssue: auction.newIssue,
    couponPct: auction.newIssue ? undefined : auction.bond.couponPct,
  };
}

/** A stored bid as the domain ranks it: a modification takes the modification's time. */
export function domainBidOf(bid: AuctionBid): Bid {
  return {
    id: bid.id,
    participantId: bid.participant.id,
    time: (bid.modifiedAt ?? bid.createdAt).toISOString(),
    amount: bid.amount,
    price: bid.price ?? undefined,
    yield: bid.yieldPct ?? undefined,
    nonCompetitive: bid.isNonCompetitive,
  };
}

export function hybridClockOf(auction: Auction): HybridClockState | null {
  return (auction.clockState as HybridClockState | null | undefined) ?? null;
}
