import fc from 'fast-check';
import { addDays, formatCivilDate, parseCivilDate } from '../../../domain/bonds/civil-date';
import {
  BusinessCalendar,
  InvalidBusinessDayCountError,
  MalformedHolidayCsvError,
  parseHolidayCsv,
  settlementSystemOf,
  weekday,
} from '../../../domain/calendar';

const d = (text: string) => parseCivilDate(text);

describe('business calendar', () => {
  it('when dates are known weekdays, then weekday names them (2026-11-24 is a Tuesday)', () => {
    expect(weekday(d('1970-01-01'))).toBe(4);
    expect(weekday(d('2026-11-24'))).toBe(2);
    expect(weekday(d('2026-01-26'))).toBe(1);
    expect(weekday(d('2000-02-29'))).toBe(2);
  });

  it('when T+1 falls on a weekend or a holiday, then it moves to the next business day', () => {
    // 2026-01-23 is a Friday and 2026-01-26 (Monday) is Republic Day.
    const cal = new BusinessCalendar(['2026-01-26']);
    expect(cal.settlementDate('2026-01-22', 1)).toBe('2026-01-23');
    expect(cal.settlementDate('2026-01-23', 1)).toBe('2026-01-27');
    expect(cal.settlementDate('2026-01-23', 2)).toBe('2026-01-28');
    expect(cal.settlementDate('2026-01-24', 1)).toBe('2026-01-27');
    expect(new BusinessCalendar([]).settlementDate('2026-01-23', 1)).toBe('2026-01-26');
  });

  it('when T+0 is asked on a non-business day, then it is the next business day, else the day itself', () => {
    const cal = new BusinessCalendar(['2026-01-26']);
    expect(cal.settlementDate('2026-01-24', 0)).toBe('2026-01-27');
    expect(cal.settlementDate('2026-01-27', 0)).toBe('2026-01-27');
  });

  it('when the count is negative, fractional or absurd, then it is refused', () => {
    const cal = new BusinessCalendar([]);
    for (const n of [-1, 1.5, 400]) {
      expect(() => cal.addBusinessDays(d('2026-01-01'), n)).toThrow(InvalidBusinessDayCountError);
    }
  });

  it('when any date and holiday set are given, then T+n is a business day with exactly n business days after the trade date', () => {
    const dateArb = fc.integer({ min: 0, max: 3000 }).map((k) => addDays(d('2020-01-01'), k));
    fc.assert(
      fc.property(
        dateArb,
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }),
        fc.nat(10),
        (start, offsets, n) => {
          const holidays = offsets.map((o) => formatCivilDate(addDays(start, o)));
          const cal = new BusinessCalendar(holidays);
          const end = cal.addBusinessDays(start, n);
          expect(cal.isBusinessDay(end)).toBe(true);
          let between = 0;
          for (
            let day = addDays(start, 1);
            formatCivilDate(day) <= formatCivilDate(end);
            day = addDays(day, 1)
          ) {
            if (cal.isBusinessDay(day)) between += 1;
          }
          expect(between).toBe(n === 0 ? (cal.isBusinessDay(start) ? 0 : 1) : n);
        },
      ),
    );
  });

  it('when bonds are mapped to settlement systems, then only corporates settle at the clearing corporation', () => {
    expect(settlementSystemOf('G_SEC')).toBe('RBI_SGL');
    expect(settlementSystemOf('SDL')).toBe('RBI_SGL');
    expect(settlementSystemOf('T_BILL')).toBe('RBI_SGL');
    expect(settlementSystemOf('CORPORATE')).toBe('CLEARING_CORPORATION');
  });
});

describe('holiday CSV', () => {
  it('when the file is well formed, then it gives the holidays in date order, quotes and CRLF handled', () => {
    const text =
      '\uFEFFdate,name\r\n2026-08-15,Independence Day\r\n\r\n2026-01-26,"Republic Day, national"\r\n';
    expect(parseHolidayCsv(text)).toEqual([
      { date: '2026-01-26', name: 'Republic Day, national' },
      { date: '2026-08-15', name: 'Independence Day' },
    ]);
  });

  it.each([
    ['day,name\n2026-01-26,x\n', 1, /header/],
    ['date,name\n2026-02-30,Nope\n', 2, /calendar date/],
    ['date,name\n2026-01-26\n', 2, /date,name/],
    ['date,name\n2026-01-26,\n', 2, /1-200/],
    ['date,name\n2026-01-26,A\n2026-01-26,B\n', 3, /twice/],
  ])('when the file is %j, then line %i is named', (text, line, reason) => {
    try {
      parseHolidayCsv(text);
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(MalformedHolidayCsvError);
      expect((err as MalformedHolidayCsvError).line).toBe(line);
      expect((err as Error).message).toMatch(reason);
    }
  });
});
