import { clearAuction, multiRoundEndReason, validateRoundImprovement } from '../../../domain/auctions';
import { allotted, priceBid, spec } from './auction-fixture';

const multiRound = spec({ format: 'MULTI_ROUND', totalLotSize: 300_000 });

describe('MULTI_ROUND rounds', () => {
  // Round 1: P1 100.00 x 2,00,000; P2 99.80 x 2,00,000; P3 99.50 x 1,00,000 -> cut-off 99.80, P2 gets 1,00,000.
  // Round 2: P2 improves to 100.00, P3 to 99.90 -> 4,00,000 at 100.00 for 3,00,000: 1,50,000 each, cut-off 100.00.
  // Round 3: the same bids -> cut-off unchanged: the auction ends.
  const p2First = priceBid('r1p2', 2, '99.80', 200_000);
  const p2Second = priceBid('r2p2', 2, '100.00', 200_000);
  const round1 = [priceBid('r1p1', 1, '100.00', 200_000), p2First, priceBid('r1p3', 3, '99.50', 100_000)];
  const round2 = [priceBid('r2p1', 1, '100.00', 200_000), p2Second, priceBid('r2p3', 3, '99.90', 100_000)];

  it('when a round clears, then it clears at one uniform cut-off', () => {
    const first = clearAuction(multiRound, round1);
    expect(allotted(first)).toEqual({ r1p1: 200_000, r1p2: 100_000, r1p3: 0 });
    expect(first.allotments.map((a) => a.pricePaid)).toEqual(['99.8000', '99.8000', null]);
    const second = clearAuction(multiRound, round2);
    expect(allotted(second)).toEqual({ r2p1: 150_000, r2p2: 150_000, r2p3: 0 });
    expect(second.cutoffPrice).toBe('100.0000');
  });

  it('when the cut-off moves, then another round follows; when it stays, the auction ends', () => {
    const first = clearAuction(multiRound, round1).cutoffPrice;
    const second = clearAuction(multiRound, round2).cutoffPrice;
    expect(
      multiRoundEndReason({ round: 1, maxRounds: 5, previousCutoff: null, currentCutoff: first }),
    ).toBeNull();
    expect(
      multiRoundEndReason({ round: 2, maxRounds: 5, previousCutoff: first, currentCutoff: second }),
    ).toBeNull();
    expect(
      multiRoundEndReason({ round: 3, maxRounds: 5, previousCutoff: second, currentCutoff: '100' }),
    ).toBe('CUTOFF_UNCHANGED');
  });

  it('when the last allowed round is cleared, then the auction ends', () => {
    expect(
      multiRoundEndReason({ round: 5, maxRounds: 5, previousCutoff: '99.8', currentCutoff: '100' }),
    ).toBe('MAX_ROUNDS');
  });

  it('when a participant lowers its price or amount, then the bid is refused', () => {
    expect(validateRoundImprovement('PRICE', p2First, p2Second)).toEqual([]);
    expect(
      validateRoundImprovement('PRICE', p2Second, priceBid('x', 2, '99.95', 100_000)).map((v) => v.code),
    ).toEqual(['WORSE_THAN_PREVIOUS_ROUND', 'AMOUNT_BELOW_PREVIOUS_ROUND']);
  });

  it('when bidding on yield, then a higher yield is worse', () => {
    const before = { id: 1, participantId: 1, time: 1, amount: 10_000, yield: '7.10' };
    expect(
      validateRoundImprovement('YIELD', before, { ...before, id: 2, yield: '7.11' }).map((v) => v.code),
    ).toEqual(['WORSE_THAN_PREVIOUS_ROUND']);
    expect(validateRoundImprovement('YIELD', before, { ...before, id: 2, yield: '7.09' })).toEqual([]);
  });
});
