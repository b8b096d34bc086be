import { z } from 'zod';
import { scaledDecimal } from '../../domain/compliance/reporting';

export interface DecimalTextOptions {
  /** Allows a leading minus (a short quantity, a negative yield). */
  readonly signed?: boolean;
  /** Digits before the point, to match a NUMERIC column; unbounded unless given. */
  readonly maxDigits?: number;
}

/**
 * A decimal that travels as a string or a number but is checked as text, so a float artefact such
 * as 0.30000000000000004 is refused rather than rounded. The one helper for every decimal field.
 */
export function decimalText(maxDecimals: number, what: string, opts: DecimalTextOptions = {}) {
  const digits = opts.maxDigits === undefined ? '+' : `{1,${opts.maxDigits}}`;
  const pattern = new RegExp(`^${opts.signed ? '-?' : ''}\\d${digits}(\\.\\d{1,${maxDecimals}})?$`);
  const limits =
    opts.maxDigits === undefined
      ? `at most ${maxDecimals} decimals`
      : `at most ${opts.maxDigits} digits and ${maxDecimals} decimals`;
  return z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(pattern, `${what} with ${limits}`));
}

export const positiveDecimalText = (maxDecimals: number, what: string, opts: DecimalTextOptions = {}) =>
  decimalText(maxDecimals, what, opts).refine((s) => Number(s) > 0, 'must be greater than 0');

/** Paise (decimal text of an integer) as rupees with 2 decimals; null stays null. */
export const rupeesText = (paise: string | null | undefined) => {
  if (paise === null || paise === undefined) return null;
  const p = BigInt(paise);
  return `${p / 100n}.${String(p % 100n).padStart(2, '0')}`;
};

/** Rupees as validated by decimalText(2, ...) in paise; null stays null. */
export const paiseText = (rupees: string | null | undefined) =>
  rupees === null || rupees === undefined ? null : scaledDecimal(rupees, 2)!.toString();
