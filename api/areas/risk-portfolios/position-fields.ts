import { z } from 'zod';
import { isValidIsin, looksLikeIsin } from '../../../domain/reference-data/isin';
import { decimalText, positiveDecimalText } from '../../http/decimal-text';

/** The OpenAPI tag shared by the portfolio and risk-run routes. */
export const PORTFOLIO_TAG = 'Risk portfolios';

export const portfolioIdParams = z.object({ portfolio_id: z.coerce.number().int().positive() });

// Digit limits match the columns (NUMERIC(20,2) and NUMERIC(12,4)).
/** Rupees of face value; negative for a short. Lot multiples are checked against the bond. */
export const quantityField = decimalText(2, 'rupees of face value (negative for a short)', {
  signed: true,
  maxDigits: 18,
});

/** Clean price per 100 of face value. */
export const averagePriceField = positiveDecimalText(4, 'a clean price per 100', { maxDigits: 8 });

/**
 * A bond by its code or ISIN. Anything shaped like an ISIN must carry a valid check digit: a
 * look-alike one digit off is refused as a typo, never looked up as some other bond.
 */
export const bondIdField = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .refine((id) => !looksLikeIsin(id) || isValidIsin(id.toUpperCase()), 'an ISIN whose check digit is wrong');
