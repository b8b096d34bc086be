import type { CurveHistory } from './curve-csv';
import { YIELD_UNITS_PER_BP } from './yield-values';

/** The move of each tenor from `previousDate` to `date`, in basis points; `null` where either side is absent. */
export interface CurveChange {
  readonly previousDate: string;
  readonly date: string;
  readonly changesBp: ReadonlyArray<number | null>;
}

/**
 * Daily changes between consecutive observations (one per pair of adjacent dates, so N dates give
 * N - 1 rows), per tenor in the history's tenor order. A change exists only where both dates have a
 * value: a gap is never bridged to an older date, because that would pass off a multi-day move as a
 * daily one. Differences are taken on the exact integer yields, so a 2-decimal curve gives changes
 * that are whole basis points, exactly.
 */
export function dailyChangesBp(history: CurveHistory): CurveChange[] {
  const { observations } = history;
  const changes: CurveChange[] = [];
  for (let t = 1; t < observations.length; t++) {
    const previous = observations[t - 1]!;
    const current = observations[t]!;
    changes.push({
      previousDate: previous.date,
      date: current.date,
      changesBp: current.yields.map((y, i) => {
        const before = previous.yields[i];
        return y === null || before === null || before === undefined
          ? null
          : (y - before) / YIELD_UNITS_PER_BP;
      }),
    });
  }
  return changes;
}
