import { clearAuction, InvalidAuctionSpecError, type Bid } from '../../../domain/auctions';
import { allotmentOf, allotted, priceBid, spec } from './auction-fixture';

// Notified 10,00,000; lot 10,000. Ranked by price, high to low:
//   A 100.50 x 3,00,000 -> cumulative 3,00,000
//   B 100.25 x 4,00,000 -> cumulative 7,00,000
//   C 100.10 x 2,00,000 \ level demand 5,00,000 for the 3,00,000 left: the cut-off.
//   D 100.10 x 3,00,000 /   C = 3,00,000 x 2/5 = 1,20,000; D = 3,00,000 x 3/5 = 1,80,000 (both exact lots)
//   E  99.90 x 5,00,000 -> worse than the cut-off: nothing
function bids(): Bid[] {
  return [
    priceBid('A', 1, '100.50', 300_000, 1),
    priceBid('B', 2, '100.25', 400_000, 2),
    priceBid('C', 3, '100.10', 200_000, 3),
    priceBid('D', 4, '100.10', 300_000, 4),
    priceBid('E', 5, '99.90', 500_000, 5),
  ];
}

describe('DUTCH auction on price (uniform)', () => {
  const result = clearAuction(spec({ format: 'DUTCH' }), bids());

  it('when the 100.10 level over-fills, then it is the cut-off and shares 3,00,000 pro-rata', () => {
    expect(allotted(result)).toEqual({ A: 300_000, B: 400_000, C: 120_000, D: 180_000, E: 0 });
    expect(result.cutoffPrice).toBe('100.1000');
    expect(result.partialAllotmentPct).toBe('60.00'); // 3,00,000 / 5,00,000
    expect(result.cutoffBidCount).toBe(2);
    expect(result.totalAllotted).toBe(1_000_000);
    expect(result.fullySubscribed).toBe(true);
  });

  it('when prices are uniform, then every winner pays the cut-off and the average is the cut-off', () => {
    expect(result.allotments.filter((a) => a.allottedAmount > 0).map((a) => a.pricePaid)).toEqual(
      Array(4).fill('100.1000'),
    );
    expect(result.weightedAveragePrice).toBe('100.1000');
    // A: 3,00,000 x 100.10 / 100 = 3,00,300.00
    expect(allotmentOf(result, 'A').consideration).toBe('300300.00');
    expect(allotmentOf(result, 'C').outcome).toBe('PARTIAL');
    expect(allotmentOf(result, 'E')).toMatchObject({
      outcome: 'NONE',
      pricePaid: null,
      consideration: '0.00',
    });
  });

  it('when 17,00,000 is bid for 10,00,000, then the bid-to-cover is 1.70', () => {
    expect(result.totalBidAmount).toBe(1_700_000);
    expect(result.bidToCover).toBe('1.70');
  });

  it('when no yield function is given, then a price auction reports no yields', () => {
    expect(result.cutoffYield).toBeNull();
    expect(result.weightedAverageYield).toBeNull();
  });

  it('when a yieldFromPrice is given, then the cut-off and average yields come from it', () => {
    const withYield = clearAuction(spec({ format: 'DUTCH' }), bids(), {
      yieldFromPrice: (p) => (p === '100.1000' ? '7.1234' : 'x'),
    });
    expect(withYield.cutoffYield).toBe('7.1234');
    expect(withYield.weightedAverageYield).toBe('7.1234');
  });
});

describe('SEALED_BID auction on price', () => {
  it('when the rule is left out, then it is multiple price: each winner pays its own bid', () => {
    const result = clearAuction(spec({ format: 'SEALED_BID' }), bids());
    expect(result.pricingRule).toBe('MULTIPLE');
    expect(allotted(result)).toEqual({ A: 300_000, B: 400_000, C: 120_000, D: 180_000, E: 0 });
    expect(allotmentOf(result, 'A')).toMatchObject({ pricePaid: '100.5000', consideration: '301500.00' });
    expect(allotmentOf(result, 'B')).toMatchObject({ pricePaid: '100.2500', consideration: '401000.00' });
    // 1,20,000 x 100.10 / 100 = 1,20,120.00
    expect(allotmentOf(result, 'C')).toMatchObject({ pricePaid: '100.1000', consideration: '120120.00' });
    // (3,00,000 x 100.50 + 4,00,000 x 100.25 + 3,00,000 x 100.10) / 10,00,000
    //   = (3,01,50,000 + 4,01,00,000 + 3,00,30,000) / 10,00,000 = 100.28
    expect(result.weightedAveragePrice).toBe('100.2800');
    expect(result.cutoffPrice).toBe('100.1000');
  });

  it('when the rule is UNIFORM, then it clears like a Dutch auction', () => {
    const result = clearAuction(spec({ format: 'SEALED_BID', pricingRule: 'UNIFORM' }), bids());
    expect(allotmentOf(result, 'A').pricePaid).toBe('100.1000');
  });
});

describe('greenshoe and reserve price', () => {
  it('when the issuer accepts notified + greenshoe, then 12,00,000 clears and the cut-off level fills exactly', () => {
    // 3,00,000 + 4,00,000 + 5,00,000 = 12,00,000: the 100.10 level is allotted in full.
    const result = clearAuction(spec({ greenshoeAmount: 200_000 }), bids(), { acceptedAmount: 1_200_000 });
    expect(allotted(result)).toEqual({ A: 300_000, B: 400_000, C: 200_000, D: 300_000, E: 0 });
    expect(result.targetAmount).toBe(1_200_000);
    expect(result.partialAllotmentPct).toBe('100.00');
  });

  it('when the accepted amount passes notified + greenshoe, then the spec is refused', () => {
    expect(() =>
      clearAuction(spec({ greenshoeAmount: 200_000 }), bids(), { acceptedAmount: 1_210_000 }),
    ).toThrow(InvalidAuctionSpecError);
  });

  it('when bids fall below the reserve price, then they are rejected and the rest clears undersubscribed', () => {
    // Reserve 100.20 leaves A and B: 7,00,000 of 10,00,000; cut-off is the last accepted level, 100.25.
    const result = clearAuction(spec({ reservePrice: '100.20' }), bids());
    expect(allotted(result)).toEqual({ A: 300_000, B: 400_000, C: 0, D: 0, E: 0 });
    expect(allotmentOf(result, 'C')).toMatchObject({
      outcome: 'REJECTED',
      rejectionReason: 'BEYOND_RESERVE',
    });
    expect(result.cutoffPrice).toBe('100.2500');
    expect(result.fullySubscribed).toBe(false);
    expect(result.totalAllotted).toBe(700_000);
  });

  it('when no bid is acceptable, then nothing is allotted and there is no cut-off', () => {
    const result = clearAuction(spec({ reservePrice: '101' }), bids());
    expect(result).toMatchObject({
      totalAllotted: 0,
      cutoffPrice: null,
      weightedAveragePrice: null,
      partialAllotmentPct: null,
    });
  });
});
