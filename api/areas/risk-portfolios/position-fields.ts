import { z } from 'zod';
import { decimalText } from '../../http/decimal-json';

/** The OpenAPI tag shared by the portfolio and risk-run routes. */
export const PORTFOLIO_TAG = 'Risk portfolios';

export const portfolioIdParams = z.object({ portfolio_id: z.coerce.number().int().positive() });

// Digit limits match the columns (NUMERIC(20,2) and NUMERIC(12,4)).

/** Rupees of face value; negative for a short. Lot multiples are checked against the bond. */
export const quantityField = decimalText(
  /^-?\d{1,18}(\.\d{1,2})?$/,
  'rupees of face value with at most 18 digits and 2 decimals (negative for a short)',
);

/** Clean price per 100 of face value. */
export const averagePriceField = decimalText(
  /^\d{1,8}(\.\d{1,4})?$/,
  'a clean price per 100 with at most 8 digits and 4 decimals',
).refine((s) => Number(s) > 0, 'must be greater than 0');

export const bondIdField = z.string().trim().min(1).max(32);
