import { clearAuction } from './clear-auction';
import { AuctionStateError, InvalidAuctionSpecError, InvalidBidError } from './errors';
import { formatFixed4, parseFixed4 } from './fixed-point';
import type {
  AuctionSpec,
  Bid,
  BidBasis,
  BidViolation,
  ClearingContext,
  ClearingResult,
  DecimalInput,
  Id,
} from './types';

export interface HybridClockOptions {
  bidBasis: BidBasis;
  /** Opening clock price (or yield). */
  startValue: DecimalInput;
  /** Step per round: the price rises by it (a yield clock falls by it). */
  minIncrement: DecimalInput;
  /** Amount on offer. */
  supply: number;
  /** The clock stops once at most this many bidders remain. */
  finalists: number;
}

export interface Demand {
  participantId: Id;
  amount: number;
}

/** Plain data, so a workflow can keep it in its state. */
export interface HybridClockState {
  bidBasis: BidBasis;
  phase: 'CLOCK' | 'SEALED';
  round: number;
  clockValue: string;
  minIncrement: string;
  supply: number;
  finalists: number;
  /** Who is still in, with the demand last confirmed; null before the first round (open to all). */
  active: Demand[] | null;
  /** Once SEALED: the last clock value the finalists confirmed, the floor of the sealed round. */
  floor: string | null;
  /**
   * Set when bidding closed during the clock (closeHybridClock): there was no sealed round, and the
   * clock round whose confirmations stand (each finalist's latest, at the floor) is cleared instead.
   * Absent in states stored before it existed.
   */
  closedInRound?: number;
}

function decimalUnits(field: string, value: DecimalInput): number {
  const units = parseFixed4(value);
  if (units === null || units <= 0)
    throw new InvalidAuctionSpecError(field, 'must be a positive decimal with at most 4 places');
  return units;
}

export function startHybridClock(options: HybridClockOptions): HybridClockState {
  if (!Number.isSafeInteger(options.supply) || options.supply <= 0)
    throw new InvalidAuctionSpecError('supply', 'must be a positive integer');
  if (!Number.isSafeInteger(options.finalists) || options.finalists < 1)
    throw new InvalidAuctionSpecError('finalists', 'must be at least 1');
  return {
    bidBasis: options.bidBasis,
    phase: 'CLOCK',
    round: 1,
    clockValue: formatFixed4(decimalUnits('startValue', options.startValue)),
    minIncrement: formatFixed4(decimalUnits('minIncrement', options.minIncrement)),
    supply: options.supply,
    finalists: options.finalists,
    active: null,
    floor: null,
  };
}

function assertConfirmations(state: HybridClockState, confirmations: readonly Demand[]): void {
  const previous = new Map(state.active?.map((d) => [d.participantId, d.amount]));
  const seen = new Set<Id>();
  for (const { participantId, amount } of confirmations) {
    const who = String(participantId);
    if (seen.has(participantId))
      throw new AuctionStateError(`participant ${who} confirmed twice in round ${state.round}`);
    seen.add(participantId);
    if (!Number.isSafeInteger(amount) || amount <= 0)
      throw new AuctionStateError(`participant ${who} confirmed a non-positive amount`);
    if (state.active === null) continue;
    const before = previous.get(participantId);
    if (before === undefined) throw new AuctionStateError(`participant ${who} has left the clock`);
    // Demand may only fall as the price rises, or the clock would never settle.
    if (amount > before)
      throw new AuctionStateError(`participant ${who} raised its demand from ${before} to ${amount}`);
  }
}

/**
 * The clock stopped after `state`'s round: those who confirmed at its price are the finalists at
 * that price; if nobody confirmed, the bidders of the round before are, at that round's price.
 */
function stopClock(state: HybridClockState, stay: Demand[]): HybridClockState {
  if (stay.length > 0) return { ...state, phase: 'SEALED', active: stay, floor: state.clockValue };
  const step = parseFixed4(state.minIncrement) as number;
  const current = parseFixed4(state.clockValue) as number;
  const previous = state.bidBasis === 'PRICE' ? current - step : current + step;
  const lastConfirmed = state.active === null ? current : previous;
  return { ...state, phase: 'SEALED', active: state.active ?? [], floor: formatFixed4(lastConfirmed) };
}

function confirmedDemand(state: HybridClockState, confirmations: readonly Demand[]): Demand[] {
  if (state.phase !== 'CLOCK') throw new AuctionStateError('the clock has stopped; the sealed round is open');
  assertConfirmations(state, confirmations);
  return confirmations.map((d) => ({ participantId: d.participantId, amount: d.amount }));
}

