import {
  AuctionStateError,
  advanceHybridClock,
  clearAuction,
  clearHybridFinal,
  extendSoftClose,
  InvalidAuctionSpecError,
  InvalidBidError,
  multiRoundEndReason,
  startHybridClock,
  validateBid,
  validateEnglishBid,
  validateRoundImprovement,
  type AuctionSpec,
} from '../../../domain/auctions';
import { mulDivFloor, mulDivRemInto } from '../../../domain/auctions/fixed-point';
import { allotted, nonCompetitiveBid, priceBid, spec, yieldBid } from './auction-fixture';

/** The field an InvalidAuctionSpecError names, or a failure if something else (or nothing) is thrown. */
function rejectedField(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    if (err instanceof InvalidAuctionSpecError) return err.field;
    throw err;
  }
  throw new Error('expected InvalidAuctionSpecError');
}

const oneBid = [priceBid('a', 1, '99.50', 10_000)];

describe('auction terms that cannot clear', () => {
  it.each<[string, Partial<AuctionSpec>]>([
    ['totalLotSize', { totalLotSize: 0 }],
    ['minimumLotSize', { minimumLotSize: 2.5 }],
    ['totalLotSize', { totalLotSize: 1_005_000 }],
    ['greenshoeAmount', { greenshoeAmount: 5_000 }],
    ['greenshoeAmount', { greenshoeAmount: -10_000 }],
    ['nonCompetitivePct', { nonCompetitivePct: '100.5' }],
    ['maxBidderPct', { maxBidderPct: '0' }],
    ['maxYield', { maxYield: '7.5' }],
    ['reservePrice', { bidBasis: 'YIELD', reservePrice: '99' }],
    ['pricingRule', { format: 'ENGLISH', pricingRule: 'UNIFORM' }],
    ['pricingRule', { format: 'DUTCH', pricingRule: 'MULTIPLE' }],
    ['couponPct', { couponPct: '-1' }],
  ])('when %s is %j, then the spec is refused naming that field', (field, overrides) => {
    expect(rejectedField(() => clearAuction(spec(overrides), oneBid))).toBe(field);
  });

  it('when the accepted amount is not a lot multiple or exceeds notified + greenshoe, then it is refused', () => {
    expect(rejectedField(() => clearAuction(spec(), oneBid, { acceptedAmount: 15_000 }))).toBe(
      'acceptedAmount',
    );
    expect(
      rejectedField(() =>
        clearAuction(spec({ greenshoeAmount: 10_000 }), oneBid, { acceptedAmount: 1_020_000 }),
      ),
    ).toBe('acceptedAmount');
    expect(rejectedField(() => clearAuction(spec(), oneBid, { acceptedAmount: 0 }))).toBe('acceptedAmount');
  });

  it('when a new issue is given accrued interest or accrued is not a decimal, then it is refused', () => {
    const yieldSpec = spec({ bidBasis: 'YIELD', newIssue: true });
    const bids = [yieldBid('y', 1, '7.10', 10_000)];
    expect(rejectedField(() => clearAuction(yieldSpec, bids, { accruedPer100: '1.5' }))).toBe(
      'accruedPer100',
    );
    expect(rejectedField(() => clearAuction(spec(), oneBid, { accruedPer100: '-1' }))).toBe('accruedPer100');
  });
});

