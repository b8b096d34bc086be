import {
  CREDIT_RATINGS,
  DEFAULT_STRESS_SCENARIOS,
  INR_IRRBB_SHOCK_SIZES,
  KEY_RATE_TENORS,
} from '../../../domain/risk';

/** Units of the scenario parameters as domain/risk/stress-types.ts defines them. */
const PARAMETER_UNITS = {
  rate_shock: 'bp, parallel shift of every key rate',
  tenor_shocks: `bp per key-rate tenor (${KEY_RATE_TENORS.join(', ')})`,
  spread_shock_by_rating: `bp per rating bucket (${CREDIT_RATINGS.join(', ')}); an unlisted rating does not move`,
  liquidity_haircut_pct: "percent fire-sale discount on every position's absolute value",
  volatility_multiplier: 'factor applied to volatilities: stressed VaR = base VaR x it',
};

/** The GET /stress-test-scenarios answer: the default set exactly as domain/risk defines it. */
export function stressScenarioCatalogue() {
  return {
    items: DEFAULT_STRESS_SCENARIOS.map((s) => ({
      scenario_name: s.scenario_name,
      scenario_type: s.scenario_type,
      description: s.description ?? null,
      parameters: s.parameters,
    })),
    next_cursor: null,
    parameter_units: PARAMETER_UNITS,
    irrbb_shock_sizes_bp: INR_IRRBB_SHOCK_SIZES,
  };
}
