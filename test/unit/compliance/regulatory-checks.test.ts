import fc from 'fast-check';
import {
  checkFpiLimit,
  checkPositionLimit,
  checkRegulatory,
  checkShortSale,
  shortSaleLimitPaise,
} from '../../../domain/compliance/regulatory-checks';

const RUPEE = 100n;
const CRORE = 10_000_000n * RUPEE;
const buy = (faceValuePaise: bigint) => ({ side: 'BUY' as const, faceValuePaise });
const sell = (faceValuePaise: bigint) => ({ side: 'SELL' as const, faceValuePaise });

describe('FPI national limit', () => {
  // Rs 10 crore limit with Rs 9,99,90,000 used: Rs 10,000 free.
  const gsec = {
    category: 'GSEC_GENERAL' as const,
    limitPaise: 10n * CRORE,
    utilisedPaise: 99_990_000n * RUPEE,
  };

  test('when a buy takes utilisation exactly to the limit, then it passes', () => {
    expect(checkFpiLimit(buy(10_000n * RUPEE), gsec)).toMatchObject({
      passed: true,
      figures: { free_paise: '1000000', limit_paise: '10000000000', utilised_paise: '9999000000' },
    });
  });

  test('when a buy is one rupee over the free limit, then it is rejected naming the free amount', () => {
    expect(checkFpiLimit(buy(10_001n * RUPEE), gsec)).toMatchObject({
      passed: false,
      reason: 'FPI_LIMIT_INSUFFICIENT',
      message: 'Rs 10001.00 exceeds the free FPI limit for GSEC_GENERAL of Rs 10000.00',
    });
  });

  test('when the limit is used up (or revised below use), then every buy is rejected as exhausted', () => {
    for (const utilisedPaise of [10n * CRORE, 11n * CRORE]) {
      expect(checkFpiLimit(buy(RUPEE), { ...gsec, utilisedPaise })).toMatchObject({
        passed: false,
        reason: 'FPI_LIMIT_EXHAUSTED',
      });
    }
  });

  test('when the category is FAR, the order a sale, or no limit is loaded, then pass, pass and reject', () => {
    expect(
      checkFpiLimit(buy(1000n * CRORE), { category: 'FAR', limitPaise: null, utilisedPaise: 0n }).passed,
    ).toBe(true);
    expect(checkFpiLimit(sell(1000n * CRORE), { ...gsec, utilisedPaise: 10n * CRORE }).passed).toBe(true);
    expect(checkFpiLimit(buy(RUPEE), undefined)).toMatchObject({
      passed: false,
      reason: 'FPI_LIMIT_UNKNOWN',
    });
  });
});

describe('short-sale limits', () => {
  test('when the share of outstanding is below the floor, then the floor applies, else the share', () => {
    expect(shortSaleLimitPaise(100_000n * CRORE, true)).toBe(2_000n * CRORE); // 2% of 1 lakh crore
    expect(shortSaleLimitPaise(10_000n * CRORE, true)).toBe(500n * CRORE); // 2% = 200 cr < 500 cr
    expect(shortSaleLimitPaise(10_000n * CRORE, false)).toBe(250n * CRORE); // 1% = 100 cr < 250 cr
    expect(shortSaleLimitPaise(50_000n * CRORE, false)).toBe(500n * CRORE); // 1% = 500 cr > 250 cr
    expect(shortSaleLimitPaise(25_000n * CRORE, true)).toBe(500n * CRORE); // 2% = 500 cr: the edge
  });

  const liquid = { positionPaise: 0n, outstandingPaise: 100_000n * CRORE, liquid: true };

  test('when a sale leaves a short exactly at the limit, then it passes; one lot more is rejected', () => {
    expect(checkShortSale(sell(2_000n * CRORE), liquid).passed).toBe(true);
    expect(checkShortSale(sell(2_000n * CRORE + 10_000n * RUPEE), liquid)).toMatchObject({
      passed: false,
      reason: 'SHORT_SALE_LIMIT_EXCEEDED',
      figures: {
        position_after_paise: (-(2_000n * CRORE + 10_000n * RUPEE)).toString(),
        short_limit_paise: '2000000000000',
      },
    });
  });

  test('when the seller is long, then only the part beyond the long position counts as short', () => {
    const small = { positionPaise: 100n * CRORE, outstandingPaise: 10_000n * CRORE, liquid: false };
    expect(checkShortSale(sell(350n * CRORE), small).passed).toBe(true); // short 250 cr = limit
    expect(checkShortSale(sell(350n * CRORE + RUPEE), small).passed).toBe(false);
  });

  test('when a participant is already over the limit, then buys still pass (they reduce the short)', () => {
    expect(checkShortSale(buy(RUPEE), { ...liquid, positionPaise: -3_000n * CRORE }).passed).toBe(true);
  });
});

describe('position limits and the combined check', () => {
  const ctx = {
    positionPaise: 40n * CRORE,
    outstandingPaise: 100_000n * CRORE,
    liquid: true,
    positionLimitPaise: 50n * CRORE,
  };

  test('when a buy reaches the position limit exactly, then it passes; a rupee more is rejected; sales never', () => {
    expect(checkPositionLimit(buy(10n * CRORE), ctx)!.passed).toBe(true);
    expect(checkPositionLimit(buy(10n * CRORE + RUPEE), ctx)).toMatchObject({
      passed: false,
      reason: 'POSITION_LIMIT_EXCEEDED',
    });
    expect(checkPositionLimit(sell(1_000n * CRORE), ctx)!.passed).toBe(true);
    expect(checkPositionLimit(buy(RUPEE), { ...ctx, positionLimitPaise: undefined })).toBeNull();
  });

  test('when an FPI buy fails two checks, then both reasons are given, not just the first', () => {
    const result = checkRegulatory(buy(11n * CRORE), {
      ...ctx,
      isFpi: true,
      fpi: { category: 'CORPORATE', limitPaise: 100n * CRORE, utilisedPaise: 95n * CRORE },
    });
    expect(result.passed).toBe(false);
    expect(result.outcomes.map((o) => [o.check, o.reason])).toEqual([
      ['FPI_LIMIT', 'FPI_LIMIT_INSUFFICIENT'],
      ['SHORT_SALE_LIMIT', undefined],
      ['POSITION_LIMIT', 'POSITION_LIMIT_EXCEEDED'],
    ]);
  });

  test('when any buy is checked, then it passes the FPI check exactly when it fits in the free limit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 14n }),
        fc.bigInt({ min: 0n, max: 10n ** 14n }),
        fc.bigInt({ min: 0n, max: 10n ** 14n }),
        (order, limit, used) => {
          const outcome = checkFpiLimit(buy(order), {
            category: 'SDL',
            limitPaise: limit,
            utilisedPaise: used,
          });
          expect(outcome.passed).toBe(used + order <= limit);
        },
      ),
    );
  });
});
