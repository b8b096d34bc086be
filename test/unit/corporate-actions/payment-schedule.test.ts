import fc from 'fast-check';
import {
  accruedInterestRupees,
  addDays,
  daysBetween,
  formatCivilDate,
  parseCivilDate,
} from '../../../domain/bonds';
import { BusinessCalendar } from '../../../domain/calendar/business-calendar';
import {
  bondTermsOf,
  paymentRupees,
  paymentSchedule,
  type PaymentTerms,
} from '../../../domain/corporate-actions/payment-schedule';

const calendar = new BusinessCalendar(['2026-01-26', '2026-08-15']);

const gsec: PaymentTerms = {
  bondType: 'G_SEC',
  couponPct: '7.10',
  issueDate: '2024-08-15',
  maturityDate: '2027-02-15',
  frequency: 2,
  dayCount: '30/360',
};

describe('payment schedule', () => {
  test('when a G-sec pays on a holiday or weekend, then it pays the business day before and the record date is a business day earlier', () => {
    const s = paymentSchedule(gsec, calendar, 1);
    expect(s.map((p) => [p.kind, p.scheduledDate, p.paymentDate, p.recordDate, p.amountPer100])).toEqual([
      ['COUPON', '2025-02-15', '2025-02-14', '2025-02-13', '3.550000'], // Saturday -> Friday
      ['COUPON', '2025-08-15', '2025-08-15', '2025-08-14', '3.550000'], // not a holiday in this calendar's 2025
      ['COUPON', '2026-02-15', '2026-02-13', '2026-02-12', '3.550000'], // Sunday -> Friday
      ['COUPON', '2026-08-15', '2026-08-14', '2026-08-13', '3.550000'], // holiday and Saturday
      ['COUPON', '2027-02-15', '2027-02-15', '2027-02-12', '3.550000'], // Monday; record date skips the weekend
      ['REDEMPTION', '2027-02-15', '2027-02-15', '2027-02-12', '100.000000'],
    ]);
  });

  test('when a corporate bond coupon falls on a holiday, then it is paid the next business day, but it redeems the day before', () => {
    const s = paymentSchedule(
      { ...gsec, bondType: 'CORPORATE', issueDate: '2025-08-16', maturityDate: '2026-08-15', frequency: 1 },
      calendar,
      2,
    );
    expect(s.map((p) => [p.kind, p.paymentDate, p.recordDate])).toEqual([
      ['COUPON', '2026-08-17', '2026-08-13'],
      ['REDEMPTION', '2026-08-14', '2026-08-12'],
    ]);
  });

  test('when a zero-coupon bill matures, then its only payment is the redemption', () => {
    const s = paymentSchedule(
      {
        ...gsec,
        bondType: 'T_BILL',
        couponPct: '0',
        issueDate: '2026-05-14',
        maturityDate: '2026-11-12',
        frequency: 0,
      },
      calendar,
      1,
    );
    expect(s.map((p) => [p.kind, p.paymentDate, p.amountPer100])).toEqual([
      ['REDEMPTION', '2026-11-12', '100.000000'],
    ]);
  });

  test('when holders are paid, then each amount is exact to the paisa by hand', () => {
    const [coupon] = paymentSchedule(gsec, calendar, 1);
    expect(paymentRupees(coupon!, '100000')).toBe('3550.00');
    expect(paymentRupees(coupon!, '12345.67')).toBe('438.27'); // 438.271285 -> half-up
    const act = paymentSchedule({ ...gsec, dayCount: 'ACT/365F' }, calendar, 1);
    // 2025-08-15 -> 2026-02-15 is 184 days: 7.10 x 184 / 365 per 100.
    expect(act[2]!.amountPer100).toBe('3.579178');
    expect(paymentRupees(act[2]!, '100000')).toBe('3579.18');
  });

  test('accrued interest in trades agrees with the schedule: nothing is owed on a coupon date and the whole coupon the day before the next', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('30/360', '30E/360', 'ACT/ACT-ICMA', 'ACT/365F', 'ACT/360'),
        fc.constantFrom(1, 2, 4),
        fc.integer({ min: 0, max: 3000 }),
        (dayCount, frequency, offset) => {
          const maturity = formatCivilDate(addDays(parseCivilDate('2030-01-01'), offset));
          const terms: PaymentTerms = {
            ...gsec,
            dayCount,
            frequency,
            issueDate: '2020-01-01',
            maturityDate: maturity,
          };
          const schedule = paymentSchedule(terms, calendar, 1).filter((p) => p.kind === 'COUPON');
          const bondTerms = bondTermsOf(terms);
          for (let i = 1; i < schedule.length; i++) {
            const previous = parseCivilDate(schedule[i - 1]!.scheduledDate);
            // Settling on the coupon date: the buyer owes nothing, the period starts here.
            if (accruedInterestRupees(bondTerms, previous, '100000') !== '0.00') return false;
            // Over the whole period, accrual reaches the coupon paid at its end (30/360 may reach it a day early).
            const dayBefore = addDays(parseCivilDate(schedule[i]!.scheduledDate), -1);
            const accrued = Number(accruedInterestRupees(bondTerms, dayBefore, '100000'));
            const coupon = Number(paymentRupees(schedule[i]!, '100000'));
            // ...less at most one day's share of it (a day of the shortest period, 30/360 counting none).
            const days = daysBetween(previous, parseCivilDate(schedule[i]!.scheduledDate));
            if (!(accrued <= coupon && coupon - accrued <= coupon / Math.min(days, 30) + 0.01)) return false;
          }
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });
});
