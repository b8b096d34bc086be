import fc from 'fast-check';
import {
  countCurveValues,
  formatYieldUnits,
  MalformedCurveCsvError,
  parseCurveCsv,
  parseYieldUnits,
  tenorFromLabel,
  tenorFromMonths,
} from '../../../domain/market-data';
import { curveHistoryArb } from './market-data-arbitraries';

const HEADER = 'date,1M,3M,6M,1Y,2Y,3Y,5Y,7Y,10Y,20Y,30Y';

function parseError(text: string): MalformedCurveCsvError {
  try {
    parseCurveCsv(text);
  } catch (err) {
    if (err instanceof MalformedCurveCsvError) return err;
    throw err;
  }
  throw new Error('expected MalformedCurveCsvError');
}

describe('tenors', () => {
  it('when the Treasury labels are read, then they become exact month counts and years = months / 12', () => {
    const tenors = HEADER.split(',')
      .slice(1)
      .map((label) => tenorFromLabel(label)!);
    expect(tenors.map((t) => t.months)).toEqual([1, 3, 6, 12, 24, 36, 60, 84, 120, 240, 360]);
    expect(tenors.map((t) => t.years)).toEqual([1 / 12, 0.25, 0.5, 1, 2, 3, 5, 7, 10, 20, 30]);
  });

  it('when a label is not N followed by M or Y, or is zero or beyond 100Y, then it is refused', () => {
    for (const label of ['', '0M', '1W', '1y', '01Y', '1.5Y', ' 1Y', '101Y', 'Y']) {
      expect(tenorFromLabel(label)).toBeUndefined();
    }
  });

  it('when any month count gets its canonical label, then the label reads back to the same months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1200 }), (months) => {
        expect(tenorFromLabel(tenorFromMonths(months).label)?.months).toBe(months);
      }),
    );
  });
});

describe('yield values', () => {
  it('when a percent with up to 4 decimals is read, then it becomes exact 0.0001% units', () => {
    expect(parseYieldUnits('7.94')).toBe(79_400);
    expect(parseYieldUnits('0.00')).toBe(0);
    expect(parseYieldUnits('-0.0125')).toBe(-125);
    expect(parseYieldUnits('12')).toBe(120_000);
    expect(parseYieldUnits('0.3')).toBe(3_000);
    expect(formatYieldUnits(79_400)).toBe('7.9400');
    expect(formatYieldUnits(-125)).toBe('-0.0125');
  });

  it('when the text is not a plain decimal with at most 4 decimals, then it is refused', () => {
    for (const text of ['', '7.94567', '1e2', '+1', '7,94', ' 7.94', '7.', '.5', 'NaN', '--1']) {
      expect(parseYieldUnits(text)).toBeUndefined();
    }
  });

  it('when any unit count is formatted, then parsing gives it back', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999, max: 99_999_999 }), (units) => {
        expect(parseYieldUnits(formatYieldUnits(units))).toBe(units);
      }),
    );
  });
});

