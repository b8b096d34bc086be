import fc from 'fast-check';
import {
  type CouponPeriod,
  couponSchedule,
  dayCountDays,
  elapsedPeriodFraction,
  parseCivilDate,
  parseDayCount,
  UnknownDayCountError,
  yearFraction,
} from '../../../domain/bonds';
import { settledBondArb } from './bond-arbitraries';

const d = (text: string) => parseCivilDate(text);

describe('day counts', () => {
  // Hand-derived from the rules: 30/360 US bond basis (SIA; ISDA 2006 4.16(f); FIX tag 1950 value 1) sets
  // D1 = 31 -> 30 and D2 = 31 -> 30 only when D1 >= 30, plus, for end-of-month bonds, a last day of February
  // as D1 (and as D2 when D1 is one too) -> 30; 30E/360 (ICMA Rule 251; ISDA 2006 4.16(g)) sets any 31 -> 30.
  // Days = 360 (Y2 - Y1) + 30 (M2 - M1) + (D2 - D1).
  it.each([
    // start, end, end-of-month, 30/360, 30E/360
    ['2007-01-15', '2007-01-30', false, 15, 15],
    ['2007-01-15', '2007-01-31', false, 16, 15], // US keeps D2 = 31 as D1 < 30
    ['2007-01-31', '2007-02-28', false, 28, 28], // 30 + (28 - 30)
    ['2007-01-30', '2007-03-31', false, 60, 60],
    ['2007-02-28', '2007-03-31', false, 33, 32], // 30 + (31 - 28) vs 30 + (30 - 28)
    ['2007-02-28', '2007-03-31', true, 30, 32], // EOM: D1 = last Feb -> 30, then D2 -> 30
    ['2008-02-29', '2008-08-31', true, 180, 181],
    ['2008-02-29', '2008-08-31', false, 182, 181],
    ['2007-02-28', '2008-02-29', true, 360, 361], // EOM: both last Feb -> 30/30
    ['2001-10-19', '2001-12-06', false, 47, 47], // the Indian G-sec example in accrued-interest.test.ts
  ])(
    'when counting %s to %s (end of month: %s), then 30/360 gives %i and 30E/360 gives %i',
    (start, end, eom, us, euro) => {
      expect(dayCountDays('30/360', d(start), d(end), eom)).toBe(us);
      expect(dayCountDays('30E/360', d(start), d(end), eom)).toBe(euro);
    },
  );

  it('when the actual bases count days, then they use calendar days', () => {
    expect(dayCountDays('ACT/365F', d('2024-01-01'), d('2024-07-01'))).toBe(182);
    expect(dayCountDays('ACT/360', d('2024-01-01'), d('2024-07-01'))).toBe(182);
    expect(dayCountDays('ACT/ACT-ICMA', d('2023-02-28'), d('2023-03-31'))).toBe(31);
  });

  it('when year fractions are taken inside a coupon period, then each basis uses its own year', () => {
    const period: CouponPeriod = {
      previous: d('2024-01-01'),
      next: d('2024-07-01'),
      frequency: 2,
      endOfMonth: false,
    };
    const settlement = d('2024-04-01'); // 91 actual days; 90 days in 30/360
    expect(yearFraction('ACT/365F', period.previous, settlement, period)).toBeCloseTo(91 / 365, 15);
    expect(yearFraction('ACT/360', period.previous, settlement, period)).toBeCloseTo(91 / 360, 15);
    expect(yearFraction('30/360', period.previous, settlement, period)).toBeCloseTo(90 / 360, 15);
    expect(yearFraction('30E/360', period.previous, settlement, period)).toBeCloseTo(90 / 360, 15);
    expect(yearFraction('ACT/ACT-ICMA', period.previous, settlement, period)).toBeCloseTo(91 / (2 * 182), 15);
  });

  // ISDA memo "The Actual/Actual Day Count Fraction" (1999), examples for Actual/Actual (ICMA, then ISMA).
  it('when a regular semi-annual period 2003-11-01 to 2004-05-01 is measured by ACT/ACT-ICMA, then it is 0.5', () => {
    const period: CouponPeriod = {
      previous: d('2003-11-01'),
      next: d('2004-05-01'),
      frequency: 2,
      endOfMonth: false,
    };
    expect(yearFraction('ACT/ACT-ICMA', period.previous, period.next, period)).toBe(0.5);
  });

  it('when the memo short first period 1999-02-01 to 1999-07-01 of an annual bond is measured, then it is 150/365 = 0.41096', () => {
    // The notional period is 1998-07-01 to 1999-07-01 (365 days).
    const period: CouponPeriod = {
      previous: d('1998-07-01'),
      next: d('1999-07-01'),
      frequency: 1,
      endOfMonth: false,
    };
    expect(yearFraction('ACT/ACT-ICMA', d('1999-02-01'), period.next, period)).toBeCloseTo(0.41096, 5);
  });

  // Microsoft Excel COUPDAYBS / COUPDAYS / COUPDAYSNC documentation: settlement 2011-01-25, maturity
  // 2011-11-15, semi-annual, actual/actual basis -> 71, 181 and 110 days.
  it('when the Excel COUPDAY* example is run on ACT/ACT-ICMA, then the period has 181 days, 71 elapsed and 110 to go', () => {
    const { period } = couponSchedule(d('2011-11-15'), 2, d('2011-01-25'));
    expect(dayCountDays('ACT/ACT-ICMA', period.previous, d('2011-01-25'))).toBe(71);
    expect(dayCountDays('ACT/ACT-ICMA', period.previous, period.next)).toBe(181);
    expect(elapsedPeriodFraction('ACT/ACT-ICMA', period, d('2011-01-25'))).toBeCloseTo(71 / 181, 15);
  });

  it('when the day count is not one we know, then UnknownDayCountError is thrown with a stable code', () => {
    expect(parseDayCount('ACT/365F')).toBe('ACT/365F');
    expect(() => parseDayCount('ACT/ACT')).toThrow(UnknownDayCountError);
    expect(() => parseDayCount('act/360')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_DAY_COUNT', field: 'day_count' }),
    );
  });

  it('when a 30/360 bond paying on the 31st settles on the 30th, then the whole period has elapsed (30/360 has no 31st)', () => {
    const { period } = couponSchedule(d('2000-01-31'), 1, d('2000-01-30'));
    expect(elapsedPeriodFraction('30/360', period, d('2000-01-30'))).toBe(1);
    expect(elapsedPeriodFraction('ACT/ACT-ICMA', period, d('2000-01-30'))).toBeCloseTo(364 / 365, 15);
  });

  it('when any settlement falls in a coupon period, then the elapsed fraction is in [0, 1] and 0 on the previous coupon', () => {
    fc.assert(
      fc.property(settledBondArb, ({ terms, settlement }) => {
        const { period } = couponSchedule(terms.maturity, terms.frequency, settlement);
        const elapsed = elapsedPeriodFraction(terms.dayCount, period, settlement);
        expect(elapsed).toBeGreaterThanOrEqual(0);
        expect(elapsed).toBeLessThanOrEqual(1);
        expect(elapsedPeriodFraction(terms.dayCount, period, period.previous)).toBe(0);
      }),
    );
  });
});