describe('bids that are malformed', () => {
  it('when a bid has no parseable time and ties need it, then it is named as an invalid bid', () => {
    const bids = [priceBid('a', 1, '99', 10_000, 'not a time'), priceBid('b', 2, '99', 10_000, 'later')];
    expect(() => clearAuction(spec({ totalLotSize: 10_000 }), bids)).toThrow(InvalidBidError);
  });

  it('when a non-competitive bid carries a price, or a price bid also a yield, then clearing names it', () => {
    const nc = { ...nonCompetitiveBid('n', 1, 10_000), price: '99' };
    expect(() => clearAuction(spec({ nonCompetitivePct: 5 }), [nc])).toThrow(InvalidBidError);
    const both = { ...priceBid('p', 1, '99', 10_000), yield: '7' };
    expect(() => clearAuction(spec(), [both])).toThrow(InvalidBidError);
    const zero = priceBid('z', 1, '0', 10_000);
    expect(() => clearAuction(spec(), [zero])).toThrow(InvalidBidError);
  });

  it('when a yield bid is above the maximum yield, then validation says so on the yield', () => {
    const yieldSpec = spec({ bidBasis: 'YIELD', maxYield: '7.25' });
    expect(validateBid(yieldSpec, yieldBid('y', 1, '7.30', 10_000))).toEqual([
      { field: 'yield', code: 'BEYOND_RESERVE', message: 'yield is above the maximum yield' },
    ]);
    expect(validateBid(yieldSpec, yieldBid('y', 1, '7.25', 10_000))).toEqual([]);
  });
});

describe('ENGLISH rules at their edges', () => {
  const rule = { bidBasis: 'PRICE' as const, minIncrement: '0.25' };

  it('when the increment or a standing value is not a decimal, then the rule is refused', () => {
    expect(rejectedField(() => validateEnglishBid({ ...rule, minIncrement: '-0.25' }, null, '99'))).toBe(
      'minIncrement',
    );
    expect(rejectedField(() => validateEnglishBid({ ...rule, minIncrement: '0' }, null, '99'))).toBe(
      'minIncrement',
    );
    expect(rejectedField(() => validateEnglishBid(rule, 'best', '99'))).toBe('currentBest');
  });

  it('when a bid is not a positive decimal, then it is an invalid decimal on its field', () => {
    expect(
      validateEnglishBid({ ...rule, bidBasis: 'YIELD' }, null, '0').map((v) => [v.field, v.code]),
    ).toEqual([['yield', 'INVALID_DECIMAL']]);
  });

  it('when a yield bid comes first, then only the maximum yield bounds it; later ones must fall by the step', () => {
    const onYield = { bidBasis: 'YIELD' as const, minIncrement: '0.05', maxYield: '7.50' };
    expect(validateEnglishBid(onYield, null, '7.55').map((v) => v.code)).toEqual(['BEYOND_RESERVE']);
    expect(validateEnglishBid(onYield, null, '7.50')).toEqual([]);
    expect(validateEnglishBid({ bidBasis: 'YIELD', minIncrement: '0.05' }, null, '9')).toEqual([]);
    expect(validateEnglishBid(onYield, '7.40', '7.36')[0]?.message).toBe('yield must be at most 7.3500');
  });

  it('when the soft-close inputs are bad or the bid is late, then they are refused', () => {
    const end = '2026-11-24T10:00:00.000Z';
    expect(rejectedField(() => extendSoftClose(end, end, -1))).toBe('extensionSeconds');
    expect(rejectedField(() => extendSoftClose('noon', end, 5))).toBe('endTime');
    expect(() => extendSoftClose(end, '2026-11-24T10:00:01.000Z', 5)).toThrow(AuctionStateError);
    // A bid 2 s before the end with a 5 s extension moves the end to 3 s past it.
    expect(extendSoftClose(end, '2026-11-24T09:59:58.000Z', 5)).toBe('2026-11-24T10:00:03.000Z');
  });
});

