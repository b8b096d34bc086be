import {
  advanceHybridClock,
  AuctionStateError,
  clearHybridFinal,
  closeHybridClock,
  hybridFinalRound,
  InvalidBidError,
  startHybridClock,
  validateHybridFinalBid,
  type HybridClockState,
} from '../../../domain/auctions';
import { allotmentOf, allotted, priceBid, spec } from './auction-fixture';

// 5,00,000 on offer, the clock opens at 99.00 and rises 0.25 a round; it stops at 2 finalists.
const open = () =>
  startHybridClock({
    bidBasis: 'PRICE',
    startValue: '99',
    minIncrement: '0.25',
    supply: 500_000,
    finalists: 2,
  });

function runToSealed(): HybridClockState {
  // 99.00: four bidders want 10,00,000 -> go on;  99.25: D drops, 7,00,000 -> go on;
  // 99.50: C drops, two remain -> stop, floor 99.50.
  let state = advanceHybridClock(open(), [
    { participantId: 'A', amount: 300_000 },
    { participantId: 'B', amount: 300_000 },
    { participantId: 'C', amount: 200_000 },
    { participantId: 'D', amount: 200_000 },
  ]);
  state = advanceHybridClock(state, [
    { participantId: 'A', amount: 300_000 },
    { participantId: 'B', amount: 200_000 },
    { participantId: 'C', amount: 200_000 },
  ]);
  return advanceHybridClock(state, [
    { participantId: 'A', amount: 300_000 },
    { participantId: 'B', amount: 200_000 },
  ]);
}

describe('HYBRID ascending clock', () => {
  it('when more than the finalists keep bidding beyond the supply, then the price rises one step', () => {
    const state = advanceHybridClock(open(), [
      { participantId: 'A', amount: 300_000 },
      { participantId: 'B', amount: 300_000 },
      { participantId: 'C', amount: 200_000 },
    ]);
    expect(state).toMatchObject({ phase: 'CLOCK', round: 2, clockValue: '99.2500' });
  });

  it('when at most the finalists remain, then the clock stops at the current price', () => {
    const state = runToSealed();
    expect(state).toMatchObject({ phase: 'SEALED', round: 3, clockValue: '99.5000', floor: '99.5000' });
    expect(state.active?.map((d) => d.participantId)).toEqual(['A', 'B']);
  });

  it('when the remaining demand fits the supply, then the clock stops even with more bidders', () => {
    const state = advanceHybridClock(open(), [
      { participantId: 'A', amount: 200_000 },
      { participantId: 'B', amount: 200_000 },
      { participantId: 'C', amount: 100_000 },
    ]);
    expect(state).toMatchObject({ phase: 'SEALED', floor: '99.0000' });
  });

  it('when nobody confirms, then the bidders of the round before are the finalists at its price', () => {
    const second = advanceHybridClock(open(), [
      { participantId: 'A', amount: 300_000 },
      { participantId: 'B', amount: 300_000 },
      { participantId: 'C', amount: 300_000 },
    ]);
    const stopped = advanceHybridClock(second, []);
    expect(stopped).toMatchObject({ phase: 'SEALED', floor: '99.0000' });
    expect(stopped.active).toHaveLength(3);
  });

  it('when a bidder raises its demand or returns after leaving, then the round is refused', () => {
    const second = advanceHybridClock(open(), [
      { participantId: 'A', amount: 300_000 },
      { participantId: 'B', amount: 300_000 },
      { participantId: 'C', amount: 300_000 },
    ]);
    expect(() => advanceHybridClock(second, [{ participantId: 'A', amount: 400_000 }])).toThrow(
      AuctionStateError,
    );
    expect(() => advanceHybridClock(second, [{ participantId: 'Z', amount: 10_000 }])).toThrow(
      AuctionStateError,
    );
    expect(() => advanceHybridClock(runToSealed(), [])).toThrow(AuctionStateError);
  });
});

