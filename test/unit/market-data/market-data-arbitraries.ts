import fc from 'fast-check';
import { addDays, formatCivilDate, parseCivilDate } from '../../../domain/bonds';
import { formatYieldUnits, tenorFromMonths, type CurveHistory } from '../../../domain/market-data';

/** A yield in 0.0001% units between -2% and 20%, or absent. */
export const yieldUnitsArb = fc.option(fc.integer({ min: -20_000, max: 200_000 }), { nil: null, freq: 4 });

/** Ascending distinct tenors in months, 1 to 8 of them. */
export const tenorMonthsArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 480 }), { minLength: 1, maxLength: 8 })
  .map((months) => [...months].sort((a, b) => a - b));

/** A random, valid curve history and the CSV text that writes it. */
export const curveHistoryArb: fc.Arbitrary<{ history: CurveHistory; csv: string }> = tenorMonthsArb.chain(
  (months) =>
    fc
      .record({
        start: fc.integer({ min: 0, max: 20_000 }),
        steps: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 30 }),
        rows: fc.array(fc.array(yieldUnitsArb, { minLength: months.length, maxLength: months.length }), {
          minLength: 31,
          maxLength: 31,
        }),
      })
      .map(({ start, steps, rows }) => {
        const tenors = months.map(tenorFromMonths);
        let date = addDays(parseCivilDate('1970-01-01'), start);
        const observations = [{ date: formatCivilDate(date), yields: rows[0]! }];
        steps.forEach((step, i) => {
          date = addDays(date, step);
          observations.push({ date: formatCivilDate(date), yields: rows[i + 1]! });
        });
        const csv = [
          ['date', ...tenors.map((t) => t.label)].join(','),
          ...observations.map((o) =>
            [o.date, ...o.yields.map((y) => (y === null ? '' : formatYieldUnits(y)))].join(','),
          ),
        ].join('\n');
        return { history: { tenors, observations }, csv: `${csv}\n` };
      }),
);
