import { z } from 'zod';
import type { Role } from '../../../domain/access/roles';
import { AUCTION_STATES, AUCTION_TYPES, BID_BASES, PRICING_RULES } from '../../../db/entities';
import { decimalText, positiveDecimalText } from '../../http/decimal-text';

export const AUCTION_TAG = 'Auctions';
/** Only AUCTION_ADMIN creates and runs auctions (CONVENTIONS.md). */
export const AUCTION_RUNNERS: readonly Role[] = ['AUCTION_ADMIN'];
export const BIDDERS: readonly Role[] = ['TRADER', 'MARKET_MAKER'];
/** Staff who see every participant's bids and allocation lines. */
export const AUCTION_OVERSEERS: readonly Role[] = ['AUCTION_ADMIN', 'OPERATIONS'];

/** The auction's integer id or its auction_code. */
export const auctionParams = z.object({ auction_id: z.string().trim().min(1).max(64) });

/** Rupees of face value, whole. */
export const faceAmount = z
  .union([z.number(), z.string().regex(/^\d+$/, 'must be whole rupees of face value')])
  .transform(Number)
  .pipe(z.number().int('must be whole rupees of face value').positive().max(1e15));

export const priceField = positiveDecimalText(4, 'a price per 100', { maxDigits: 8 });
export const yieldField = decimalText(4, 'a yield in percent', { maxDigits: 3 });
const percentField = decimalText(4, 'a percentage', { maxDigits: 3 }).refine(
  (s) => Number(s) <= 100,
  'must be at most 100',
);
const seconds = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 3600);

export const createAuctionBody = z
  .object({
    auction_code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)')
      .refine((s) => !/^\d+$/.test(s), 'must not be all digits (ids are)'),
    auction_name: z.string().trim().min(1).max(200),
    auction_type: z.enum(AUCTION_TYPES),
    bond_isin: z.string().trim().min(1).max(32).meta({ description: 'ISIN or short code of the bond' }),
    bid_basis: z.enum(BID_BASES).default('PRICE'),
    pricing_rule: z.enum(PRICING_RULES).optional(),
    total_lot_size: faceAmount.meta({ description: 'Notified amount, rupees of face value' }),
    minimum_lot_size: faceAmount.meta({ description: 'Minimum bid and bid multiple' }),
    reserve_price: priceField.optional(),
    max_yield: yieldField.optional(),
    non_competitive_pct: percentField.default('0'),
    greenshoe_amount: z
      .union([z.literal(0), faceAmount])
      .default(0)
      .meta({ description: 'The issuer may accept up to notified + greenshoe' }),
    max_bidder_pct: percentField.optional(),
    new_issue: z.boolean().default(false),
    min_increment: priceField.optional().meta({ description: 'ENGLISH bid step; HYBRID clock step' }),
    extension_seconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .optional()
      .meta({ description: 'ENGLISH soft close' }),
    round_seconds: seconds.optional().meta({ description: 'MULTI_ROUND and HYBRID round length' }),
    max_rounds: z.number().int().min(1).max(100).optional(),
    finalists: z.number().int().min(1).max(1000).optional().meta({ description: 'HYBRID' }),
    manual_processing: z.boolean().default(false),
    bidding_start_time: z.iso.datetime({ offset: true }),
    bidding_end_time: z.iso.datetime({ offset: true }),
    settlement_date: z.iso.date().optional().meta({ description: 'Default T+1 business day from clearing' }),
    settlement_delay_seconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .optional()
      .meta({
        description: 'Settle this long after clearing instead of on the settlement date (tests, demos)',
      }),
  })
  .meta({ id: 'AuctionCreate' });
export type CreateAuctionBody = z.infer<typeof createAuctionBody>;

export const auctionSchema = z
  .object({
    auction_id: z.number().int(),
    auction_code: z.string(),
    auction_name: z.string(),
    auction_type: z.enum(AUCTION_TYPES),
    bond_isin: z.string(),
    bond_code: z.string(),
    bid_basis: z.enum(BID_BASES),
    pricing_rule: z.enum(PRICING_RULES).nullable(),
    total_lot_size: z.number(),
    minimum_lot_size: z.number(),
    reserve_price: z.string().nullable(),
    max_yield: z.string().nullable(),
    non_competitive_pct: z.string(),
    greenshoe_amount: z.number(),
    max_bidder_pct: z.string().nullable(),
    new_issue: z.boolean(),
    min_increment: z.string().nullable(),
    extension_seconds: z.number().nullable(),
    round_seconds: z.number().nullable(),
    max_rounds: z.number().nullable(),
    finalists: z.number().nullable(),
    manual_processing: z.boolean(),
    bidding_start_time: z.string(),
    bidding_end_time: z.string(),
    effective_end_time: z.string(),
    settlement_date: z.string().nullable(),
    state: z.enum(AUCTION_STATES),
    current_round: z.number(),
    clock: z.record(z.string(), z.unknown()).nullable(),
    round_results: z.array(z.record(z.string(), z.unknown())),
    accepted_amount: z.number().nullable(),
    failure_reason: z.string().nullable(),
    workflow_id: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Auction' });
