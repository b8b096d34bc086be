import {
  AuctionStateError,
  clearAuction,
  extendSoftClose,
  validateEnglishBid,
} from '../../../domain/auctions';
import { allotmentOf, allotted, priceBid, spec } from './auction-fixture';

describe('ENGLISH bid increments', () => {
  const byPrice = { bidBasis: 'PRICE' as const, minIncrement: '0.05', reservePrice: '99' };
  const byYield = { bidBasis: 'YIELD' as const, minIncrement: '0.01' };

  it('when a price bid beats the best by the increment, then it is accepted', () => {
    expect(validateEnglishBid(byPrice, '100.50', '100.55')).toEqual([]);
  });

  it('when a price bid beats the best by less than the increment, then it is refused', () => {
    expect(validateEnglishBid(byPrice, '100.50', '100.54').map((v) => v.code)).toEqual([
      'INCREMENT_TOO_SMALL',
    ]);
  });

  it('when the first bid is below the reserve price, then it is refused', () => {
    expect(validateEnglishBid(byPrice, null, '98.99').map((v) => v.code)).toEqual(['BEYOND_RESERVE']);
    expect(validateEnglishBid(byPrice, null, '99')).toEqual([]);
  });

  it('when bidding on yield, then a bid must be lower than the best by the increment', () => {
    expect(validateEnglishBid(byYield, '7.20', '7.19')).toEqual([]);
    expect(validateEnglishBid(byYield, '7.20', '7.195').map((v) => v.code)).toEqual(['INCREMENT_TOO_SMALL']);
  });
});

describe('ENGLISH soft close', () => {
  const end = '2026-11-23T10:00:00.000Z';

  it('when a bid lands in the last 60 seconds, then the end moves to 60 seconds after the bid', () => {
    expect(extendSoftClose(end, '2026-11-23T09:59:30.000Z', 60)).toBe('2026-11-23T10:00:30.000Z');
  });

  it('when a bid lands earlier, then the end stays', () => {
    expect(extendSoftClose(end, '2026-11-23T09:58:00.000Z', 60)).toBe(end);
  });

  it('when a bid lands after the end, then it is refused', () => {
    expect(() => extendSoftClose(end, '2026-11-23T10:00:00.001Z', 60)).toThrow(AuctionStateError);
  });
});

describe('ENGLISH final allotment', () => {
  // 5,00,000 on offer. E1 101.00 x 2,00,000 fills first; at 100.80 the earlier E2 fills 2,00,000 and the
  // later E3 gets the last 1,00,000 (time priority, not pro-rata); E4 gets nothing. Pay as bid:
  // average (2,00,000 x 101.00 + 3,00,000 x 100.80) / 5,00,000 = 5,04,40,000 / 5,00,000 = 100.88.
  const result = clearAuction(spec({ format: 'ENGLISH', totalLotSize: 500_000 }), [
    priceBid('E1', 1, '101.00', 200_000, 3),
    priceBid('E3', 3, '100.80', 200_000, 2),
    priceBid('E2', 2, '100.80', 200_000, 1),
    priceBid('E4', 4, '100.50', 100_000, 4),
  ]);

  it('when the standing bids exceed the amount, then the best and then earliest fill first', () => {
    expect(allotted(result)).toEqual({ E1: 200_000, E2: 200_000, E3: 100_000, E4: 0 });
  });

  it('when winners are allotted, then each pays its own bid', () => {
    expect(allotmentOf(result, 'E1').pricePaid).toBe('101.0000');
    expect(allotmentOf(result, 'E3')).toMatchObject({ pricePaid: '100.8000', consideration: '100800.00' });
    expect(result.weightedAveragePrice).toBe('100.8800');
  });
});
