import { DomainError } from '../domain-error';

export const RFQ_STATES = ['OPEN', 'QUOTED', 'ACCEPTED', 'EXPIRED', 'REJECTED', 'WITHDRAWN'] as const;
export type RfqState = (typeof RFQ_STATES)[number];

export const RFQ_QUOTE_STATES = ['ACTIVE', 'REPLACED', 'WITHDRAWN', 'ACCEPTED', 'NOT_ACCEPTED'] as const;
export type RfqQuoteState = (typeof RFQ_QUOTE_STATES)[number];

/** How a dealer expressed its quote; a yield is converted to the clean price the trade is done at. */
export const QUOTE_BASES = ['PRICE', 'YIELD'] as const;
export type QuoteBasis = (typeof QUOTE_BASES)[number];

/** Shortest and longest response window a requester may ask for. */
export const RFQ_MIN_WINDOW_SECONDS = 5;
export const RFQ_MAX_WINDOW_SECONDS = 3600;
/** How many dealers one RFQ may go to (a request to the whole street is not an RFQ). */
export const RFQ_MAX_DEALERS = 10;

/** A step the RFQ's state does not allow (answered 409). */
export class RfqStateError extends DomainError {
  readonly code = 'RFQ_STATE';
}

export const LIVE_RFQ_STATES: readonly RfqState[] = ['OPEN', 'QUOTED'];

export const isLive = (state: RfqState) => LIVE_RFQ_STATES.includes(state);

export type RfqStep = 'QUOTE' | 'WITHDRAW_QUOTE' | 'ACCEPT' | 'WITHDRAW' | 'REJECT' | 'EXPIRE';

/**
 * The state an RFQ moves to on a step, or an RfqStateError. Quotes keep a live RFQ QUOTED while
 * any quote is active (`activeQuotesAfter` counts them after the step); the terminal states take
 * no further steps. `windowOpen` is the database clock's answer, so a step racing the window's end
 * is decided in one place.
 */
export function nextRfqState(
  state: RfqState,
  step: RfqStep,
  windowOpen: boolean,
  activeQuotesAfter: number,
): RfqState {
  if (!isLive(state)) throw new RfqStateError(`the RFQ is ${state} and takes no more steps`);
  if (step === 'EXPIRE') {
    if (windowOpen) throw new RfqStateError('the response window has not ended');
    return 'EXPIRED';
  }
  if (!windowOpen) throw new RfqStateError('the response window has ended');
  switch (step) {
    case 'QUOTE':
    case 'WITHDRAW_QUOTE':
      return activeQuotesAfter > 0 ? 'QUOTED' : 'OPEN';
    case 'ACCEPT':
      if (state !== 'QUOTED') throw new RfqStateError('the RFQ has no quote to accept');
      return 'ACCEPTED';
    case 'WITHDRAW':
      return 'WITHDRAWN';
    case 'REJECT':
      if (state !== 'QUOTED')
        throw new RfqStateError('there is no quote to reject; withdraw the RFQ instead');
      return 'REJECTED';
  }
}

/** The dealer's side of the trade is the requester's opposite. */
export function tradeSides<T>(
  requesterSide: 'BUY' | 'SELL',
  requester: T,
  dealer: T,
): { buyer: T; seller: T } {
  return requesterSide === 'BUY'
    ? { buyer: requester, seller: dealer }
    : { buyer: dealer, seller: requester };
}
