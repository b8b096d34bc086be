import type { EntityManager } from '@mikro-orm/postgresql';
import {
  validateBid,
  validateEnglishBid,
  hybridFinalRound,
  validateHybridFinalBid,
  validateRoundImprovement,
  type Bid,
  type BidViolation,
} from '../../../domain/auctions';
import { formatFixed4, parseFixed4 } from '../../../domain/auctions/fixed-point';
import { auctionSpecOf, hybridClockOf } from '../../../db/auctions/auction-spec';
import type { Auction } from '../../../db/entities';
import { problems, type FieldError } from '../../http/problem';

const FIELD_NAMES: Record<BidViolation['field'], string> = {
  amount: 'amount',
  price: 'price',
  yield: 'yield',
  nonCompetitive: 'non_competitive',
  participantId: 'participant_id',
  time: 'time',
};

export const fieldErrorsOf = (violations: readonly BidViolation[]): FieldError[] =>
  violations.map((v) => ({ field: FIELD_NAMES[v.field], message: v.message }));

/** Bids go in only while the row says BIDDING and its (possibly extended) end has not passed. */
export async function assertBiddingOpen(em: EntityManager, auction: Auction): Promise<void> {
  const rows = await em.execute<{ open: boolean }[]>(
    'select clock_timestamp() < effective_end_time as open from auctions where id = ?',
    [auction.id],
  );
  if (auction.state !== 'BIDDING' || !rows[0]?.open) {
    throw problems.conflict(
      'bidding-closed',
      `Bidding on ${auction.auctionCode} is not open (the auction is ${auction.state}).`,
    );
  }
}

/** ENGLISH: the best standing competitive price (highest) or yield (lowest), other than `exceptBidId`. */
async function bestStanding(
  em: EntityManager,
  auction: Auction,
  exceptBidId: string | null,
): Promise<string | null> {
  const byPrice = auction.bidBasis === 'PRICE';
  const rows = await em.execute<{ best: string | null }[]>(
    `select ${byPrice ? 'max(price)' : 'min(yield_pct)'}::text as best from auction_bids
     where auction_id = ? and status = 'ACTIVE' and not is_non_competitive and id::text <> ?`,
    [auction.id, exceptBidId ?? ''],
  );
  return rows[0]?.best ?? null;
}

export interface PlacedBid {
  bid: Bid;
  /** The MULTI_ROUND round or HYBRID clock round the bid counts in. */
  round: number;
}

/**
 * Everything the auction's format says about a new or changed bid, beyond its shape: the reserve,
 * one non-competitive bid each, the ENGLISH increment, MULTI_ROUND improvement, the HYBRID clock.
 * A HYBRID clock-round bid confirms demand at the clock's price, so that price is filled in.
 */
export async function placeBid(
  em: EntityManager,
  auction: Auction,
  bid: Bid,
  ownStanding: readonly Bid[],
  previous: Bid | null,
): Promise<PlacedBid> {
  const field = auction.bidBasis === 'PRICE' ? 'price' : 'yield';
  const violations: BidViolation[] = [];
  let round = auction.currentRound;
  const clock = hybridClockOf(auction);
  if (auction.auctionType === 'HYBRID' && clock?.phase === 'CLOCK') {
    const given = bid[field];
    if (bid.nonCompetitive) {
      violations.push({
        field: 'nonCompetitive',
        code: 'NON_COMPETITIVE_NOT_ALLOWED',
        message: 'the clock takes competitive demand only',
      });
    } else if (given !== undefined && parseFixed4(given) !== parseFixed4(clock.clockValue)) {
      violations.push({ field, code: 'INVALID_DECIMAL', message: `the clock stands at ${clock.clockValue}` });
    }
    bid = { ...bid, [field]: clock.clockValue };
    if (clock.active !== null) {
      const before = clock.active.find((d) => d.participantId === bid.participantId);
      if (!before) {
        violations.push({
          field: 'participantId',
          code: 'NOT_A_FINALIST',
          message: 'you left the clock in an earlier round',
        });
      } else if (bid.amount > before.amount) {
        violations.push({
          field: 'amount',
          code: 'AMOUNT_BELOW_PREVIOUS_ROUND',
          message: `demand may only fall: at most ${before.amount}`,
        });
      }
    }
  } else if (auction.auctionType === 'HYBRID' && clock?.phase === 'SEALED') {
    violations.push(...validateHybridFinalBid(clock, bid));
    round = hybridFinalRound(clock);
  }
  violations.push(...validateBid(auctionSpecOf(auction), bid, ownStanding));
  if (auction.auctionType === 'ENGLISH' && !bid.nonCompetitive && bid[field] !== undefined) {
    const best = await bestStanding(em, auction, previous ? String(previous.id) : null);
    violations.push(
      ...validateEnglishBid(
        {
          bidBasis: auction.bidBasis,
          minIncrement: auction.minIncrement ?? '0.0001',
          reservePrice: auction.reservePrice ?? undefined,
          maxYield: auction.maxYield ?? undefined,
        },
        best === null ? null : formatFixed4(parseFixed4(best) as number),
        bid[field] as string,
      ),
    );
  }
  if (auction.auctionType === 'MULTI_ROUND' && previous) {
    violations.push(...validateRoundImprovement(auction.bidBasis, previous, bid));
  }
  const unique = violations.filter(
    (v, i) => violations.findIndex((w) => w.code === v.code && w.field === v.field) === i,
  );
  if (unique.length) throw problems.validation(fieldErrorsOf(unique));
  return { bid, round };
}
