import type { EntityManager } from '@mikro-orm/postgresql';
import { BusinessCalendar } from '../../domain/calendar/business-calendar';
import type { Holiday as HolidayRow } from '../../domain/calendar/holiday-csv';
import type { SettlementSystem } from '../../domain/calendar/settlement-systems';
import { Holiday } from '../entities';

/** Every holiday of one system: a few dozen rows a year, so the whole list is read at once. */
export async function loadBusinessCalendar(
  em: EntityManager,
  system: SettlementSystem,
): Promise<BusinessCalendar> {
  const rows = await em.find(Holiday, { settlementSystem: system }, { fields: ['date'] });
  return new BusinessCalendar(rows.map((r) => r.date));
}

export interface HolidayReplacement {
  years: number[];
  loaded: number;
  removed: number;
}

/**
 * Makes the stored list of each year the file covers exactly the file's list (a corrected file
 * replaces the year's holidays rather than adding to them). Runs in the caller's transaction.
 */
export async function replaceHolidays(
  em: EntityManager,
  system: SettlementSystem,
  holidays: readonly HolidayRow[],
  createdBy: number | null,
): Promise<HolidayReplacement> {
  const years = [...new Set(holidays.map((h) => Number(h.date.slice(0, 4))))].sort((a, b) => a - b);
  let removed = 0;
  for (const year of years) {
    removed += await em.nativeDelete(Holiday, {
      settlementSystem: system,
      date: { $gte: `${year}-01-01`, $lte: `${year}-12-31` },
    });
  }
  for (const h of holidays)
    em.create(Holiday, { settlementSystem: system, date: h.date, name: h.name, createdBy });
  await em.flush();
  return { years, loaded: holidays.length, removed };
}
