import { civilDateFromDayNumber, dayNumber, formatCivilDate, parseCivilDate } from '../bonds/civil-date';

/** Indian Standard Time is UTC+05:30 all year: the trading day an instant falls on. */
const IST_OFFSET_MS = 330 * 60_000;
/** Settlement runs at 09:00 IST on the settlement date. */
const SETTLEMENT_HOUR_UTC_MS = 3.5 * 3_600_000;

/** The IST calendar date of an instant (milliseconds since the epoch), as YYYY-MM-DD. */
export function istDate(epochMs: number): string {
  return formatCivilDate(civilDateFromDayNumber(Math.floor((epochMs + IST_OFFSET_MS) / 86_400_000)));
}

/** The instant (ms since the epoch) settlement starts on a settlement date: 09:00 IST. */
export function settlementStartMs(settlementDate: string): number {
  return dayNumber(parseCivilDate(settlementDate, 'settlementDate')) * 86_400_000 + SETTLEMENT_HOUR_UTC_MS;
}
