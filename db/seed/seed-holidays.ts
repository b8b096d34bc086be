import type { EntityManager } from '@mikro-orm/postgresql';
import { SETTLEMENT_SYSTEMS } from '../../domain/calendar/settlement-systems';
import { replaceHolidays } from '../calendar/holiday-store';
import { Holiday } from '../entities';

/**
 * Only the holidays that fall on the same date every year and close both RBI's settlement and the
 * Mumbai clearing corporations; the moving ones (Holi, Diwali, Eid...) change yearly, so operations
 * load each year's published list through POST /api/v1/calendars/{system}/holidays.
 */
const FIXED_DATE_HOLIDAYS: ReadonlyArray<readonly [string, string]> = [
  ['01-26', 'Republic Day'],
  ['05-01', 'Maharashtra Day'],
  ['08-15', 'Independence Day'],
  ['10-02', 'Gandhi Jayanti'],
  ['12-25', 'Christmas'],
];

/** Fills in this year and next for a system that has no holiday at all in that year. */
export async function seedHolidays(em: EntityManager, today: Date): Promise<number> {
  let loaded = 0;
  for (const system of SETTLEMENT_SYSTEMS) {
    for (const year of [today.getUTCFullYear(), today.getUTCFullYear() + 1]) {
      const range = { $gte: `${year}-01-01`, $lte: `${year}-12-31` };
      if (await em.count(Holiday, { settlementSystem: system, date: range })) continue;
      const holidays = FIXED_DATE_HOLIDAYS.map(([day, name]) => ({ date: `${year}-${day}`, name }));
      loaded += (await replaceHolidays(em, system, holidays, null)).loaded;
    }
  }
  return loaded;
}
