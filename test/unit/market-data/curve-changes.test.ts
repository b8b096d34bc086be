import fc from 'fast-check';
import { dailyChangesBp, parseCurveCsv } from '../../../domain/market-data';
import { curveHistoryArb } from './market-data-arbitraries';

describe('daily curve changes', () => {
  it('when consecutive dates both have a value, then the change is the difference in basis points', () => {
    const history = parseCurveCsv(
      'date,1M,3M,10Y,30Y\n' +
        '1990-01-02,,7.83,7.94,8.00\n' +
        '1990-01-03,,7.89,7.99,8.04\n' +
        '1990-01-04,0.05,7.84,,8.0425\n' +
        '1990-01-05,0.10,7.79,7.92,8.0425\n',
    );
    expect(dailyChangesBp(history)).toEqual([
      { previousDate: '1990-01-02', date: '1990-01-03', changesBp: [null, 6, 5, 4] },
      { previousDate: '1990-01-03', date: '1990-01-04', changesBp: [null, -5, null, 0.25] },
      { previousDate: '1990-01-04', date: '1990-01-05', changesBp: [5, -5, null, 0] },
    ]);
  });

  it('when the history has fewer than two dates, then there are no changes', () => {
    expect(dailyChangesBp(parseCurveCsv('date,1Y\n'))).toEqual([]);
    expect(dailyChangesBp(parseCurveCsv('date,1Y\n2020-01-01,1\n'))).toEqual([]);
  });

  it('when any history is differenced, then N dates give N - 1 rows and the changes sum back to the level move', () => {
    fc.assert(
      fc.property(curveHistoryArb, ({ history }) => {
        const changes = dailyChangesBp(history);
        const obs = history.observations;
        expect(changes).toHaveLength(obs.length - 1);
        changes.forEach((row, t) => {
          expect([row.previousDate, row.date]).toEqual([obs[t]!.date, obs[t + 1]!.date]);
          row.changesBp.forEach((change, i) => {
            const [a, b] = [obs[t]!.yields[i], obs[t + 1]!.yields[i]];
            if (a === null || b === null) expect(change).toBeNull();
            // 0.0001% units: a basis point is 100 of them.
            else expect(Math.round(change! * 100)).toBe(b! - a!);
          });
        });
        // Over any run with no gaps, the daily changes add up to the total move, exactly in units.
        history.tenors.forEach((_, i) => {
          let runStart = 0;
          let sum = 0;
          for (let t = 1; t <= obs.length; t++) {
            const change = changes[t - 1]?.changesBp[i];
            if (t < obs.length && change !== null && change !== undefined) {
              sum += Math.round(change * 100);
              continue;
            }
            const [first, last] = [obs[runStart]!.yields[i], obs[t - 1]!.yields[i]];
            if (first !== null && last !== null) expect(sum).toBe(last! - first!);
            runStart = t;
            sum = 0;
          }
        });
      }),
    );
  });
});
