import { BusinessCalendar } from '../../../domain/calendar/business-calendar';
import { paymentSchedule } from '../../../domain/corporate-actions/payment-schedule';
import { shutPeriodReason } from '../../../domain/settlement/shut-period';

// 2026-08-15 (Saturday) is Independence Day; 2026-01-26 (Monday) Republic Day.
const calendar = new BusinessCalendar(['2026-01-26', '2026-08-15']);
const bond = { isin: 'IN0020260127', bondType: 'G_SEC' as const, maturityDate: '2026-01-27' };

describe('redemption shut period', () => {
  test('when a G-sec matures on Tuesday 27 January 2026 after the Republic Day holiday, then transfers settle up to the record date (Friday 23rd) and none after', () => {
    // Paid on Tuesday the 27th; one business day of record before it skips Monday's holiday: Friday.
    expect(shutPeriodReason(calendar, bond, 1, '2026-01-22')).toBeNull();
    expect(shutPeriodReason(calendar, bond, 1, '2026-01-23')).toBeNull();
    expect(shutPeriodReason(calendar, bond, 1, '2026-01-27')).toBe(
      'shut period: IN0020260127 redeems on 2026-01-27 to the holders of record on 2026-01-23',
    );
    expect(shutPeriodReason(calendar, bond, 1, '2026-02-02')).not.toBeNull();
    // Three business days of record: Wednesday the 21st.
    expect(shutPeriodReason(calendar, bond, 3, '2026-01-21')).toBeNull();
    expect(shutPeriodReason(calendar, bond, 3, '2026-01-22')).toMatch(/record on 2026-01-21$/);
  });

  test('when the schedule is drawn, then its redemption has the record date the shut period starts after', () => {
    const redemption = paymentSchedule(
      { ...bond, couponPct: '7.10', issueDate: '2024-01-27', frequency: 2, dayCount: '30/360' },
      calendar,
      1,
    ).at(-1)!;
    expect(redemption).toMatchObject({
      kind: 'REDEMPTION',
      paymentDate: '2026-01-27',
      recordDate: '2026-01-23',
    });
    expect(shutPeriodReason(calendar, bond, 1, redemption.recordDate)).toBeNull();
  });
});
