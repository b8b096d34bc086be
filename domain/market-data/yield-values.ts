/**
 * Yields are percent with at most 4 decimals (CONVENTIONS.md). Inside market data they are held as
 * integers in units of 0.0001% (a hundredth of a basis point), so parsing, storing and differencing
 * never pass through a float: 7.94% is 79400, and one basis point is 100.
 */
export const YIELD_UNITS_PER_PCT = 10_000;
export const YIELD_UNITS_PER_BP = 100;

const YIELD_TEXT = /^(-?)(\d{1,4})(?:\.(\d{1,4}))?$/;

/** `"7.94"` → 79400; undefined for anything that is not a plain decimal with at most 4 decimals. */
export function parseYieldUnits(text: string): number | undefined {
  const match = YIELD_TEXT.exec(text);
  if (!match) return undefined;
  const units = Number(match[2]) * YIELD_UNITS_PER_PCT + Number((match[3] ?? '').padEnd(4, '0'));
  return match[1] === '-' && units !== 0 ? -units : units;
}

/** 79400 → `"7.9400"`: the exact decimal text, as a NUMERIC(9,4) column stores it. */
export function formatYieldUnits(units: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`not an integer yield: ${units}`);
  const abs = Math.abs(units);
  const whole = Math.floor(abs / YIELD_UNITS_PER_PCT);
  const frac = String(abs % YIELD_UNITS_PER_PCT).padStart(4, '0');
  return `${units < 0 ? '-' : ''}${whole}.${frac}`;
}

/** Percent as a number (7.94), for statistics that may be floats. */
export function yieldUnitsToPct(units: number): number {
  return units / YIELD_UNITS_PER_PCT;
}
