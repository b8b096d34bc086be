import { civilDateFromDayNumber, dayNumber, formatCivilDate, parseCivilDate } from '../bonds/civil-date';
import { InvalidAuctionSpecError } from './errors';

/** Indian Standard Time is UTC+05:30 all year: the trading day an instant falls on. */
const IST_OFFSET_MS = 330 * 60_000;
/** Settlement runs at 09:00 IST on the settlement date. */
const SETTLEMENT_HOUR_UTC_MS = 3.5 * 3_600_000;

/** The IST calendar date of an instant (milliseconds since the epoch), as YYYY-MM-DD. */
export function istDate(epochMs: number): string {
  return formatCivilDate(civilDateFromDayNumber(Math.floor((epochMs + IST_OFFSET_MS) / 86_400_000)));
}

function isWeekend(day: number): boolean {
  // Day 0 (1970-01-01) was a Thursday: (day + 4) mod 7 is 0 on Sunday and 6 on Saturday.
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

/** The date `businessDays` business days after `tradeDate` (weekends skipped; no holiday calendar yet). */
export function addBusinessDays(tradeDate: string, businessDays: number): string {
  if (!Number.isSafeInteger(businessDays) || businessDays < 0)
    throw new InvalidAuctionSpecError('businessDays', 'must be a non-negative whole number');
  let day = dayNumber(parseCivilDate(tradeDate, 'tradeDate'));
  let left = businessDays;
  while (left > 0 || isWeekend(day)) {
    day += 1;
    if (!isWeekend(day)) left -= 1;
  }
  return formatCivilDate(civilDateFromDayNumber(day));
}

/** The instant (ms since the epoch) settlement starts on a settlement date: 09:00 IST. */
export function settlementStartMs(settlementDate: string): number {
  return dayNumber(parseCivilDate(settlementDate, 'settlementDate')) * 86_400_000 + SETTLEMENT_HOUR_UTC_MS;
}
