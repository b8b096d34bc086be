import { DAY_COUNTS, type DayCount } from '../reference-data/bond-types';
import { type CivilDate, daysBetween, daysInMonth } from './civil-date';
import { UnknownDayCountError } from './errors';
import type { CouponPeriod, DayCountRatio } from './types';

export function parseDayCount(text: string, field = 'day_count'): DayCount {
  const found = DAY_COUNTS.find((name) => name === text);
  if (!found)
    throw new UnknownDayCountError(
      `unknown day count "${text}"; expected one of ${DAY_COUNTS.join(', ')}`,
      field,
    );
  return found;
}

function isLastDayOfFebruary(date: CivilDate): boolean {
  return date.month === 2 && date.day === daysInMonth(date.year, 2);
}

function thirty360(start: CivilDate, end: CivilDate, d1: number, d2: number): number {
  return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1);
}

/**
 * 30/360 US bond basis (SIA Standard Securities Calculation Methods; ISDA 2006 4.16(f) plus the
 * February rules). The February rules apply only to end-of-month schedules: without them an
 * end-of-month bond's February-to-August period would count 183 days, and with them a bond paying on
 * the 28th would count 178.
 */
function thirty360Us(start: CivilDate, end: CivilDate, endOfMonth: boolean): number {
  let d1 = start.day;
  let d2 = end.day;
  if (endOfMonth && isLastDayOfFebruary(start)) {
    if (isLastDayOfFebruary(end)) d2 = 30;
    d1 = 30;
  }
  if (d2 === 31 && d1 >= 30) d2 = 30;
  if (d1 === 31) d1 = 30;
  return thirty360(start, end, d1, d2);
}

/** 30E/360, Eurobond basis (ICMA Rule 251.1(ii); ISDA 2006 4.16(g)): any 31st counts as the 30th. */
function thirtyE360(start: CivilDate, end: CivilDate): number {
  return thirty360(start, end, Math.min(start.day, 30), Math.min(end.day, 30));
}

/** The day-count numerator from `start` to `end`: 30/360-style days or actual days. */
export function dayCountDays(
  dayCount: DayCount,
  start: CivilDate,
  end: CivilDate,
  endOfMonth = false,
): number {
  switch (dayCount) {
    case '30/360':
      return thirty360Us(start, end, endOfMonth);
    case '30E/360':
      return thirtyE360(start, end);
    case 'ACT/ACT-ICMA':
    case 'ACT/365F':
    case 'ACT/360':
      return daysBetween(start, end);
  }
}

/**
 * The year fraction from `start` to `end` (both inside `period`) as an exact ratio. ACT/ACT-ICMA
 * divides by frequency x the period's actual days (ICMA Rule 251.1(iii)), so every full period is 1/f.
 */
export function yearFractionRatio(
  dayCount: DayCount,
  start: CivilDate,
  end: CivilDate,
  period: CouponPeriod,
): DayCountRatio {
  const numerator = dayCountDays(dayCount, start, end, period.endOfMonth);
  switch (dayCount) {
    case '30/360':
    case '30E/360':
    case 'ACT/360':
      return { numerator, denominator: 360 };
    case 'ACT/365F':
      return { numerator, denominator: 365 };
    case 'ACT/ACT-ICMA':
      return { numerator, denominator: period.frequency * daysBetween(period.previous, period.next) };
  }
}

export function yearFraction(
  dayCount: DayCount,
  start: CivilDate,
  end: CivilDate,
  period: CouponPeriod,
): number {
  const { numerator, denominator } = yearFractionRatio(dayCount, start, end, period);
  return numerator / denominator;
}

/**
 * How much of the coupon period has run at `settlement`, in the day count's own days. For a regular
 * 30/360 period this is A / E with E = 360 / f, as in the SIFMA and spreadsheet PRICE formulas; measuring
 * E over the period itself keeps the fraction in [0, 1] for the irregular 30/360 months and makes it 0
 * on every coupon date for the ACT/365F and ACT/360 bases, whose periods are not 365 / f or 360 / f days.
 */
export function elapsedPeriodFraction(
  dayCount: DayCount,
  period: CouponPeriod,
  settlement: CivilDate,
): number {
  const elapsed = dayCountDays(dayCount, period.previous, settlement, period.endOfMonth);
  return elapsed / dayCountDays(dayCount, period.previous, period.next, period.endOfMonth);
}
