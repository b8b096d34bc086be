import {
  clearAuction,
  InvalidAuctionSpecError,
  PricingFunctionError,
  type Bid,
} from '../../../domain/auctions';
import { allotmentOf, allotted, linearPriceFromYield, spec, yieldBid } from './auction-fixture';

// Notified 5,00,000; lot 10,000; bids by yield, ranked low to high:
//   Y1 7.10 x 2,00,000 -> cumulative 2,00,000
//   Y2 7.12 x 2,00,000 -> cumulative 4,00,000
//   Y3 7.15 x 3,00,000 -> 1,00,000 left: the cut-off, 1/3 allotted (33.33%)
//   Y4 7.20 x 1,00,000 -> beyond the maximum yield 7.16: rejected
// The stub bond: price = 100 + 5 x (coupon - yield).
function bids(): Bid[] {
  return [
    yieldBid('Y1', 1, '7.10', 200_000, 1),
    yieldBid('Y2', 2, '7.12', 200_000, 2),
    yieldBid('Y3', 3, '7.15', 300_000, 3),
    yieldBid('Y4', 4, '7.20', 100_000, 4),
  ];
}
const yieldSpec = (overrides: Parameters<typeof spec>[0]) =>
  spec({ totalLotSize: 500_000, bidBasis: 'YIELD', maxYield: '7.16', ...overrides });
const context = { priceFromYield: linearPriceFromYield };

describe('YIELD-basis multiple-price re-issue (coupon 7.18)', () => {
  const result = clearAuction(
    yieldSpec({ format: 'SEALED_BID', pricingRule: 'MULTIPLE', couponPct: '7.18' }),
    bids(),
    {
      ...context,
      accruedPer100: '0.123456',
    },
  );

  it('when yields are ranked low to high, then 7.15 is the cut-off and shares the last 1,00,000', () => {
    expect(allotted(result)).toEqual({ Y1: 200_000, Y2: 200_000, Y3: 100_000, Y4: 0 });
    expect(allotmentOf(result, 'Y4')).toMatchObject({
      outcome: 'REJECTED',
      rejectionReason: 'BEYOND_RESERVE',
    });
    expect(result.cutoffYield).toBe('7.1500');
    // 100 + 5 x (7.18 - 7.15) = 100.15
    expect(result.cutoffPrice).toBe('100.1500');
    expect(result.partialAllotmentPct).toBe('33.33');
    expect(result.couponPct).toBe('7.1800');
  });

  it('when each winner pays the price of its own yield, then considerations follow the bond function', () => {
    // Y1: 100 + 5 x 0.08 = 100.40 -> 2,00,000 x 100.40 / 100 = 2,00,800.00
    // Y2: 100 + 5 x 0.06 = 100.30 -> 2,00,600.00;  Y3: 100.15 -> 1,00,150.00
    expect(allotmentOf(result, 'Y1')).toMatchObject({ pricePaid: '100.4000', consideration: '200800.00' });
    expect(allotmentOf(result, 'Y2')).toMatchObject({ pricePaid: '100.3000', consideration: '200600.00' });
    expect(allotmentOf(result, 'Y3')).toMatchObject({ pricePaid: '100.1500', consideration: '100150.00' });
  });

  it('when averaged by allotment, then the price is 100.31 and the yield 7.118', () => {
    // (2,00,000 x 100.40 + 2,00,000 x 100.30 + 1,00,000 x 100.15) / 5,00,000 = 5,01,55,000 / 5,00,000 = 100.31
    expect(result.weightedAveragePrice).toBe('100.3100');
    // (2,00,000 x 7.10 + 2,00,000 x 7.12 + 1,00,000 x 7.15) / 5,00,000 = 35,59,000 / 5,00,000 = 7.118
    expect(result.weightedAverageYield).toBe('7.1180');
  });

  it('when accrued interest per 100 is given, then it is booked per bid, half-up to the paisa', () => {
    // Y3: 1,00,000 x 0.123456 / 100 = 123.456 -> 123.46; Y1: 2,00,000 x 0.00123456 = 246.912 -> 246.91
    expect(allotmentOf(result, 'Y3')).toMatchObject({
      accruedInterest: '123.46',
      settlementAmount: '100273.46',
    });
    expect(allotmentOf(result, 'Y1').accruedInterest).toBe('246.91');
    expect(allotmentOf(result, 'Y4').accruedInterest).toBe('0.00');
  });
});

describe('YIELD-basis new issue', () => {
  it('when cleared uniform, then the cut-off yield becomes the coupon and everyone pays par', () => {
    const result = clearAuction(yieldSpec({ format: 'DUTCH', newIssue: true }), bids(), context);
    expect(result).toMatchObject({
      couponPct: '7.1500',
      cutoffYield: '7.1500',
      cutoffPrice: '100.0000',
      weightedAveragePrice: '100.0000',
    });
    expect(allotmentOf(result, 'Y1')).toMatchObject({ pricePaid: '100.0000', consideration: '200000.00' });
    expect(result.weightedAverageYield).toBe('7.1500');
  });

  it('when cleared multiple price, then winners pay their own yield at the 7.15 coupon', () => {
    // Y1: 100 + 5 x (7.15 - 7.10) = 100.25; Y2: 100 + 5 x 0.03 = 100.15; Y3: 100.00
    // average (2,00,000 x 100.25 + 2,00,000 x 100.15 + 1,00,000 x 100) / 5,00,000 = 5,00,80,000 / 5,00,000 = 100.16
    const result = clearAuction(yieldSpec({ format: 'SEALED_BID', newIssue: true }), bids(), context);
    expect(result.allotments.map((a) => a.pricePaid)).toEqual(['100.2500', '100.1500', '100.0000', null]);
    expect(result.weightedAveragePrice).toBe('100.1600');
  });

  it('when accrued interest is given for a new issue, then the call is refused', () => {
    expect(() =>
      clearAuction(yieldSpec({ newIssue: true }), bids(), { ...context, accruedPer100: '0.5' }),
    ).toThrow(InvalidAuctionSpecError);
  });
});

describe('YIELD-basis pricing inputs', () => {
  it('when a re-issue has no coupon, then it cannot be priced', () => {
    expect(() => clearAuction(yieldSpec({}), bids(), context)).toThrow(InvalidAuctionSpecError);
  });

  it('when no priceFromYield is given, then the call is refused', () => {
    expect(() => clearAuction(yieldSpec({ couponPct: '7.18' }), bids())).toThrow(PricingFunctionError);
  });

  it('when priceFromYield answers more than 4 decimals, then the call is refused', () => {
    expect(() =>
      clearAuction(yieldSpec({ couponPct: '7.18' }), bids(), { priceFromYield: () => '100.12345' }),
    ).toThrow(PricingFunctionError);
  });
});