describe('HYBRID sealed final round', () => {
  const state = runToSealed();
  const hybrid = spec({ format: 'HYBRID', totalLotSize: 500_000 });

  it('when the finalists bid, then it clears uniform and a bid under the floor is rejected', () => {
    // A 99.80 x 3,00,000 fills; B 99.60 x 3,00,000 gets the 2,00,000 left (66.67%); all pay 99.60.
    // B's extra bid at 99.40 is below the 99.50 floor.
    const result = clearHybridFinal(hybrid, state, [
      priceBid('a', 'A', '99.80', 300_000),
      priceBid('b', 'B', '99.60', 300_000),
      priceBid('b2', 'B', '99.40', 100_000),
    ]);
    expect(allotted(result)).toEqual({ a: 300_000, b: 200_000, b2: 0 });
    expect(result).toMatchObject({ cutoffPrice: '99.6000', partialAllotmentPct: '66.67' });
    expect(allotmentOf(result, 'a').pricePaid).toBe('99.6000');
    expect(allotmentOf(result, 'b2')).toMatchObject({
      outcome: 'REJECTED',
      rejectionReason: 'BEYOND_RESERVE',
    });
  });

  it('when someone who left the clock bids, then the final round refuses it', () => {
    expect(validateHybridFinalBid(state, priceBid('c', 'C', '99.90', 100_000)).map((v) => v.code)).toEqual([
      'NOT_A_FINALIST',
    ]);
    expect(() => clearHybridFinal(hybrid, state, [priceBid('c', 'C', '99.90', 100_000)])).toThrow(
      InvalidBidError,
    );
  });

  it('when the clock is still running, then there is no final round yet', () => {
    expect(() => clearHybridFinal(hybrid, open(), [])).toThrow(AuctionStateError);
  });
});

describe('HYBRID closed during the clock', () => {
  const hybrid = spec({ format: 'HYBRID', totalLotSize: 500_000 });
  const second = () =>
    advanceHybridClock(open(), [
      { participantId: 'A', amount: 300_000 },
      { participantId: 'B', amount: 300_000 },
      { participantId: 'C', amount: 200_000 },
    ]);

  it('when bidding closes after some confirmed this round, then they are the finalists at its price', () => {
    // Round 2 at 99.25: A and C confirm (5,00,000 against 5,00,000 supply) before the close.
    const closed = closeHybridClock(second(), [
      { participantId: 'A', amount: 300_000 },
      { participantId: 'C', amount: 200_000 },
    ]);
    expect(closed).toMatchObject({ phase: 'SEALED', round: 2, floor: '99.2500', closedInRound: 2 });
    expect(hybridFinalRound(closed)).toBe(2);
    // Their confirmations are their final bids: A 3,00,000 and C 2,00,000 at 99.25 fill the supply.
    const result = clearHybridFinal(hybrid, closed, [
      priceBid('a2', 'A', '99.25', 300_000),
      priceBid('c2', 'C', '99.25', 200_000),
    ]);
    expect(allotted(result)).toEqual({ a2: 300_000, c2: 200_000 });
    expect(result.cutoffPrice).toBe('99.2500');
  });

  it('when bidding closes before anyone confirmed this round, then the round before stands at its price', () => {
    // Round 1's 8,00,000 at 99.00 stands against 5,00,000: pro-rata 3/8 -> A and B 1,87,500 -> 1,80,000
    // (remainder 7,500 each), C 1,25,000 -> 1,20,000 (remainder 5,000); the two lots left go to A and B.
    const closed = closeHybridClock(second(), []);
    expect(closed).toMatchObject({ phase: 'SEALED', floor: '99.0000', closedInRound: 1 });
    expect(hybridFinalRound(closed)).toBe(1);
    const result = clearHybridFinal(hybrid, closed, [
      priceBid('a1', 'A', '99', 300_000, 1),
      priceBid('b1', 'B', '99', 300_000, 2),
      priceBid('c1', 'C', '99', 200_000, 3),
    ]);
    expect(allotted(result)).toEqual({ a1: 190_000, b1: 190_000, c1: 120_000 });
  });

  it('when bidding closes in the first round with no confirmation, then nobody is a finalist', () => {
    const closed = closeHybridClock(open(), []);
    expect(closed).toMatchObject({ phase: 'SEALED', active: [], floor: '99.0000', closedInRound: 1 });
  });

  it('when the clock stops by itself, then the final round is the sealed one after it', () => {
    expect(hybridFinalRound(runToSealed())).toBe(4);
    expect(() => hybridFinalRound(open())).toThrow(AuctionStateError);
    expect(() => closeHybridClock(runToSealed(), [])).toThrow(AuctionStateError);
  });
});

describe('HYBRID on yield', () => {
  it('when bidding on yield, then the clock falls by the increment', () => {
    const state = startHybridClock({
      bidBasis: 'YIELD',
      startValue: '7.30',
      minIncrement: '0.02',
      supply: 100_000,
      finalists: 1,
    });
    const next = advanceHybridClock(state, [
      { participantId: 1, amount: 100_000 },
      { participantId: 2, amount: 100_000 },
    ]);
    expect(next.clockValue).toBe('7.2800');
  });
});