describe('MULTI_ROUND rules at their edges', () => {
  it('when either bid is non-competitive or there was none before, then there is nothing to improve on', () => {
    const previous = priceBid('a', 1, '99', 20_000);
    expect(validateRoundImprovement('PRICE', undefined, previous)).toEqual([]);
    expect(validateRoundImprovement('PRICE', nonCompetitiveBid('n', 1, 20_000), previous)).toEqual([]);
    expect(validateRoundImprovement('PRICE', previous, nonCompetitiveBid('n', 1, 10_000))).toEqual([]);
  });

  it('when a yield rises or the amount falls, then both are named', () => {
    const codes = validateRoundImprovement(
      'YIELD',
      yieldBid('a', 1, '7.10', 20_000),
      yieldBid('a', 1, '7.20', 10_000),
    ).map((v) => v.code);
    expect(codes).toEqual(['WORSE_THAN_PREVIOUS_ROUND', 'AMOUNT_BELOW_PREVIOUS_ROUND']);
  });

  it('when neither round cleared anything, then the cut-off is unchanged; one that starts clearing is a change', () => {
    const progress = { round: 2, maxRounds: 5 };
    expect(multiRoundEndReason({ ...progress, previousCutoff: null, currentCutoff: null })).toBe(
      'CUTOFF_UNCHANGED',
    );
    expect(multiRoundEndReason({ ...progress, previousCutoff: null, currentCutoff: '99.5' })).toBeNull();
    expect(multiRoundEndReason({ ...progress, previousCutoff: '99.50', currentCutoff: '99.5' })).toBe(
      'CUTOFF_UNCHANGED',
    );
  });
});

describe('HYBRID clock inputs', () => {
  const options = {
    bidBasis: 'PRICE' as const,
    startValue: '99',
    minIncrement: '0.25',
    supply: 100_000,
    finalists: 1,
  };

  it('when the clock is opened with bad terms, then the field is named', () => {
    expect(rejectedField(() => startHybridClock({ ...options, supply: 0 }))).toBe('supply');
    expect(rejectedField(() => startHybridClock({ ...options, finalists: 0 }))).toBe('finalists');
    expect(rejectedField(() => startHybridClock({ ...options, minIncrement: '0' }))).toBe('minIncrement');
  });

  it('when a round has a double or non-positive confirmation, then it is refused', () => {
    const clock = startHybridClock(options);
    const twice = [
      { participantId: 1, amount: 50_000 },
      { participantId: 1, amount: 60_000 },
    ];
    expect(() => advanceHybridClock(clock, twice)).toThrow(AuctionStateError);
    expect(() => advanceHybridClock(clock, [{ participantId: 1, amount: 0 }])).toThrow(AuctionStateError);
  });

  it('when the final round is cleared on another basis than the clock, then it is refused', () => {
    const sealed = advanceHybridClock(startHybridClock(options), [{ participantId: 1, amount: 100_000 }]);
    expect(
      rejectedField(() => clearHybridFinal(spec({ format: 'HYBRID', bidBasis: 'YIELD' }), sealed, [])),
    ).toBe('bidBasis');
  });

  it('when the auction has its own reserve above the floor, then the tighter of the two rejects', () => {
    // Floor 99.00 (one bidder stopped the clock at once); reserve 99.20: a 99.10 bid is beyond it.
    const sealed = advanceHybridClock(startHybridClock(options), [{ participantId: 1, amount: 100_000 }]);
    const result = clearHybridFinal(
      spec({ format: 'HYBRID', totalLotSize: 100_000, reservePrice: '99.20' }),
      sealed,
      [priceBid('low', 1, '99.10', 50_000), priceBid('ok', 1, '99.30', 50_000)],
    );
    expect(allotted(result)).toEqual({ low: 0, ok: 50_000 });
  });
});

describe('exact integer division past 2^53', () => {
  it('when a product exceeds 2^52, then BigInt keeps the floor and the remainder exact', () => {
    // 3 x 10^15 x 7 / 9 = 2,333,333,333,333,333.33 -> floor 2,333,333,333,333,333, remainder 3
    expect(mulDivFloor(3e15, 7, 9)).toBe(2_333_333_333_333_333);
    const remainders = new Float64Array(1);
    expect(mulDivRemInto(3e15, 7, 9, remainders, 0)).toBe(2_333_333_333_333_333);
    expect(remainders[0]).toBe(3);
  });
});
