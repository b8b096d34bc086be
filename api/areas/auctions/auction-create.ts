import type { EntityManager } from '@mikro-orm/postgresql';
import { InvalidAuctionSpecError } from '../../../domain/auctions';
import { resolveRules } from '../../../domain/auctions/auction-rules';
import { auctionSpecOf } from '../../../db/auctions/auction-spec';
import { Auction, type Bond } from '../../../db/entities';
import { problems, type FieldError } from '../../http/problem';
import type { CreateAuctionBody } from './auction-fields';
import { auctionWorkflowId } from './auction-workflows';

/** The domain names spec fields in camelCase; requests name them in snake_case. */
const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const FORMAT_FIELDS: Record<string, (keyof CreateAuctionBody)[]> = {
  ENGLISH: ['min_increment'],
  MULTI_ROUND: ['round_seconds', 'max_rounds'],
  HYBRID: ['round_seconds', 'min_increment', 'finalists'],
};

function formatErrors(body: CreateAuctionBody): FieldError[] {
  const errors: FieldError[] = (FORMAT_FIELDS[body.auction_type] ?? [])
    .filter((field) => body[field] === undefined)
    .map((field) => ({ field, message: `is required for ${body.auction_type}` }));
  if (body.auction_type === 'HYBRID') {
    const start = body.bid_basis === 'PRICE' ? 'reserve_price' : 'max_yield';
    if (body[start] === undefined) errors.push({ field: start, message: 'opens the HYBRID clock: required' });
  }
  if (Date.parse(body.bidding_end_time) <= Date.parse(body.bidding_start_time)) {
    errors.push({ field: 'bidding_end_time', message: 'must be after bidding_start_time' });
  }
  if (body.new_issue && body.bid_basis !== 'YIELD') {
    errors.push({
      field: 'new_issue',
      message: 'a new issue is auctioned on YIELD basis (its coupon is the cut-off)',
    });
  }
  return errors;
}

/** Builds the auction row from a validated request, or answers 422 naming every bad field. */
export function newAuction(
  em: EntityManager,
  body: CreateAuctionBody,
  bond: Bond,
  createdBy: number,
): Auction {
  const errors = formatErrors(body);
  if (errors.length) throw problems.validation(errors);
  const auction = em.create(Auction, {
    auctionCode: body.auction_code,
    auctionName: body.auction_name,
    auctionType: body.auction_type,
    bond,
    bidBasis: body.bid_basis,
    pricingRule: body.pricing_rule ?? null,
    totalLotSize: body.total_lot_size,
    minimumLotSize: body.minimum_lot_size,
    reservePrice: body.reserve_price ?? null,
    maxYield: body.max_yield ?? null,
    nonCompetitivePct: body.non_competitive_pct,
    greenshoeAmount: body.greenshoe_amount,
    maxBidderPct: body.max_bidder_pct ?? null,
    newIssue: body.new_issue,
    minIncrement: body.min_increment ?? null,
    extensionSeconds: body.extension_seconds ?? (body.auction_type === 'ENGLISH' ? 0 : null),
    roundSeconds: body.round_seconds ?? null,
    maxRounds: body.max_rounds ?? null,
    finalists: body.finalists ?? null,
    manualProcessing: body.manual_processing,
    biddingStartTime: new Date(body.bidding_start_time),
    biddingEndTime: new Date(body.bidding_end_time),
    effectiveEndTime: new Date(body.bidding_end_time),
    settlementDate: body.settlement_date ?? null,
    settlementDelaySeconds: body.settlement_delay_seconds ?? null,
    workflowId: auctionWorkflowId(body.auction_code),
    createdBy,
  });
  try {
    resolveRules(auctionSpecOf(auction));
  } catch (err) {
    if (err instanceof InvalidAuctionSpecError) {
      throw problems.validation([
        { field: snake(err.field ?? 'auction'), message: err.message.replace(/^\w+: /, '') },
      ]);
    }
    throw err;
  }
  return auction;
}
