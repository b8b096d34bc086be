import { BusinessCalendar, type SettlementSystem } from '../../../domain/calendar';
import { IST_OFFSET_MINUTES } from '../../../domain/trading';
import { TradingDayEnds } from '../../../workers/matching/trading-day-ends';

const utc = (iso: string) => Date.parse(iso);
const SCHEDULE = { endSecond: 17 * 3600, weekdays: [1, 2, 3, 4, 5], utcOffsetMinutes: IST_OFFSET_MINUTES };

function loader() {
  const state = { holidays: new Map<SettlementSystem, string[]>(), reads: 0 };
  const load = async () => {
    state.reads += 1;
    return new Map([...state.holidays].map(([s, dates]) => [s, new BusinessCalendar(dates)]));
  };
  return { state, ends: new TradingDayEnds(SCHEDULE, load) };
}

describe('trading-day ends of the matching worker', () => {
  test('when each settlement system has its own holidays, then each system has its own latest end', async () => {
    const { state, ends } = loader();
    state.holidays.set('CLEARING_CORPORATION', ['2026-11-26']);
    const now = utc('2026-11-26T12:00:00Z');
    await ends.refresh(now);
    expect(ends.latest(now, 'CLEARING_CORPORATION')).toBe(utc('2026-11-25T11:30:00Z'));
    expect(ends.latest(now, 'RBI_SGL')).toBe(utc('2026-11-26T11:30:00Z'));
  });

  test('when holidays change, then the cache is read again after a minute, and confirm reads them at once but once per instant', async () => {
    const { state, ends } = loader();
    const now = utc('2026-11-26T12:00:00Z');
    await ends.refresh(now);
    state.holidays.set('RBI_SGL', ['2026-11-26']);
    await ends.refresh(now + 59_999);
    expect(state.reads).toBe(1);
    expect(ends.latest(now + 59_999, 'RBI_SGL')).toBe(utc('2026-11-26T11:30:00Z'));
    // About to journal that end: the holidays are read first, and the end is gone.
    expect(await ends.confirm(now + 59_999)).toBe(true);
    expect(ends.latest(now + 59_999, 'RBI_SGL')).toBe(utc('2026-11-25T11:30:00Z'));
    expect(await ends.confirm(now + 59_999)).toBe(false);
    state.holidays.clear();
    await ends.refresh(now + 119_999);
    expect(state.reads).toBe(3);
    expect(ends.latest(now + 119_999, 'RBI_SGL')).toBe(utc('2026-11-26T11:30:00Z'));
  });
});
