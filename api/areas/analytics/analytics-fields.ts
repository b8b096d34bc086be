import { z } from 'zod';
import { CURVE_FAMILIES } from '../../../domain/fair-value';

export const ANALYTICS_TAG = 'Analytics';

export const familyQuery = z.object({ family: z.enum(CURVE_FAMILIES) });

const richCheap = z
  .number()
  .meta({ description: 'Market yield minus fair yield, in bp: positive is cheap, negative rich' });

export const curveSchema = z.object({
  family: z.enum(CURVE_FAMILIES),
  as_of: z.string(),
  settlement_date: z.string(),
  source: z.enum(['FITTED', 'REFERENCE']).meta({
    description:
      'FITTED: Nelson-Siegel-Svensson fit to the family; REFERENCE: the reference curve shifted in parallel',
  }),
  reference_curve: z.object({ code: z.string(), date: z.string() }).nullable(),
  parameters: z.object({
    beta0: z.number(),
    beta1: z.number(),
    beta2: z.number(),
    beta3: z.number(),
    tau1: z.number(),
    tau2: z.number(),
  }),
  fit_error_bp: z.number().nullable().meta({ description: 'Weighted RMS of fitted minus observed yields' }),
  shift_bp: z.number(),
  observation_counts: z.object({
    trades: z.number().int(),
    quotes: z.number().int(),
    references: z.number().int(),
  }),
  points: z.array(z.object({ tenor_years: z.number(), yield_pct: z.number() })),
  observations: z.array(
    z.object({
      bond_id: z.string(),
      kind: z.enum(['TRADE', 'QUOTE', 'REFERENCE']),
      maturity_years: z.number(),
      yield_pct: z.number(),
      weight: z.number(),
      residual_bp: z.number(),
      robust_weight: z.number().meta({ description: '1 fully counted; near 0 treated as an outlier' }),
    }),
  ),
});

export const fairValueSchema = z.object({
  bond_id: z.string(),
  isin: z.string(),
  family: z.enum(CURVE_FAMILIES),
  as_of: z.string(),
  settlement_date: z.string(),
  maturity_years: z.number(),
  fair_yield_pct: z.number(),
  fair_price: z.string(),
  pv01: z.number().meta({ description: 'Clean price change per 100 of face for 1 bp of yield' }),
  curve_source: z.enum(['FITTED', 'REFERENCE']),
  last_trade: z
    .object({ price: z.string(), yield_pct: z.number(), rich_cheap_bp: richCheap, executed_at: z.string() })
    .nullable(),
  mid: z.object({ price: z.string(), yield_pct: z.number(), rich_cheap_bp: richCheap }).nullable(),
});
