import fc from 'fast-check';
import { BusinessCalendar } from '../../../domain/calendar';
import {
  applyBookCommand,
  IST_OFFSET_MINUTES,
  latestTradingDayEnd,
  OrderType,
  parseTimeOfDay,
  Session,
  TimeInForce,
  type BookCommand,
  type TradingDaySchedule,
} from '../../../domain/trading';
import { buy, makeBook, ofType, sell } from './book-fixture';

const WEEKDAYS: TradingDaySchedule = {
  endSecond: 17 * 3600,
  weekdays: [1, 2, 3, 4, 5],
  utcOffsetMinutes: IST_OFFSET_MINUTES,
};
const utc = (iso: string) => Date.parse(iso);

describe('trading day schedule', () => {
  test('when a time of day is read, then HH:MM and HH:MM:SS are seconds after midnight and anything else is null', () => {
    expect(parseTimeOfDay('17:00')).toBe(61_200);
    expect(parseTimeOfDay('09:15:30')).toBe(33_330);
    expect(parseTimeOfDay('00:00')).toBe(0);
    for (const bad of ['24:00', '17:60', '7:00', '17:00:60', '', '17h00'])
      expect(parseTimeOfDay(bad)).toBeNull();
  });

  test('when asked during a Tuesday in India, then the latest end is Monday 17:00 IST (11:30 UTC), and from 17:00 IST on it is that Tuesday', () => {
    // 2026-11-24 is a Tuesday.
    expect(latestTradingDayEnd(utc('2026-11-24T07:20:00Z'), WEEKDAYS)).toBe(utc('2026-11-23T11:30:00Z'));
    expect(latestTradingDayEnd(utc('2026-11-24T11:29:59.999Z'), WEEKDAYS)).toBe(utc('2026-11-23T11:30:00Z'));
    expect(latestTradingDayEnd(utc('2026-11-24T11:30:00Z'), WEEKDAYS)).toBe(utc('2026-11-24T11:30:00Z'));
    // 23:00 UTC Tuesday is already Wednesday 04:30 IST: Tuesday's end is still the latest.
    expect(latestTradingDayEnd(utc('2026-11-24T23:00:00Z'), WEEKDAYS)).toBe(utc('2026-11-24T11:30:00Z'));
  });

  test('when asked over a weekend, then the latest end is Friday 17:00 IST; a schedule without weekdays has none', () => {
    expect(latestTradingDayEnd(utc('2026-11-29T10:00:00Z'), WEEKDAYS)).toBe(utc('2026-11-27T11:30:00Z'));
    expect(latestTradingDayEnd(utc('2026-11-30T11:00:00Z'), WEEKDAYS)).toBe(utc('2026-11-27T11:30:00Z'));
    expect(latestTradingDayEnd(utc('2026-11-30T11:00:00Z'), { ...WEEKDAYS, weekdays: [] })).toBeNull();
  });

  test('the latest end is never after now, falls on a trading weekday at the configured IST time, and no end lies between it and now', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_700_000_000_000, max: 2_000_000_000_000 }),
        fc.integer({ min: 0, max: 86_399 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1 }),
        (now, endSecond, weekdays) => {
          const s = { endSecond, weekdays, utcOffsetMinutes: IST_OFFSET_MINUTES };
          const end = latestTradingDayEnd(now, s)!;
          const local = new Date(end + IST_OFFSET_MINUTES * 60_000);
          expect(end).toBeLessThanOrEqual(now);
          expect(local.getUTCHours() * 3600 + local.getUTCMinutes() * 60 + local.getUTCSeconds()).toBe(
            endSecond,
          );
          expect(weekdays).toContain(local.getUTCDay());
          expect(now - end).toBeLessThan(7 * 86_400_000);
          for (let t = end + 86_400_000; t <= now; t += 86_400_000) {
            expect(weekdays).not.toContain(new Date(t + IST_OFFSET_MINUTES * 60_000).getUTCDay());
          }
        },
      ),
      { seed: 20261124 },
    );
  });
});