/**
 * Closes a clock round: those who confirmed demand at the current price stay in. The clock stops when
 * at most `finalists` bidders remain or their demand fits the supply; otherwise the price moves one
 * step. If nobody confirms, the bidders of the round before become the finalists at that round's price.
 */
export function advanceHybridClock(
  state: HybridClockState,
  confirmations: readonly Demand[],
): HybridClockState {
  const stay = confirmedDemand(state, confirmations);
  const step = parseFixed4(state.minIncrement) as number;
  const current = parseFixed4(state.clockValue) as number;
  const next = state.bidBasis === 'PRICE' ? current + step : current - step;
  const demand = stay.reduce((sum, d) => sum + d.amount, 0);
  if (stay.length === 0 || stay.length <= state.finalists || demand <= state.supply || next <= 0) {
    return stopClock(state, stay);
  }
  return { ...state, round: state.round + 1, clockValue: formatFixed4(next), active: stay };
}

/**
 * Bidding closed during a clock round: the clock stops as if the round had ended there, and with
 * no sealed round to come, the standing confirmations become the final bids (see closedInRound).
 */
export function closeHybridClock(
  state: HybridClockState,
  confirmations: readonly Demand[],
): HybridClockState {
  const stay = confirmedDemand(state, confirmations);
  const stopped = stopClock(state, stay);
  const standing = stay.length > 0 || state.active === null ? state.round : state.round - 1;
  return { ...stopped, closedInRound: standing };
}

/** The round whose bids the final clearing takes: the sealed round, or the clock round a close left standing. */
export function hybridFinalRound(state: HybridClockState): number {
  if (state.phase !== 'SEALED') throw new AuctionStateError('the clock is still running');
  return state.closedInRound ?? state.round + 1;
}

function sealedFloor(state: HybridClockState): number {
  if (state.phase !== 'SEALED' || state.floor === null)
    throw new AuctionStateError('the clock is still running');
  return parseFixed4(state.floor) as number;
}

/** Why a sealed final-round bid is not acceptable: only finalists bid, and never beyond the floor. */
export function validateHybridFinalBid(state: HybridClockState, bid: Bid): BidViolation[] {
  const floor = sealedFloor(state);
  if (bid.nonCompetitive) return [];
  const violations: BidViolation[] = [];
  if (!state.active?.some((d) => d.participantId === bid.participantId)) {
    violations.push({
      field: 'participantId',
      code: 'NOT_A_FINALIST',
      message: 'only finalists bid in the sealed round',
    });
  }
  const field = state.bidBasis === 'PRICE' ? 'price' : 'yield';
  const value = parseFixed4(bid[field] ?? '');
  if (value !== null && (state.bidBasis === 'PRICE' ? value < floor : value > floor)) {
    violations.push({
      field,
      code: 'BEYOND_RESERVE',
      message: `${field} is beyond the clock's last ${field} ${state.floor}`,
    });
  }
  return violations;
}

/**
 * Clears the sealed final round at a uniform price. The floor acts as the reserve price (maximum
 * yield), so a bid beyond it is rejected like any bid beyond the reserve; a bid from someone who
 * is not a finalist is an error.
 */
export function clearHybridFinal(
  spec: AuctionSpec,
  state: HybridClockState,
  bids: readonly Bid[],
  context: ClearingContext = {},
): ClearingResult {
  const floor = sealedFloor(state);
  if (spec.bidBasis !== state.bidBasis)
    throw new InvalidAuctionSpecError('bidBasis', 'differs from the clock');
  for (const bid of bids) {
    const outsiders = validateHybridFinalBid(state, bid).filter((v) => v.code === 'NOT_A_FINALIST');
    if (outsiders.length > 0) throw new InvalidBidError(bid.id, outsiders);
  }
  const byPrice = spec.bidBasis === 'PRICE';
  const limit = byPrice ? spec.reservePrice : spec.maxYield;
  const own = limit === undefined ? null : parseFixed4(limit);
  const tighter = own === null ? floor : byPrice ? Math.max(own, floor) : Math.min(own, floor);
  const bound = formatFixed4(tighter);
  const finalSpec: AuctionSpec = byPrice
    ? { ...spec, format: 'HYBRID', reservePrice: bound }
    : { ...spec, format: 'HYBRID', maxYield: bound };
  return clearAuction(finalSpec, bids, context);
}
