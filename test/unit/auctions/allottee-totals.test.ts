import Decimal from 'decimal.js';
import fc from 'fast-check';
import { allotteeTotals, clearAuction, type BidAllotment } from '../../../domain/auctions';
import { priceBid, spec } from './auction-fixture';

const line = (
  participantId: number,
  allotted: number,
  price: string | null,
  settlement: string,
): BidAllotment => ({
  bidId: `b${participantId}-${allotted}-${price}`,
  participantId,
  nonCompetitive: false,
  outcome: allotted > 0 ? 'FULL' : 'NONE',
  rejectionReason: null,
  bidAmount: allotted,
  cappedAmount: 0,
  allottedAmount: allotted,
  pricePaid: price,
  consideration: settlement,
  accruedInterest: '0.00',
  settlementAmount: settlement,
});

/** The straightforward sums the clearing activity kept before: Decimal per line. */
function decimalTotals(lines: readonly BidAllotment[]) {
  const sums = new Map<number, { face: number; cash: Decimal; cost: Decimal }>();
  for (const l of lines) {
    if (l.allottedAmount === 0) continue;
    const id = Number(l.participantId);
    const sum = sums.get(id) ?? { face: 0, cash: new Decimal(0), cost: new Decimal(0) };
    sum.face += l.allottedAmount;
    sum.cash = sum.cash.plus(l.settlementAmount);
    sum.cost = sum.cost.plus(new Decimal(l.allottedAmount).times(l.pricePaid ?? 0));
    sums.set(id, sum);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([participantId, s]) => ({
      participantId,
      faceAmount: s.face,
      cashAmount: s.cash.toFixed(2),
      averagePrice: s.cost.dividedBy(s.face).toFixed(4, Decimal.ROUND_HALF_UP),
    }));
}

describe('allotteeTotals', () => {
  test('sums face and cash per participant, in participant order, with the allotment-weighted price', () => {
    const totals = allotteeTotals([
      line(7, 30_000, '99.2500', '29775.00'),
      line(3, 10_000, '99.0000', '9900.00'),
      line(7, 10_000, '99.0000', '9900.00'),
      line(5, 0, null, '0.00'),
    ]);
    // (30,000 x 99.25 + 10,000 x 99.00) / 40,000 = 99.1875
    expect(totals).toEqual([
      { participantId: 3, faceAmount: 10_000, cashAmount: '9900.00', averagePrice: '99.0000' },
      { participantId: 7, faceAmount: 40_000, cashAmount: '39675.00', averagePrice: '99.1875' },
    ]);
  });

  test('rounds the average price half-up to 4 decimals', () => {
    // (10,000 x 99.0001 + 10,000 x 99.0002) / 20,000 = 99.00015 -> 99.0002
    const [total] = allotteeTotals([
      line(1, 10_000, '99.0001', '9900.01'),
      line(1, 10_000, '99.0002', '9900.02'),
    ]);
    expect(total).toMatchObject({ averagePrice: '99.0002', cashAmount: '19800.03' });
  });

  test('agrees with Decimal sums on the lines of random clearings', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            participant: fc.integer({ min: 1, max: 6 }),
            tick: fc.integer({ min: 0, max: 4000 }),
            lots: fc.integer({ min: 1, max: 1_000_000 }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (bids) => {
          const book = bids.map((b, i) =>
            priceBid(`b${i}`, b.participant, (95 + b.tick / 1000).toFixed(4), b.lots * 10_000),
          );
          const total = bids.reduce((s, b) => s + b.lots, 0);
          const result = clearAuction(spec({ totalLotSize: Math.ceil(total / 2) * 10_000 }), book);
          expect(allotteeTotals(result.allotments)).toEqual(decimalTotals(result.allotments));
        },
      ),
      { seed: 4, numRuns: 200 },
    );
  });
});
