import fc from 'fast-check';
import {
  checkFpiLimit,
  checkPositionLimit,
  checkRegulatory,
  checkShortSale,
  shortSaleLimitPaise,
  withBondxFpiFlows,
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
      figures: {
        free_paise: '1000000',
        limit_paise: '10000000000',
        published_utilised_paise: '9999000000',
        bondx_net_since_paise: '0',
        utilised_paise: '9999000000',
      },
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

describe('FPI national limit with BondX flows since publication', () => {
  // Published on 2026-11-20 (as at the previous close): Rs 10 crore limit, Rs 9.5 crore used.
  const published = [
    {
      category: 'GSEC_GENERAL' as const,
      asOf: '2026-11-20',
      limitPaise: 10n * CRORE,
      utilisedPaise: (95n * CRORE) / 10n,
    },
    { category: 'SDL' as const, asOf: '2026-11-23', limitPaise: 5n * CRORE, utilisedPaise: 4n * CRORE },
  ];
  const flows = [
    // Before publication: already in the published figure.
    { category: 'GSEC_GENERAL' as const, day: '2026-11-19', netPaise: 3n * CRORE },
    // The publication day and after: Rs 40 lakh bought, Rs 10 lakh sold, Rs 20 lakh allotted.
    { category: 'GSEC_GENERAL' as const, day: '2026-11-20', netPaise: 40_00_000n * RUPEE },
    { category: 'GSEC_GENERAL' as const, day: '2026-11-21', netPaise: -10_00_000n * RUPEE },
    { category: 'GSEC_GENERAL' as const, day: '2026-11-23', netPaise: 20_00_000n * RUPEE },
    // SDL flows before its later publication date do not count.
    { category: 'SDL' as const, day: '2026-11-21', netPaise: 1n * CRORE },
    { category: 'CORPORATE' as const, day: '2026-11-23', netPaise: 1n * CRORE },
  ];
  const [gsecNow, sdlNow] = withBondxFpiFlows(published, flows);

  test('when FPIs bought on BondX since the publication date, then those net purchases add to the published utilisation', () => {
    expect(gsecNow!.bondxNetSincePaise).toBe(50_00_000n * RUPEE);
    expect(sdlNow!.bondxNetSincePaise).toBe(0n);
    // Free: Rs 10 crore - Rs 9.5 crore - Rs 50 lakh = 0: exhausted, though the published figure left Rs 50 lakh.
    expect(checkFpiLimit(buy(RUPEE), gsecNow)).toMatchObject({
      passed: false,
      reason: 'FPI_LIMIT_EXHAUSTED',
      figures: {
        published_utilised_paise: '9500000000',
        bondx_net_since_paise: '500000000',
        utilised_paise: '10000000000',
        free_paise: '0',
      },
    });
    expect(checkFpiLimit(buy(RUPEE), published[0]).passed).toBe(true);
  });

  test('when FPIs sold more than they bought since, then the freed amount is available again', () => {
    const sold = withBondxFpiFlows(published, [
      { category: 'GSEC_GENERAL', day: '2026-11-24', netPaise: -25_00_000n * RUPEE },
    ])[0]!;
    // Free: Rs 10 crore - (Rs 9.5 crore - Rs 25 lakh) = Rs 75 lakh exactly.
    expect(checkFpiLimit(buy(75_00_000n * RUPEE), sold).passed).toBe(true);
    expect(checkFpiLimit(buy(75_00_001n * RUPEE), sold).reason).toBe('FPI_LIMIT_INSUFFICIENT');
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

  test('when a sale reaches a configured short limit exactly, then it passes; a rupee more is rejected; buys never', () => {
    const short = { ...ctx, positionLimitPaise: undefined, maxShortPaise: 10n * CRORE };
    expect(checkPositionLimit(sell(50n * CRORE), short)!.passed).toBe(true);
    expect(checkPositionLimit(sell(50n * CRORE + RUPEE), short)).toMatchObject({
      passed: false,
      reason: 'POSITION_LIMIT_EXCEEDED',
      figures: { max_short_paise: (10n * CRORE).toString() },
    });
    expect(checkPositionLimit(buy(1_000n * CRORE), short)!.passed).toBe(true);
  });

  test('when any order is checked against both configured limits, then it fails exactly when its own side ends beyond its limit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        (position, amount, isBuy, long, maxShort) => {
          const order = isBuy ? buy(amount) : sell(amount);
          const outcome = checkPositionLimit(order, {
            ...ctx,
            positionPaise: position,
            positionLimitPaise: long,
            maxShortPaise: maxShort,
          })!;
          const after = isBuy ? position + amount : position - amount;
          expect(outcome.passed).toBe(isBuy ? after <= long : -after <= maxShort);
        },
      ),
    );
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

  test('when a domestic participant buys, then no FPI check applies; an order for nothing is an error', () => {
    const result = checkRegulatory(buy(5n * CRORE), { ...ctx, isFpi: false });
    expect(result.passed).toBe(true);
    expect(result.outcomes.map((o) => o.check)).toEqual(['SHORT_SALE_LIMIT', 'POSITION_LIMIT']);
    expect(() => checkRegulatory(buy(0n), { ...ctx, isFpi: false })).toThrow(RangeError);
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
