import type { BusinessCalendar } from '../../domain/calendar/business-calendar';
import type { SettlementSystem } from '../../domain/calendar/settlement-systems';
import { latestTradingDayEnd, type TradingDaySchedule } from '../../domain/trading';

/** Holidays are re-read at least this often, so a removed holiday ends its day within a minute. */
const CALENDAR_MAX_AGE_MS = 60_000;

/**
 * The latest trading-day end of each settlement system's bonds: the schedule's weekdays less the
 * system's holidays as loaded by ADMIN. The holidays are cached; `confirm` re-reads them right
 * before a day end is journaled (journaled ends are final), so a holiday loaded before the end
 * always counts.
 */
export class TradingDayEnds {
  private calendars = new Map<SettlementSystem, BusinessCalendar>();
  private loadedAt = -Infinity;
  private readonly ends = new Map<SettlementSystem, number | null>();
  private endsAt = NaN;

  constructor(
    private readonly schedule: TradingDaySchedule,
    private readonly load: () => Promise<Map<SettlementSystem, BusinessCalendar>>,
  ) {}

  /** Reads the holidays again when the cache is older than a minute. */
  async refresh(now: number): Promise<void> {
    if (now - this.loadedAt >= CALENDAR_MAX_AGE_MS) await this.reload(now);
  }

  /** Reads the holidays again unless they were read at `now`; true when it read them. */
  async confirm(now: number): Promise<boolean> {
    if (this.loadedAt >= now) return false;
    await this.reload(now);
    return true;
  }

  /** The end of the latest trading day of `system` at or before `now`, null when there is none. */
  latest(now: number, system: SettlementSystem): number | null {
    if (this.endsAt !== now) {
      this.ends.clear();
      this.endsAt = now;
    }
    let end = this.ends.get(system);
    if (end === undefined) {
      end = latestTradingDayEnd(now, this.schedule, this.calendars.get(system));
      this.ends.set(system, end);
    }
    return end;
  }

  private async reload(now: number): Promise<void> {
    this.calendars = await this.load();
    this.loadedAt = now;
    this.endsAt = NaN;
  }
}
