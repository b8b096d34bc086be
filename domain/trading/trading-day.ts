/** India Standard Time has one offset all year (no daylight saving): UTC+05:30. */
export const IST_OFFSET_MINUTES = 330;

export const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

const DAY_MS = 86_400_000;
/** How far back a trading day is looked for: a year of holidays in a row means there is none. */
const MAX_LOOKBACK_DAYS = 400;

/** Days on which no trading day ends, by local ISO date (`YYYY-MM-DD`); a BusinessCalendar is one. */
export interface HolidayCalendar {
  isHoliday(isoDate: string): boolean;
}

/** When trading days end: a local time of day on some weekdays, at a fixed UTC offset. */
export interface TradingDaySchedule {
  /** Seconds after local midnight, e.g. 17:00 = 61200. */
  endSecond: number;
  /** Local weekdays that are trading days, 0 = Sunday. */
  weekdays: readonly number[];
  utcOffsetMinutes: number;
}

/** "HH:MM" or "HH:MM:SS" (24-hour) as seconds after midnight, or null when it is not one. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

/**
 * The end of the latest trading day at or before `now` (epoch ms), or null when there is none: a
 * trading day is a schedule weekday that is not one of `holidays`. A DAY order accepted before
 * this instant has outlived its day; one entered the evening before a holiday lives until the end
 * of the next trading day.
 */
export function latestTradingDayEnd(
  now: number,
  schedule: TradingDaySchedule,
  holidays?: HolidayCalendar,
): number | null {
  if (!schedule.weekdays.length) return null;
  const offset = schedule.utcOffsetMinutes * 60_000;
  const local = now + offset;
  let end = Math.floor(local / DAY_MS) * DAY_MS + schedule.endSecond * 1000;
  if (end > local) end -= DAY_MS;
  for (let i = 0; i < MAX_LOOKBACK_DAYS; i++, end -= DAY_MS) {
    // `end` is local time written as if it were UTC, so its UTC weekday and date are the local ones.
    const day = new Date(end);
    if (!schedule.weekdays.includes(day.getUTCDay())) continue;
    if (holidays?.isHoliday(day.toISOString().slice(0, 10))) continue;
    return end - offset;
  }
  return null;
}
