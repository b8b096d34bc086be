import fc from 'fast-check';
import { addBusinessDays, istDate, settlementStartMs } from '../../../domain/auctions/settlement-date';

describe('settlement dates', () => {
  test.each([
    ['2026-11-23', 1, '2026-11-24'], // Monday -> Tuesday
    ['2026-11-27', 1, '2026-11-30'], // Friday -> Monday
    ['2026-11-28', 1, '2026-11-30'], // Saturday -> Monday
    ['2026-11-29', 1, '2026-11-30'], // Sunday -> Monday
    ['2026-11-26', 2, '2026-11-30'], // Thursday T+2 -> Monday
    ['2026-12-31', 1, '2027-01-01'], // across a year end (a Friday)
    ['2026-11-28', 0, '2026-11-30'], // T+0 on a weekend rolls to Monday
  ])('when trading on %s at T+%i, then settlement is %s', (trade, days, expected) => {
    expect(addBusinessDays(trade, days)).toBe(expected);
  });

  test('when an instant is after 18:30 UTC, then its IST date is the next day', () => {
    expect(istDate(Date.parse('2026-11-23T18:29:59.999Z'))).toBe('2026-11-23');
    expect(istDate(Date.parse('2026-11-23T18:30:00.000Z'))).toBe('2026-11-24');
  });

  test('when settlement starts, then it is 09:00 IST on the settlement date', () => {
    expect(new Date(settlementStartMs('2026-11-24')).toISOString()).toBe('2026-11-24T03:30:00.000Z');
  });

  test('when any date is settled T+n, then the result is a weekday at least n weekdays later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 10 }), (day, n) => {
        const trade = new Date(Date.UTC(2000, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
        const settle = new Date(`${addBusinessDays(trade, n)}T00:00:00Z`);
        const weekday = settle.getUTCDay();
        let weekdays = 0;
        for (let t = Date.parse(`${trade}T00:00:00Z`) + 86_400_000; t <= settle.getTime(); t += 86_400_000) {
          const d = new Date(t).getUTCDay();
          if (d !== 0 && d !== 6) weekdays++;
        }
        return weekday !== 0 && weekday !== 6 && weekdays >= n && weekdays <= n + 1;
      }),
    );
  });
});
