import { InvalidRiskInputError } from './errors';
import { horizonDays as validHorizon } from './horizon';
import { FACTOR_COUNT } from './risk-factors';

/**
 * Daily factor changes in bp, oldest first, one row per day and one column per factor
 * (RISK_FACTORS order unless a caller's own matrix says otherwise).
 */
export type FactorHistory = ReadonlyArray<ReadonlyArray<number>>;

/** Scenarios as a row-major block: `count` rows of `width` factor changes. */
export interface ScenarioMatrix {
  readonly count: number;
  readonly width: number;
  readonly values: Float64Array;
}

export function toScenarioMatrix(
  history: FactorHistory,
  width: number = FACTOR_COUNT,
  field = 'history',
): ScenarioMatrix {
  const values = new Float64Array(history.length * width);
  history.forEach((row, t) => {
    if (row.length !== width) {
      throw new InvalidRiskInputError(
        `${field} row ${t} has ${row.length} factors, expected ${width}`,
        field,
      );
    }
    row.forEach((change, f) => {
      if (!Number.isFinite(change))
        throw new InvalidRiskInputError(`${field}[${t}][${f}] is not finite`, field);
      values[t * width + f] = change;
    });
  });
  return { count: history.length, width, values };
}

/**
 * Overlapping h-day changes: scenario j is the sum of daily rows j .. j+h-1, so N days give N-h+1
 * scenarios. Overlap keeps the sample large at the cost of serially correlated scenarios.
 */
export function overlappingHorizonChanges(daily: ScenarioMatrix, days: number): ScenarioMatrix {
  const horizonDays = validHorizon(days);
  if (horizonDays === 1) return daily;
  const count = daily.count - horizonDays + 1;
  if (count < 1) {
    throw new InvalidRiskInputError(
      `a ${horizonDays}-day horizon needs at least ${horizonDays} days of history, got ${daily.count}`,
      'time_horizon',
    );
  }
  const { width } = daily;
  const values = new Float64Array(count * width);
  const window = new Float64Array(width);
  for (let t = 0; t < daily.count; t++) {
    // A running window sum: add the day entering, drop the day leaving.
    for (let f = 0; f < width; f++) {
      window[f] = (window[f] as number) + (daily.values[t * width + f] as number);
      if (t >= horizonDays)
        window[f] = (window[f] as number) - (daily.values[(t - horizonDays) * width + f] as number);
    }
    const start = t - horizonDays + 1;
    if (start >= 0) values.set(window, start * width);
  }
  return { count, width, values };
}
