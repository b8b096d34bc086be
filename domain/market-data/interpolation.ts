import type { CurveHistory } from './curve-csv';
import { InvalidCurveInputError } from './errors';
import { yieldUnitsToPct } from './yield-values';

/** One tenor of one curve: its length in years and its yield in percent, or null when absent. */
export interface TenorYield {
  readonly years: number;
  readonly yieldPct: number | null;
}

/**
 * The yield at `tenorYears`, linear in years between the nearest present tenors on either side and
 * flat beyond the shortest and longest present tenor. Absent tenors are skipped, never read as 0.
 * At a present tenor the value is returned unchanged. `points` must be in strictly ascending order
 * of `years`; at least one must have a yield.
 */
export function interpolateYieldPct(points: readonly TenorYield[], tenorYears: number): number {
  if (!Number.isFinite(tenorYears) || tenorYears < 0) {
    throw new InvalidCurveInputError(`tenor must be a finite number of years >= 0, got ${tenorYears}`);
  }
  let below: TenorYield | undefined;
  let above: TenorYield | undefined;
  let lastYears = -Infinity;
  for (const p of points) {
    if (!Number.isFinite(p.years) || p.years <= lastYears) {
      throw new InvalidCurveInputError('tenors must be finite and in strictly ascending order');
    }
    lastYears = p.years;
    if (p.yieldPct === null) continue;
    if (!Number.isFinite(p.yieldPct)) throw new InvalidCurveInputError(`yield at ${p.years}y is not finite`);
    if (p.years <= tenorYears) below = p;
    else if (!above) above = p;
  }
  if (below?.years === tenorYears) return below.yieldPct as number;
  if (!below && !above) throw new InvalidCurveInputError('no tenor of the curve has a value');
  if (!below) return above!.yieldPct as number;
  if (!above) return below.yieldPct as number;
  const y0 = below.yieldPct as number;
  const y1 = above.yieldPct as number;
  const y = y0 + ((y1 - y0) * (tenorYears - below.years)) / (above.years - below.years);
  // Rounding may step an ulp past a neighbour; the line never does.
  return Math.min(Math.max(y, Math.min(y0, y1)), Math.max(y0, y1));
}

/** The curve of one observation of a history as interpolation input (percent, absent kept). */
export function curvePoints(history: CurveHistory, observationIndex: number): TenorYield[] {
  const observation = history.observations[observationIndex];
  if (!observation) throw new InvalidCurveInputError(`no observation at index ${observationIndex}`);
  return history.tenors.map((tenor, i) => {
    const units = observation.yields[i];
    return {
      years: tenor.years,
      yieldPct: units === null || units === undefined ? null : yieldUnitsToPct(units),
    };
  });
}
