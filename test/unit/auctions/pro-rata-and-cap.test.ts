import { allocateProRata, clearAuction } from '../../../domain/auctions';
import { allotmentOf, allotted, priceBid, spec } from './auction-fixture';

describe('pro-rata at the cut-off', () => {
  // Notified 90,000; A at 99.50 takes 40,000; 50,000 remains for the 99.00 level (demand 1,00,000):
  //   X 30,000 -> 50,000 x 0.3 = 15,000 -> 10,000, remainder 5,000
  //   Y 30,000 -> 15,000 -> 10,000, remainder 5,000
  //   Z 40,000 -> 20,000 -> 20,000, remainder 0
  // Floors give 40,000; the one lot left goes to the tied remainders' earlier bid.
  const notified90k = spec({ totalLotSize: 90_000 });

  it('when two remainders tie, then the earlier bid gets the leftover lot', () => {
    const result = clearAuction(notified90k, [
      priceBid('A', 1, '99.50', 40_000, 1),
      priceBid('X', 2, '99.00', 30_000, 3),
      priceBid('Y', 3, '99.00', 30_000, 2),
      priceBid('Z', 4, '99.00', 40_000, 4),
    ]);
    expect(allotted(result)).toEqual({ A: 40_000, X: 10_000, Y: 20_000, Z: 20_000 });
    expect(result.partialAllotmentPct).toBe('50.00');
    expect(result.cutoffBidCount).toBe(3);
  });

  it('when tied remainders also tie on time, then the smaller bid id gets the leftover lot', () => {
    const result = clearAuction(notified90k, [
      priceBid('A', 1, '99.50', 40_000, 1),
      priceBid('X', 2, '99.00', 30_000, 7),
      priceBid('Y', 3, '99.00', 30_000, 7),
      priceBid('Z', 4, '99.00', 40_000, 7),
    ]);
    expect(allotted(result)).toEqual({ A: 40_000, X: 20_000, Y: 10_000, Z: 20_000 });
  });

  it('when remainders differ, then the largest remainder wins over the earlier bid', () => {
    // 70,000 over 20,000 / 30,000 / 50,000 (total 1,00,000): 14,000 / 21,000 / 35,000
    // -> floors 10,000 / 20,000 / 30,000 (remainders 4,000 / 1,000 / 5,000): one lot left, to the third.
    expect(
      allocateProRata(
        [
          { bid: priceBid(1, 1, '99', 20_000, 1), amount: 20_000 },
          { bid: priceBid(2, 2, '99', 30_000, 2), amount: 30_000 },
          { bid: priceBid(3, 3, '99', 50_000, 3), amount: 50_000 },
        ],
        70_000,
        10_000,
      ),
    ).toEqual([10_000, 20_000, 40_000]);
  });
});

describe('per-participant cap (max_bidder_pct)', () => {
  // Notified 10,00,000, cap 25% = 2,50,000.
  //   P1 bids 100.50 x 2,00,000 (a1), 100.30 x 1,00,000 (a2), 100.10 x 1,00,000 (a3) = 4,00,000:
  //      1,50,000 over the cap comes off its worst bids: a3 -> 0, a2 -> 50,000.
  //   P2 100.30 x 4,00,000 -> 2,50,000;  P3 100.20 x 3,00,000 -> 2,50,000;  P4 100.10 x 5,00,000 -> 2,50,000;
  //   P5 100.10 x 2,50,000 (under the cap).
  // Ranked: 100.50: 2,00,000; 100.30: 50,000 + 2,50,000 (cum 5,00,000); 100.20: 2,50,000 (cum 7,50,000);
  // 100.10: P4 2,50,000 + P5 2,50,000 for the 2,50,000 left: 1,25,000 each -> 1,20,000 with equal
  // remainders; the leftover lot goes to the earlier bid, P4's.
  const result = clearAuction(spec({ maxBidderPct: 25 }), [
    priceBid('a1', 'P1', '100.50', 200_000, 1),
    priceBid('a2', 'P1', '100.30', 100_000, 2),
    priceBid('a3', 'P1', '100.10', 100_000, 3),
    priceBid('b', 'P2', '100.30', 400_000, 4),
    priceBid('c', 'P3', '100.20', 300_000, 5),
    priceBid('d', 'P4', '100.10', 500_000, 6),
    priceBid('e', 'P5', '100.10', 250_000, 7),
  ]);

  it('when a participant bids beyond the cap, then the excess comes off its worst-priced bids first', () => {
    expect(allotmentOf(result, 'a3')).toMatchObject({
      cappedAmount: 100_000,
      allottedAmount: 0,
      outcome: 'NONE',
    });
    expect(allotmentOf(result, 'a2')).toMatchObject({
      cappedAmount: 50_000,
      allottedAmount: 50_000,
      outcome: 'PARTIAL',
    });
    expect(allotmentOf(result, 'b').cappedAmount).toBe(150_000);
  });

  it('when the cap has trimmed the bids, then the cut-off is found on what is left', () => {
    expect(allotted(result)).toEqual({
      a1: 200_000,
      a2: 50_000,
      a3: 0,
      b: 250_000,
      c: 250_000,
      d: 130_000,
      e: 120_000,
    });
    expect(result.cutoffPrice).toBe('100.1000');
    expect(result.cutoffBidCount).toBe(2); // a3 was capped to nothing and does not count
    expect(result.partialAllotmentPct).toBe('50.00');
    expect(result.totalAllotted).toBe(1_000_000);
  });
});
