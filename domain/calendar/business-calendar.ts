import { addDays, dayNumber, formatCivilDate, parseCivilDate, type CivilDate } from '../bonds/civil-date';
import { InvalidBusinessDayCountError } from './errors';

/** 0 = Sunday ... 6 = Saturday; day 0 of the day count (1970-01-01) was a Thursday. */
export function weekday(date: CivilDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/**
 * Business days of one settlement system: every Monday to Friday that is not one of its holidays.
 * Holidays are ISO dates; the caller loads the ones it needs (a year either side is plenty).
 */
export class BusinessCalendar {
  private readonly holidays: ReadonlySet<string>;

  constructor(holidays: Iterable<string>) {
    this.holidays = new Set(holidays);
  }

  isBusinessDay(date: CivilDate): boolean {
    const day = weekday(date);
    return day !== 0 && day !== 6 && !this.isHoliday(formatCivilDate(date));
  }

  /** Whether the ISO date (`YYYY-MM-DD`) is one of the holidays; weekends are not listed. */
  isHoliday(isoDate: string): boolean {
    return this.holidays.has(isoDate);
  }

  /**
   * The n-th business day after `date` (T+n): n = 1 from a Friday is the next Monday unless it is
   * a holiday. n = 0 is `date` itself when it is a business day, else the next one.
   */
  addBusinessDays(date: CivilDate, n: number): CivilDate {
    if (!Number.isInteger(n) || n < 0 || n > 366) {
      throw new InvalidBusinessDayCountError(`business days must be a whole number 0-366, got ${n}`);
    }
    let current = date;
    if (n === 0) {
      while (!this.isBusinessDay(current)) current = addDays(current, 1);
      return current;
    }
    for (let left = n; left > 0;) {
      current = addDays(current, 1);
      if (this.isBusinessDay(current)) left -= 1;
    }
    return current;
  }

  /** `addBusinessDays` on ISO dates, for callers that hold dates as text. */
  settlementDate(tradeDate: string, n: number): string {
    return formatCivilDate(this.addBusinessDays(parseCivilDate(tradeDate, 'trade_date'), n));
  }
}
