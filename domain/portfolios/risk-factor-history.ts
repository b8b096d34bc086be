import { InvalidRiskInputError } from '../risk/errors';
import { KEY_RATE_TENOR_YEARS, KEY_RATE_TENORS, RISK_FACTORS } from '../risk/risk-factors';

/** One published curve value: date YYYY-MM-DD, tenor in months, yield in percent as text. */
export interface CurvePointRow {
  readonly date: string;
  readonly tenorMonths: number;
  readonly yieldPct: string;
}

export interface KeyRateHistory {
  /** Daily changes in bp, oldest first, in RISK_FACTORS columns (SPREAD has no history here: 0). */
  readonly changes: number[][];
  /** The dates the changes end on, oldest first (one per row). */
  readonly dates: string[];
}

export const DEFAULT_LOOKBACK_DAYS = 250;
export const KEY_RATE_MONTHS: readonly number[] = KEY_RATE_TENORS.map((t) => KEY_RATE_TENOR_YEARS[t] * 12);

/** Yields as integer units of 0.0001%, so a change is exact: 100 units = 1 bp. */
function yieldUnits(text: string): number {
  const value = Math.round(Number(text) * 1e4);
  if (!Number.isFinite(value)) throw new InvalidRiskInputError(`yield ${text} is not a number`, 'history');
  return value;
}

/**
 * Daily bp changes of the five key rates over the last `lookbackDays` changes between consecutive
 * dates on which all five are published (so lookbackDays + 1 such dates); fewer when the history is
 * shorter. Other tenors are ignored.
 */
export function keyRateHistory(
  points: readonly CurvePointRow[],
  lookbackDays = DEFAULT_LOOKBACK_DAYS,
): KeyRateHistory {
  if (!Number.isInteger(lookbackDays) || lookbackDays < 1) {
    throw new InvalidRiskInputError(
      `lookback must be a whole number of days >= 1, got ${lookbackDays}`,
      'lookback_days',
    );
  }
  const byDate = new Map<string, (number | undefined)[]>();
  for (const p of points) {
    const column = KEY_RATE_MONTHS.indexOf(p.tenorMonths);
    if (column < 0) continue;
    const row = byDate.get(p.date) ?? new Array<number | undefined>(KEY_RATE_MONTHS.length).fill(undefined);
    row[column] = yieldUnits(p.yieldPct);
    byDate.set(p.date, row);
  }
  const complete = [...byDate.entries()]
    .filter(([, row]) => row.every((v) => v !== undefined))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(-(lookbackDays + 1)) as [string, number[]][];
  const changes: number[][] = [];
  const dates: string[] = [];
  for (let t = 1; t < complete.length; t++) {
    const [date, row] = complete[t]!;
    const previous = complete[t - 1]![1];
    const move = RISK_FACTORS.map((_, f) => (f < row.length ? (row[f]! - previous[f]!) / 100 : 0));
    changes.push(move);
    dates.push(date);
  }
  return { changes, dates };
}
