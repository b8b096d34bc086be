import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countCurveValues, dailyChangesBp, parseCurveCsv } from '../../../domain/market-data';

const history = parseCurveCsv(
  readFileSync(
    join(__dirname, '..', '..', '..', 'data', 'yield-curve', 'us_treasury_par_yield_curve.csv'),
    'utf8',
  ),
);
const column = (label: string) => history.tenors.findIndex((t) => t.label === label);

describe('the shipped US Treasury par curve', () => {
  it('when it is parsed, then it has the dates, span and gaps its README states', () => {
    expect(history.observations).toHaveLength(8887);
    expect(history.observations[0]?.date).toBe('1990-01-02');
    expect(history.observations.at(-1)?.date).toBe('2025-07-11');
    const missing = history.tenors.map(
      (_, i) => history.observations.filter((o) => o.yields[i] === null).length,
    );
    expect(Object.fromEntries(history.tenors.map((t, i) => [t.label, missing[i]]))).toEqual({
      '1M': 2899,
      '3M': 3,
      '6M': 0,
      '1Y': 0,
      '2Y': 0,
      '3Y': 0,
      '5Y': 0,
      '7Y': 0,
      '10Y': 0,
      '20Y': 939,
      '30Y': 994,
    });
    expect(countCurveValues(history)).toBe(8887 * 11 - (2899 + 3 + 939 + 994));
  });

  it('when its daily changes are taken, then 10Y moved +5bp on 1990-01-03 and the 30Y gap gives no change across it', () => {
    const changes = dailyChangesBp(history);
    expect(changes[0]?.changesBp[column('10Y')]).toBe(5);
    const resumed = changes.find((c) => c.date === '2006-02-09');
    expect(resumed?.changesBp[column('30Y')]).toBeNull();
    // Every change on a 2-decimal curve is a whole number of basis points.
    expect(changes.every((c) => c.changesBp.every((x) => x === null || Number.isInteger(x)))).toBe(true);
  });
});