describe('trading day schedule with a holiday calendar', () => {
  // Thursday 2026-11-26 is a holiday; Wednesday the 25th and Friday the 27th are trading days.
  const THURSDAY_OFF = new BusinessCalendar(['2026-11-26']);

  test('when a holiday passes, then its 17:00 IST is no day end: the latest end stays the last business day until the next one ends', () => {
    const end = (iso: string) => latestTradingDayEnd(utc(iso), WEEKDAYS, THURSDAY_OFF);
    expect(end('2026-11-26T11:30:00Z')).toBe(utc('2026-11-25T11:30:00Z'));
    expect(end('2026-11-27T11:29:59.999Z')).toBe(utc('2026-11-25T11:30:00Z'));
    expect(end('2026-11-27T11:30:00Z')).toBe(utc('2026-11-27T11:30:00Z'));
    // Holidays are read as IST dates: 20:00 UTC Wednesday is already Thursday 01:30 IST.
    expect(end('2026-11-25T20:00:00Z')).toBe(utc('2026-11-25T11:30:00Z'));
  });

  test('when a Friday is a holiday, then over the weekend the latest end is Thursday; a calendar of holidays only has none', () => {
    const fridayOff = new BusinessCalendar(['2026-11-27']);
    expect(latestTradingDayEnd(utc('2026-11-29T10:00:00Z'), WEEKDAYS, fridayOff)).toBe(
      utc('2026-11-26T11:30:00Z'),
    );
    const everyDay = { isHoliday: () => true };
    expect(latestTradingDayEnd(utc('2026-11-29T10:00:00Z'), WEEKDAYS, everyDay)).toBeNull();
  });

  test('when a DAY order is entered the evening before a holiday, then it lives through the holiday and expires at the end of the next business day; GTD orders still expire by time', () => {
    const { book, rec } = makeBook();
    const dayEndAt = (now: number) => latestTradingDayEnd(now, WEEKDAYS, THURSDAY_OFF)!;
    const wednesdayEvening = utc('2026-11-25T13:00:00Z');
    const gtdAt = utc('2026-11-26T06:00:00Z');
    applyBookCommand(book, { kind: 'TIME', at: wednesdayEvening - 1, dayEnd: dayEndAt(wednesdayEvening) });
    applyBookCommand(book, {
      kind: 'NEW',
      at: wednesdayEvening,
      order: buy(1, 5, 99, { tif: TimeInForce.DAY }),
    });
    applyBookCommand(book, {
      kind: 'NEW',
      at: wednesdayEvening + 1,
      order: buy(2, 5, 98, { tif: TimeInForce.GTD, expireAt: gtdAt }),
    });
    rec.take();
    // The GTD order's time falls on the holiday: it expires then all the same.
    expect(book.nextExpiryAt).toBe(gtdAt);
    applyBookCommand(book, { kind: 'TIME', at: gtdAt });
    expect(ofType(rec.take(), 'EXPIRED')).toEqual([{ type: 'EXPIRED', orderId: 2, expiredQty: 5 }]);
    // Thursday 17:00 IST passes: no end is due, the DAY order rests.
    expect(book.tradingDayEndDue(dayEndAt(utc('2026-11-26T12:00:00Z')))).toBe(false);
    const friday = dayEndAt(utc('2026-11-27T11:30:00Z'));
    expect(book.tradingDayEndDue(friday)).toBe(true);
    applyBookCommand(book, { kind: 'TIME', at: friday, dayEnd: friday });
    expect(ofType(rec.take(), 'EXPIRED')).toEqual([{ type: 'EXPIRED', orderId: 1, expiredQty: 5 }]);
  });

  test('the latest end is never a holiday, and no trading day that is not a holiday ends between it and now', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_700_000_000_000, max: 2_000_000_000_000 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { maxLength: 15 }),
        (now, daysBack) => {
          const localDate = (t: number) =>
            new Date(t + IST_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
          const holidays = new BusinessCalendar(daysBack.map((d) => localDate(now - d * 86_400_000)));
          const end = latestTradingDayEnd(now, WEEKDAYS, holidays)!;
          expect(end).toBeLessThanOrEqual(now);
          expect(holidays.isHoliday(localDate(end))).toBe(false);
          expect(end).toBeLessThanOrEqual(latestTradingDayEnd(now, WEEKDAYS)!);
          for (let t = end + 86_400_000; t <= now; t += 86_400_000) {
            const local = new Date(t + IST_OFFSET_MINUTES * 60_000).getUTCDay();
            expect(WEEKDAYS.weekdays.includes(local) && !holidays.isHoliday(localDate(t))).toBe(false);
          }
        },
      ),
      { seed: 20261127 },
    );
  });
});

