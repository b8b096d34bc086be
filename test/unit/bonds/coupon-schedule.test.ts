import fc from 'fast-check';
import {
  compareCivilDates,
  couponSchedule,
  formatCivilDate,
  parseCivilDate,
  parseCouponFrequency,
  SettlementNotBeforeMaturityError,
  UnsupportedFrequencyError,
} from '../../../domain/bonds';
import { settledBondArb } from './bond-arbitraries';

const d = (text: string) => parseCivilDate(text);
const texts = (dates: readonly { year: number; month: number; day: number }[]) => dates.map(formatCivilDate);

describe('coupon schedule', () => {
  // Microsoft Excel COUPPCD / COUPNCD / COUPNUM documentation: settlement 2011-01-25, maturity 2011-11-15,
  // semi-annual -> previous 2010-11-15, next 2011-05-15, 2 coupons left.
  it('when the Excel COUPPCD example is scheduled, then previous, next and the count match', () => {
    const { period, paymentDates } = couponSchedule(d('2011-11-15'), 2, d('2011-01-25'));
    expect(formatCivilDate(period.previous)).toBe('2010-11-15');
    expect(formatCivilDate(period.next)).toBe('2011-05-15');
    expect(texts(paymentDates)).toEqual(['2011-05-15', '2011-11-15']);
    expect(period.endOfMonth).toBe(false);
  });

  it('when maturity is a month end, then every coupon date is a month end', () => {
    const { period, paymentDates } = couponSchedule(d('2026-03-31'), 12, d('2025-12-15'));
    expect(formatCivilDate(period.previous)).toBe('2025-11-30');
    expect(texts(paymentDates)).toEqual(['2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31']);
    expect(period.endOfMonth).toBe(true);
    expect(texts(couponSchedule(d('2030-06-30'), 4, d('2029-08-01')).paymentDates)).toEqual([
      '2029-09-30',
      '2029-12-31',
      '2030-03-31',
      '2030-06-30',
    ]);
  });

  it('when a day is clamped in February, then later dates do not drift because each is counted from maturity', () => {
    const { period, paymentDates } = couponSchedule(d('2031-08-30'), 2, d('2029-08-01'));
    expect(formatCivilDate(period.previous)).toBe('2029-02-28');
    expect(texts(paymentDates)).toEqual([
      '2029-08-30',
      '2030-02-28',
      '2030-08-30',
      '2031-02-28',
      '2031-08-30',
    ]);
  });

  it('when settlement is a coupon date, then that coupon is the previous one and goes to the seller', () => {
    const { period, paymentDates } = couponSchedule(d('2030-05-15'), 1, d('2027-05-15'));
    expect(formatCivilDate(period.previous)).toBe('2027-05-15');
    expect(texts(paymentDates)).toEqual(['2028-05-15', '2029-05-15', '2030-05-15']);
  });

  it('when settlement is on or after maturity, then SettlementNotBeforeMaturityError is thrown', () => {
    expect(() => couponSchedule(d('2030-05-15'), 2, d('2030-05-15'))).toThrow(
      SettlementNotBeforeMaturityError,
    );
    expect(() => couponSchedule(d('2030-05-15'), 2, d('2031-01-01'))).toThrow(
      expect.objectContaining({ code: 'SETTLEMENT_NOT_BEFORE_MATURITY', field: 'settlement_date' }),
    );
  });

  it('when the frequency is not 1, 2, 4 or 12, then UnsupportedFrequencyError is thrown', () => {
    expect(parseCouponFrequency(4)).toBe(4);
    for (const bad of [0, 3, 6, 2.5, -2, Number.NaN]) {
      expect(() => parseCouponFrequency(bad)).toThrow(UnsupportedFrequencyError);
    }
  });

  it('when any bond is scheduled, then previous <= settlement < next and the dates step by whole periods to maturity', () => {
    fc.assert(
      fc.property(settledBondArb, ({ terms, settlement }) => {
        const { period, paymentDates } = couponSchedule(terms.maturity, terms.frequency, settlement);
        expect(compareCivilDates(period.previous, settlement)).toBeLessThanOrEqual(0);
        expect(compareCivilDates(settlement, period.next)).toBeLessThan(0);
        expect(paymentDates[0]).toEqual(period.next);
        expect(paymentDates[paymentDates.length - 1]).toEqual(terms.maturity);
        const months = [period.previous, ...paymentDates].map((x) => x.year * 12 + x.month);
        months.slice(1).forEach((m, i) => expect(m - (months[i] ?? 0)).toBe(12 / terms.frequency));
      }),
    );
  });
});
