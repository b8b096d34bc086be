import Decimal from 'decimal.js';

/**
 * A NUMERIC value as a fixed-scale decimal string ("6.9" -> "6.9000"), so a value reads the same
 * whether it came back from the database or from the request that created it.
 */
export function fixedDecimal(value: string, scale: number): string;
export function fixedDecimal(value: string | null | undefined, scale: number): string | null;
export function fixedDecimal(value: string | null | undefined, scale: number): string | null {
  return value == null ? null : new Decimal(value).toFixed(scale);
}
