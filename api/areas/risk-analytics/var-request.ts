import { z } from 'zod';
import { cholesky, NotPositiveSemiDefiniteError } from '../../../domain/risk';
import type { FieldError } from '../../http/problem';
import { confidenceLevel } from './analytics-fields';

export const MIN_PNL_OBSERVATIONS = 10;
const MAX_PNL_OBSERVATIONS = 100_000;
const MAX_ASSETS = 100;
const SYMMETRY_TOLERANCE = 1e-12;

const historicalBody = z.object({
  method: z.literal('HISTORICAL_SIMULATION'),
  pnl: z
    .array(z.number())
    .min(MIN_PNL_OBSERVATIONS)
    .max(MAX_PNL_OBSERVATIONS)
    .meta({ description: 'P&L per scenario (gains positive), already at the horizon; any currency unit.' }),
  confidence_level: confidenceLevel,
});

const parametricBody = z.object({
  method: z.literal('PARAMETRIC'),
  exposures: z
    .array(z.number())
    .min(1)
    .max(MAX_ASSETS)
    .meta({ description: 'Rupee exposure per asset; a long holding loses exposure x return.' }),
  volatilities: z
    .array(z.number().min(0))
    .min(1)
    .max(MAX_ASSETS)
    .meta({ description: 'Daily return volatility per asset as a fraction (0.01 = 1%).' }),
  correlations: z
    .array(z.array(z.number()))
    .min(1)
    .max(MAX_ASSETS)
    .meta({ description: 'Symmetric, unit diagonal, entries in [-1, 1], positive semi-definite.' }),
  confidence_level: confidenceLevel,
  time_horizon: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(1)
    .meta({ description: 'Trading days; VaR and ES scale by sqrt(time_horizon).' }),
});

export const varWhatIfBody = z
  .discriminatedUnion('method', [historicalBody, parametricBody])
  .meta({ id: 'VarWhatIfRequest' });
export type VarWhatIfBody = z.infer<typeof varWhatIfBody>;
export type ParametricVarBody = z.infer<typeof parametricBody>;

/** Shape of the parametric inputs beyond what zod sees: equal lengths and a valid correlation matrix. */
export function parametricInputErrors(body: ParametricVarBody): FieldError[] {
  const n = body.exposures.length;
  const errors: FieldError[] = [];
  if (body.volatilities.length !== n) {
    errors.push({
      field: 'volatilities',
      message: `has ${body.volatilities.length} entries but exposures has ${n}; give one per exposure`,
    });
  }
  const rho = body.correlations;
  if (rho.length !== n) {
    errors.push({
      field: 'correlations',
      message: `must be ${n} x ${n}, one row per exposure; has ${rho.length} rows`,
    });
  }
  rho.forEach((row, i) => {
    if (row.length !== n)
      errors.push({ field: `correlations.${i}`, message: `must have ${n} entries, has ${row.length}` });
  });
  if (errors.length) return errors;

  rho.forEach((row, i) =>
    row.forEach((value, j) => {
      if (i === j && value !== 1) {
        errors.push({ field: `correlations.${i}.${j}`, message: `a diagonal entry must be 1, got ${value}` });
      } else if (value < -1 || value > 1) {
        errors.push({ field: `correlations.${i}.${j}`, message: `must lie in [-1, 1], got ${value}` });
      }
    }),
  );
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const [a, b] = [rho[i]![j]!, rho[j]![i]!];
      if (Math.abs(a - b) > SYMMETRY_TOLERANCE) {
        errors.push({
          field: 'correlations',
          message: `must be symmetric: [${i}][${j}] is ${a} but [${j}][${i}] is ${b}`,
        });
      }
    }
  }
  if (errors.length) return errors;

  try {
    cholesky(rho);
  } catch (err) {
    if (!(err instanceof NotPositiveSemiDefiniteError)) throw err;
    errors.push({
      field: 'correlations',
      message: 'is not positive semi-definite: no set of returns could have these correlations',
    });
  }
  return errors;
}
