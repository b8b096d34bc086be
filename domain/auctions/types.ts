export type AuctionFormat = 'DUTCH' | 'SEALED_BID' | 'ENGLISH' | 'MULTI_ROUND' | 'HYBRID';
export type BidBasis = 'PRICE' | 'YIELD';
export type PricingRule = 'UNIFORM' | 'MULTIPLE';

/** A decimal as written (`"99.5025"`) or a JS number whose shortest form has at most 4 decimals. */
export type DecimalInput = string | number;
export type Id = string | number;

/** Price per 100 (4-decimal string) of the bond at `yieldPct` when its coupon is `couponPct`. */
export type PriceFromYield = (yieldPct: string, couponPct: string) => string;
/** Yield (percent string) of the auctioned bond at a clean price per 100; the caller binds the bond. */
export type YieldFromPrice = (pricePer100: string) => string;

/** Amounts are rupees of face value (integers); prices per 100 and yields in percent, each <= 4 decimals. */
export interface AuctionSpec {
  format: AuctionFormat;
  /** Notified amount. */
  totalLotSize: number;
  /** Minimum bid and bid multiple. */
  minimumLotSize: number;
  bidBasis: BidBasis;
  /** SEALED_BID only (default MULTIPLE); DUTCH, MULTI_ROUND and HYBRID clear uniform, ENGLISH pays as bid. */
  pricingRule?: PricingRule;
  /** Share of the notified amount reserved for non-competitive bids; default 0. */
  nonCompetitivePct?: DecimalInput;
  /** The issuer may accept up to notified + greenshoe. Default 0. */
  greenshoeAmount?: number;
  /** Cap on one participant's allotment, as a percentage of the notified amount. */
  maxBidderPct?: DecimalInput;
  /** PRICE basis: bids below it are rejected. */
  reservePrice?: DecimalInput;
  /** YIELD basis: bids above it are rejected. */
  maxYield?: DecimalInput;
  newIssue?: boolean;
  /** Coupon of the bond being re-issued; needed to price a YIELD-basis re-issue. */
  couponPct?: DecimalInput;
}

export interface Bid {
  id: Id;
  participantId: Id;
  /** ISO-8601 timestamp or a sequence number; only used to break ties. */
  time: string | number;
  amount: number;
  price?: DecimalInput;
  yield?: DecimalInput;
  nonCompetitive?: boolean;
}

export interface ClearingContext {
  /** Amount the issuer accepts, up to notified + greenshoe; default the notified amount. */
  acceptedAmount?: number;
  /** Required for YIELD-basis auctions that allot anything. */
  priceFromYield?: PriceFromYield;
  /** Optional: gives PRICE-basis results a cut-off and average yield. */
  yieldFromPrice?: YieldFromPrice;
  /** Accrued interest per 100 of face value for a re-issue (any number of decimals). */
  accruedPer100?: DecimalInput;
}

export type BidOutcome = 'FULL' | 'PARTIAL' | 'NONE' | 'REJECTED';
export type RejectionReason = 'BEYOND_RESERVE' | 'DUPLICATE_NON_COMPETITIVE' | 'NO_COMPETITIVE_ALLOTMENT';

export interface BidAllotment {
  bidId: Id;
  participantId: Id;
  nonCompetitive: boolean;
  outcome: BidOutcome;
  rejectionReason: RejectionReason | null;
  bidAmount: number;
  /** What the bidder cap removed from this bid. */
  cappedAmount: number;
  allottedAmount: number;
  /** Price per 100 paid, 4 decimals; null when nothing is allotted. */
  pricePaid: string | null;
  /** Face x price / 100, rupees with 2 decimals. */
  consideration: string;
  /** Face x accrued per 100 / 100, rupees with 2 decimals ("0.00" for a new issue). */
  accruedInterest: string;
  /** Consideration + accrued interest. */
  settlementAmount: string;
}

export interface ClearingResult {
  format: AuctionFormat;
  pricingRule: PricingRule;
  notifiedAmount: number;
  /** The amount the issuer accepted (notified by default). */
  targetAmount: number;
  totalBidAmount: number;
  totalAllotted: number;
  competitiveAllotted: number;
  nonCompetitiveAllotted: number;
  /** Competitive demand covered what was left after non-competitive bids. */
  fullySubscribed: boolean;
  cutoffPrice: string | null;
  cutoffYield: string | null;
  /** A new YIELD-basis issue takes the cut-off yield as its coupon; otherwise the re-issue coupon if given. */
  couponPct: string | null;
  /** Share of the demand at the cut-off that was allotted, percent with 2 decimals. */
  partialAllotmentPct: string | null;
  cutoffBidCount: number;
  weightedAveragePrice: string | null;
  weightedAverageYield: string | null;
  /** Amount of all bids received / notified amount, 2 decimals. */
  bidToCover: string;
  /** One per input bid, in input order. */
  allotments: BidAllotment[];
}

export interface BidViolation {
  field: 'amount' | 'price' | 'yield' | 'nonCompetitive' | 'participantId' | 'time';
  code: BidViolationCode;
  message: string;
}

export type BidViolationCode =
  | 'AMOUNT_NOT_INTEGER'
  | 'BELOW_MINIMUM'
  | 'NOT_LOT_MULTIPLE'
  | 'MISSING_PRICE'
  | 'MISSING_YIELD'
  | 'UNEXPECTED_PRICE'
  | 'UNEXPECTED_YIELD'
  | 'INVALID_DECIMAL'
  | 'BEYOND_RESERVE'
  | 'NON_COMPETITIVE_NOT_ALLOWED'
  | 'DUPLICATE_NON_COMPETITIVE'
  | 'INVALID_TIME'
  | 'INCREMENT_TOO_SMALL'
  | 'WORSE_THAN_PREVIOUS_ROUND'
  | 'AMOUNT_BELOW_PREVIOUS_ROUND'
  | 'NOT_A_FINALIST';