describe('curve CSV', () => {
  it('when the Treasury file layout is read, then values are exact and empty cells stay absent', () => {
    const history = parseCurveCsv(
      `${HEADER}\n1990-01-02,,7.83,7.89,7.81,7.87,7.90,7.87,7.98,7.94,,8.00\n` +
        '1990-01-03,,7.89,7.94,7.85,7.94,7.96,7.92,8.04,7.99,,8.04\n',
    );
    expect(history.tenors.map((t) => t.label)).toEqual(HEADER.split(',').slice(1));
    expect(history.observations).toEqual([
      {
        date: '1990-01-02',
        yields: [null, 78_300, 78_900, 78_100, 78_700, 79_000, 78_700, 79_800, 79_400, null, 80_000],
      },
      {
        date: '1990-01-03',
        yields: [null, 78_900, 79_400, 78_500, 79_400, 79_600, 79_200, 80_400, 79_900, null, 80_400],
      },
    ]);
    expect(countCurveValues(history)).toBe(18);
  });

  it('when lines end in CRLF, there is no final newline or a byte-order mark, then the file reads the same', () => {
    const plain = parseCurveCsv('date,1Y,2Y\n2020-01-01,1.5,\n2020-01-02,,2.25\n');
    expect(parseCurveCsv('\uFEFFdate,1Y,2Y\r\n2020-01-01,1.5,\r\n2020-01-02,,2.25')).toEqual(plain);
  });

  it('when there is only a header, then the history has tenors and no observations', () => {
    expect(parseCurveCsv('date,3M,1Y\n')).toEqual({
      tenors: [tenorFromLabel('3M'), tenorFromLabel('1Y')],
      observations: [],
    });
  });

  it.each([
    ['an empty file', '', 1, 1, /must start with "date"/],
    ['a header without date first', 'day,1Y\n', 1, 1, /must start with "date"/],
    ['a header without tenors', 'date\n', 1, 2, /no tenor/],
    ['an unknown tenor', 'date,1Y,2W\n', 1, 3, /"2W" is not a tenor/],
    ['a repeated tenor', 'date,1Y,12M\n', 1, 3, /longer than the tenor before it/],
    ['descending tenors', 'date,2Y,1Y\n', 1, 3, /longer than the tenor before it/],
    ['a short row', 'date,1Y,2Y\n2020-01-01,1.0\n', 2, 3, /expected 3 cells, found 2/],
    ['a long row', 'date,1Y,2Y\n2020-01-01,1,2,3\n', 2, 4, /expected 3 cells, found 4/],
    ['a blank line inside', 'date,1Y\n2020-01-01,1\n\n2020-01-03,1\n', 3, 2, /expected 2 cells, found 1/],
    ['a non-date', 'date,1Y\n2020-02-30,1\n', 2, 1, /"2020-02-30" is not a date/],
    ['a US-style date', 'date,1Y\n01/02/90,1\n', 2, 1, /is not a date/],
    ['a repeated date', 'date,1Y\n2020-01-02,1\n2020-01-02,1\n', 3, 1, /repeats the date on line 2/],
    ['a date going back', 'date,1Y\n2020-01-02,1\n2020-01-01,1\n', 3, 1, /before the date on line 2/],
    ['a bad value', 'date,1Y,2Y\n2020-01-01,1,abc\n', 2, 3, /"abc" \(2Y\) is not a yield/],
    ['five decimals', 'date,1Y\n2020-01-01,1.23456\n', 2, 2, /is not a yield/],
    ['a padded value', 'date,1Y\n2020-01-01, 1.2\n', 2, 2, /is not a yield/],
  ])(
    'when the file has %s, then MalformedCurveCsvError names the line and column',
    (_, text, line, column, re) => {
      const err = parseError(text);
      expect(err.code).toBe('MALFORMED_CURVE_CSV');
      expect([err.line, err.column]).toEqual([line, column]);
      expect(err.message).toMatch(re);
      expect(err.message).toMatch(new RegExp(`^line ${line}, column ${column}: `));
    },
  );

  it('when any valid history is written as CSV, then parsing gives back exactly that history', () => {
    fc.assert(
      fc.property(curveHistoryArb, ({ history, csv }) => {
        expect(parseCurveCsv(csv)).toEqual(history);
      }),
    );
  });

  it('when two rows of a valid file swap places, then the file is refused at the later line', () => {
    fc.assert(
      fc.property(
        curveHistoryArb.filter(({ history }) => history.observations.length >= 2),
        fc.nat(),
        ({ csv }, pick) => {
          const lines = csv.trimEnd().split('\n');
          const i = 1 + (pick % (lines.length - 2));
          [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
          const err = parseError(lines.join('\n'));
          expect([err.line, err.column]).toEqual([i + 2, 1]);
        },
      ),
    );
  });
});
