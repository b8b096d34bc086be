import fc from 'fast-check';
import {
  assertValidBid,
  clearAuction,
  InvalidBidError,
  validateBid,
  DuplicateBidIdError,
  type Bid,
} from '../../../domain/auctions';
import { resolveRules } from '../../../domain/auctions/auction-rules';
import { checkBidShape, wellFormedValue } from '../../../domain/auctions/bid-validation';
import { nonCompetitiveBid, priceBid, spec, yieldBid } from './auction-fixture';

const codes = (violations: readonly { code: string }[]) => violations.map((v) => v.code);

describe('bid validation', () => {
  const auction = spec({ nonCompetitivePct: 5, reservePrice: '99.50' });

  it('when a bid is a lot multiple within the reserve, then it is acceptable', () => {
    expect(validateBid(auction, priceBid(1, 1, '99.50', 20_000))).toEqual([]);
  });

  it('when the amount is under the minimum or not a lot multiple, then it is refused', () => {
    expect(codes(validateBid(auction, priceBid(1, 1, '100', 5_000)))).toEqual(['BELOW_MINIMUM']);
    expect(codes(validateBid(auction, priceBid(1, 1, '100', 15_000)))).toEqual(['NOT_LOT_MULTIPLE']);
    expect(codes(validateBid(auction, priceBid(1, 1, '100', 10_000.5)))).toEqual(['AMOUNT_NOT_INTEGER']);
  });

  it('when a price is below the reserve or has more than 4 decimals, then it is refused', () => {
    expect(codes(validateBid(auction, priceBid(1, 1, '99.4999', 10_000)))).toEqual(['BEYOND_RESERVE']);
    expect(codes(validateBid(auction, priceBid(1, 1, '99.50001', 10_000)))).toEqual(['INVALID_DECIMAL']);
  });

  it('when a bid does not match the basis, then it is refused', () => {
    expect(codes(validateBid(auction, yieldBid(1, 1, '7.1', 10_000)))).toEqual([
      'UNEXPECTED_YIELD',
      'MISSING_PRICE',
    ]);
    expect(codes(validateBid(auction, { ...nonCompetitiveBid(1, 1, 10_000), price: '100' }))).toEqual([
      'UNEXPECTED_PRICE',
    ]);
  });

  it('when a participant already has a non-competitive bid, then a second is refused but a modification is not', () => {
    const standing = [nonCompetitiveBid('n1', 7, 10_000)];
    expect(codes(validateBid(auction, nonCompetitiveBid('n2', 7, 10_000), standing))).toEqual([
      'DUPLICATE_NON_COMPETITIVE',
    ]);
    expect(validateBid(auction, nonCompetitiveBid('n1', 7, 20_000), standing)).toEqual([]);
    expect(validateBid(auction, nonCompetitiveBid('n3', 8, 10_000), standing)).toEqual([]);
  });

  it('when the auction reserves nothing for non-competitive bids, then one is refused', () => {
    expect(codes(validateBid(spec(), nonCompetitiveBid(1, 1, 10_000)))).toEqual([
      'NON_COMPETITIVE_NOT_ALLOWED',
    ]);
  });

  it('when asserted, then the violations travel in a typed error', () => {
    expect(() => assertValidBid(auction, priceBid(1, 1, '100', 15_000))).toThrow(InvalidBidError);
  });

  it('when clearing meets a malformed bid or a repeated id, then it refuses the whole call', () => {
    expect(() => clearAuction(auction, [priceBid(1, 1, '100', 15_000)])).toThrow(InvalidBidError);
    expect(() =>
      clearAuction(auction, [priceBid(1, 1, '100', 10_000), priceBid(1, 2, '100', 10_000)]),
    ).toThrow(DuplicateBidIdError);
  });
});

describe('the clearing fast path', () => {
  it('when any bid is checked, then the fast path and the detailed check agree', () => {
    const text = fc.oneof(
      fc.constantFrom('99.5', '100', '7.1234', '0', '-1', '1.23456', 'x', ''),
      fc.double().map(String),
    );
    const bidArb = fc.record(
      {
        amount: fc.oneof(fc.integer({ min: -20_000, max: 100_000 }), fc.double()),
        price: text,
        yield: text,
        nonCompetitive: fc.boolean(),
      },
      { requiredKeys: ['amount'] },
    );
    fc.assert(
      fc.property(bidArb, fc.constantFrom('PRICE' as const, 'YIELD' as const), (shape, bidBasis) => {
        const rules = resolveRules(spec({ bidBasis }));
        const bid: Bid = { id: 1, participantId: 1, time: 1, ...shape };
        const check = checkBidShape(rules, bid);
        const fast = wellFormedValue(rules, bid);
        expect(fast === undefined).toBe(check.violations.length > 0);
        if (fast !== undefined) expect(fast).toBe(check.valueUnits);
      }),
    );
  });
});
