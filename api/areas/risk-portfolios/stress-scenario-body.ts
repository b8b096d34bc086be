import { z } from 'zod';
import { CREDIT_RATINGS, KEY_RATE_TENORS } from '../../../domain/risk';

const shockBp = z.number().min(-5000).max(5000).meta({ description: 'basis points' });
const volatilityMultiplier = z
  .number()
  .positive()
  .max(100)
  .optional()
  .meta({ description: 'Scales volatilities: stressed VaR = the latest VaR x it' });
const spreadShockByRating = z
  .partialRecord(z.enum(CREDIT_RATINGS), shockBp)
  .meta({ description: 'bp per rating bucket; an unlisted rating does not move' });
const tenorShocks = z
  .partialRecord(z.enum(KEY_RATE_TENORS), shockBp)
  .refine((shocks) => Object.keys(shocks).length > 0, 'give at least one key-rate tenor')
  .meta({
    description: `bp per key-rate tenor (${KEY_RATE_TENORS.join(', ')}); a tenor left out does not move`,
  });

const common = {
  scenario_name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).optional(),
};

/** The spec's stress scenario body: one shape per scenario_type, parameters in bp. */
export const stressScenarioBody = z
  .discriminatedUnion('scenario_type', [
    z.object({
      ...common,
      scenario_type: z.literal('INTEREST_RATE'),
      parameters: z.object({ rate_shock: shockBp, volatility_multiplier: volatilityMultiplier }),
    }),
    z.object({
      ...common,
      scenario_type: z.literal('CREDIT_SPREAD'),
      parameters: z.object({
        spread_shock_by_rating: spreadShockByRating,
        volatility_multiplier: volatilityMultiplier,
      }),
    }),
    z.object({
      ...common,
      scenario_type: z.literal('MARKET_CRASH'),
      parameters: z.object({
        rate_shock: shockBp,
        spread_shock_by_rating: spreadShockByRating.default({}),
        liquidity_haircut_pct: z.number().min(0).max(100).default(0),
        volatility_multiplier: volatilityMultiplier,
      }),
    }),
    z.object({
      ...common,
      scenario_type: z.literal('CUSTOM'),
      parameters: z.object({
        tenor_shocks: tenorShocks,
        spread_shock_by_rating: spreadShockByRating.optional(),
        volatility_multiplier: volatilityMultiplier,
      }),
    }),
  ])
  .meta({ id: 'StressScenario' });