describe('order book: end of the trading day', () => {
  test('when a trading day ends, then DAY orders accepted before it expire, resting or waiting for a stop, and GTC orders stay, without a session change', () => {
    const { book, rec } = makeBook();
    const day = { tif: TimeInForce.DAY };
    const cmds: BookCommand[] = [
      { kind: 'NEW', at: 100, order: buy(1, 5, 99, day) },
      { kind: 'NEW', at: 110, order: sell(2, 5, 101, { tif: TimeInForce.GTC }) },
      { kind: 'NEW', at: 120, order: buy(3, 2, 0, { ...day, type: OrderType.STOP_LOSS, stopPrice: 105 }) },
      { kind: 'NEW', at: 130, order: sell(4, 3, 102, day) },
    ];
    for (const c of cmds) applyBookCommand(book, c);
    rec.take();
    expect(book.tradingDayEndDue(125)).toBe(true);
    applyBookCommand(book, { kind: 'TIME', at: 126, dayEnd: 125 });
    expect(ofType(rec.take(), 'EXPIRED')).toEqual([
      { type: 'EXPIRED', orderId: 1, expiredQty: 5 },
      { type: 'EXPIRED', orderId: 3, expiredQty: 2 },
    ]);
    // Order 4 came after the end: it belongs to the next trading day.
    expect([1, 2, 3, 4].map((id) => book.getOrder(id) !== null)).toEqual([false, true, false, true]);
    expect(book.session).toBe(Session.CONTINUOUS);
    expect(book.tradingDayEnd).toBe(125);
    expect(book.tradingDayEndDue(125)).toBe(false);
  });

  test('when the same or an earlier day end comes again, then nothing happens; the next one expires the next day', () => {
    const { book, rec } = makeBook();
    const day = { tif: TimeInForce.DAY };
    applyBookCommand(book, { kind: 'NEW', at: 10, order: buy(1, 1, 99, day) });
    applyBookCommand(book, { kind: 'TIME', at: 20, dayEnd: 15 });
    applyBookCommand(book, { kind: 'NEW', at: 30, order: buy(2, 1, 99, day) });
    expect(book.getOrder(1)).toBeNull();
    rec.take();
    applyBookCommand(book, { kind: 'TIME', at: 40, dayEnd: 15 });
    applyBookCommand(book, { kind: 'TIME', at: 41, dayEnd: 12 });
    expect(rec.take()).toEqual([]);
    applyBookCommand(book, { kind: 'TIME', at: 50, dayEnd: 45 });
    expect(ofType(rec.take(), 'EXPIRED')).toEqual([{ type: 'EXPIRED', orderId: 2, expiredQty: 1 }]);
  });

  test('when a book has held no DAY order since the last end, then no day end is due', () => {
    const { book } = makeBook();
    expect(book.tradingDayEnd).toBe(-Infinity);
    expect(book.tradingDayEndDue(1)).toBe(false);
    applyBookCommand(book, { kind: 'NEW', at: 10, order: buy(1, 1, 99) });
    expect(book.tradingDayEndDue(20)).toBe(false);
    applyBookCommand(book, { kind: 'NEW', at: 30, order: buy(2, 1, 99, { tif: TimeInForce.DAY }) });
    expect(book.tradingDayEndDue(30)).toBe(false);
    expect(book.tradingDayEndDue(31)).toBe(true);
  });
});
