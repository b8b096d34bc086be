/** Report value formats: amounts in paise, prices and yields with 4 decimals, times at IST. */

const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;

/** ISO-8601 with the IST offset: 2026-11-24T10:00:00.000+05:30 for 04:30Z. */
export function istTimestamp(at: Date): string {
  return new Date(at.getTime() + IST_OFFSET_MS).toISOString().replace('Z', '+05:30');
}

/** The IST calendar date of an instant. */
export function istDate(at: Date): string {
  return istTimestamp(at).slice(0, 10);
}

/** A value held in units of 0.0001 (prices per 100, yields in percent) as text with 4 decimals. */
export function fixed4(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  return `${sign}${abs / 10_000n}.${String(abs % 10_000n).padStart(4, '0')}`;
}

/** a / b rounded half away from zero, for b > 0. */
export function divideHalfUp(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError('divisor must be positive');
  const q = a / b;
  const r = a % b;
  if (2n * (r < 0n ? -r : r) >= b) return a < 0n ? q - 1n : q + 1n;
  return q;
}
