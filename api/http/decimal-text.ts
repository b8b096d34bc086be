import { z } from 'zod';

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
