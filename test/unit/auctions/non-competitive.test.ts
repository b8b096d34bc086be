import { clearAuction } from '../../../domain/auctions';
import { allotmentOf, allotted, nonCompetitiveBid, priceBid, spec } from './auction-fixture';

// Notified 10,00,000 with 5% for non-competitive bids: 50,000 reserved; lot 10,000.
const fivePct = (format: 'DUTCH' | 'SEALED_BID') => spec({ format, nonCompetitivePct: 5 });

describe('non-competitive bids', () => {
  it('when they ask for more than the 5% share, then they share 50,000 pro-rata with remainders to the largest', () => {
    // Demand 80,000 for 50,000: N1 = N2 = 50,000 x 3/8 = 18,750 -> 10,000 (remainder 8,750 each);
    // N3 = 50,000 x 2/8 = 12,500 -> 10,000 (remainder 2,500). Floors 30,000; two lots left go to N1, N2.
    // Competitive side gets 9,50,000: A 6,00,000 in full, B 3,50,000 of 5,00,000 (70%).
    const result = clearAuction(fivePct('SEALED_BID'), [
      nonCompetitiveBid('N1', 11, 30_000, 1),
      nonCompetitiveBid('N2', 12, 30_000, 2),
      nonCompetitiveBid('N3', 13, 20_000, 3),
      priceBid('A', 1, '100.20', 600_000, 4),
      priceBid('B', 2, '100.00', 500_000, 5),
    ]);
    expect(allotted(result)).toEqual({ N1: 20_000, N2: 20_000, N3: 10_000, A: 600_000, B: 350_000 });
    expect(result.nonCompetitiveAllotted).toBe(50_000);
    expect(result.partialAllotmentPct).toBe('70.00');
    // Weighted average of the accepted competitive bids (multiple price):
    // (6,00,000 x 100.20 + 3,50,000 x 100.00) / 9,50,000 = 9,51,20,000 / 9,50,000 = 100.126315... -> 100.1263
    expect(result.weightedAveragePrice).toBe('100.1263');
    // 20,000 x 100.1263 / 100 = 20,025.26; 10,000 x 100.1263 / 100 = 10,012.63
    expect(allotmentOf(result, 'N1')).toMatchObject({
      pricePaid: '100.1263',
      consideration: '20025.26',
      outcome: 'PARTIAL',
    });
    expect(allotmentOf(result, 'N3')).toMatchObject({ pricePaid: '100.1263', consideration: '10012.63' });
    expect(result.totalAllotted).toBe(1_000_000);
  });

  it('when they ask for less than the share, then they are filled and the rest goes to the competitive side', () => {
    // 30,000 of 50,000 used: the competitive side clears 9,70,000; B gets 3,70,000 of 5,00,000 (74%).
    const result = clearAuction(fivePct('DUTCH'), [
      nonCompetitiveBid('N1', 11, 10_000),
      nonCompetitiveBid('N2', 12, 20_000),
      priceBid('A', 1, '100.20', 600_000),
      priceBid('B', 2, '100.00', 500_000),
    ]);
    expect(allotted(result)).toEqual({ N1: 10_000, N2: 20_000, A: 600_000, B: 370_000 });
    expect(result.competitiveAllotted).toBe(970_000);
    expect(result.partialAllotmentPct).toBe('74.00');
    // Uniform price: the competitive average is the cut-off, 100.00.
    expect(allotmentOf(result, 'N2')).toMatchObject({
      outcome: 'FULL',
      pricePaid: '100.0000',
      consideration: '20000.00',
    });
  });

  it('when a participant sends two non-competitive bids, then the later one is rejected', () => {
    const result = clearAuction(fivePct('DUTCH'), [
      nonCompetitiveBid('N1', 11, 10_000, '2026-11-23T10:00:01.000Z'),
      nonCompetitiveBid('N0', 11, 20_000, '2026-11-23T10:00:00.000Z'),
      priceBid('A', 1, '100.20', 1_000_000, '2026-11-23T10:00:02.000Z'),
    ]);
    expect(allotmentOf(result, 'N0').allottedAmount).toBe(20_000);
    expect(allotmentOf(result, 'N1')).toMatchObject({
      outcome: 'REJECTED',
      rejectionReason: 'DUPLICATE_NON_COMPETITIVE',
    });
  });

  it('when no competitive bid is accepted, then non-competitive bids cannot be priced and get nothing', () => {
    const result = clearAuction({ ...fivePct('DUTCH'), reservePrice: '99' }, [
      nonCompetitiveBid('N1', 11, 10_000),
      priceBid('A', 1, '98', 10_000),
    ]);
    expect(result.totalAllotted).toBe(0);
    expect(allotmentOf(result, 'N1')).toMatchObject({
      outcome: 'REJECTED',
      rejectionReason: 'NO_COMPETITIVE_ALLOTMENT',
    });
  });
});
