import fc from 'fast-check';
import {
  addDays,
  addMonths,
  civilDateFromDayNumber,
  compareCivilDates,
  dayNumber,
  daysBetween,
  formatCivilDate,
  InvalidDateError,
  isLastDayOfMonth,
  parseCivilDate,
} from '../../../domain/bonds';
import { civilDateArb } from './bond-arbitraries';

const d = (text: string) => parseCivilDate(text);

describe('civil dates', () => {
  it('when a valid YYYY-MM-DD is parsed, then it formats back to the same text', () => {
    for (const text of ['2024-02-29', '2000-02-29', '1999-12-31', '0001-01-01', '9999-12-31']) {
      expect(formatCivilDate(d(text))).toBe(text);
    }
  });

  it('when the text is not a calendar date, then InvalidDateError names the field', () => {
    for (const text of [
      '2023-02-29',
      '1900-02-29',
      '2024-13-01',
      '2024-04-31',
      '2024-1-05',
      '20240105',
      '2024-01-05T00:00',
      '0000-01-01',
    ]) {
      expect(() => parseCivilDate(text, 'settlement_date')).toThrow(InvalidDateError);
    }
    try {
      parseCivilDate('2023-02-29', 'maturity_date');
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_DATE', field: 'maturity_date' });
    }
  });

  it('when months are added to a day past the target month end, then the day is clamped', () => {
    expect(formatCivilDate(addMonths(d('2024-01-31'), 1))).toBe('2024-02-29');
    expect(formatCivilDate(addMonths(d('2023-01-31'), 1))).toBe('2023-02-28');
    expect(formatCivilDate(addMonths(d('2024-03-31'), -6))).toBe('2023-09-30');
    expect(formatCivilDate(addMonths(d('2024-05-15'), -17))).toBe('2022-12-15');
  });

  it('when the end-of-month rule is on and the date is a month end, then the result is a month end', () => {
    expect(formatCivilDate(addMonths(d('2024-02-29'), 1, true))).toBe('2024-03-31');
    expect(formatCivilDate(addMonths(d('2024-02-29'), 1, false))).toBe('2024-03-29');
    expect(formatCivilDate(addMonths(d('2030-06-30'), -6, true))).toBe('2029-12-31');
    expect(formatCivilDate(addMonths(d('2030-06-29'), -6, true))).toBe('2029-12-29');
  });

  it('when days are counted, then they match the calendar (1970-01-01 is day 0; 2000 was a leap year)', () => {
    expect(dayNumber(d('1970-01-01'))).toBe(0);
    expect(daysBetween(d('2000-01-01'), d('2001-01-01'))).toBe(366);
    expect(daysBetween(d('1900-01-01'), d('1901-01-01'))).toBe(365);
    expect(daysBetween(d('2024-01-01'), d('2024-07-01'))).toBe(182);
    expect(daysBetween(d('2024-07-01'), d('2024-01-01'))).toBe(-182);
    expect(compareCivilDates(d('2024-07-01'), d('2024-01-01'))).toBe(1);
    expect(compareCivilDates(d('2024-01-01'), d('2024-01-01'))).toBe(0);
  });

  it('when day numbers are computed, then they agree with Date.UTC and invert exactly', () => {
    fc.assert(
      fc.property(civilDateArb, (date) => {
        expect(dayNumber(date)).toBe(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
        expect(civilDateFromDayNumber(dayNumber(date))).toEqual(date);
        expect(daysBetween(date, addDays(date, 40))).toBe(40);
      }),
    );
  });

  it('when a month end is shifted with the end-of-month rule, then it stays a month end', () => {
    fc.assert(
      fc.property(civilDateArb, fc.integer({ min: -600, max: 600 }), (date, months) => {
        const monthEnd = addMonths({ ...date, day: 1 }, 1);
        const last = addDays(monthEnd, -1);
        expect(isLastDayOfMonth(addMonths(last, months, true))).toBe(true);
      }),
    );
  });
});
