import {
  inverseNormalCdf,
  RISKMETRICS_DAILY_LAMBDA,
  type ParametricModel,
  type Revaluation,
  type VarMethod,
} from '../../../domain/risk';

/** The one tail convention of every scenario method (domain/risk/tail-statistics.ts). */
export const SCENARIO_TAIL_CONVENTION =
  'Loss = -P&L. VaR is the k-th worst loss, k = ceil(N(1 - c)) computed exactly in decimal ' +
  '(20 x (1 - 0.95) is 1, not 1.0000000000000009); ES is Acerbi-Tasche (2002): with w = N(1 - c), ' +
  'ES = (sum of the floor(w) worst losses + (w - floor(w)) x the next worst) / w.';

export const PARAMETRIC_CONVENTION =
  'Delta-normal: loss = -(e . r), r ~ N(0, h Sigma), Sigma_ij = rho_ij s_i s_j; VaR = z_c sigma_p sqrt(h), ' +
  'ES = sigma_p sqrt(h) phi(z_c) / (1 - c), z_c the exact inverse normal (Wichura AS 241, about 1e-16).';

/** How a portfolio risk run turns a factor scenario into a bond's P&L. */
export const FULL_REVALUATION_CONVENTION =
  "Full revaluation (the default of portfolio runs): each bond's yield moves by the curve change at its " +
  'maturity, linearly interpolated between the 1Y 2Y 5Y 10Y 30Y key rates (flat beyond them), plus the ' +
  'SPREAD move for rated non-sovereign paper; its street-convention cash flows are discounted again at that ' +
  'yield (bills: 100 / (1 + y t) on 365 days) and P&L = new dirty value - today. DELTA_GAMMA instead uses ' +
  '-DV01 . x + 1/2 convexity x value x y^2 with the same key-rate weights.';

interface VarMethodDescription {
  readonly description: string;
  readonly quantile: string;
  readonly expected_shortfall: string;
  readonly horizon: string;
  /** Whether POST /risk/analytics/var computes it from caller-supplied numbers. */
  readonly what_if: boolean;
  readonly conventions: string;
}

/** Keyed by the domain's VarMethod, so a method added there must be described here. */
export const VAR_METHODS = {
  HISTORICAL_SIMULATION: {
    description:
      "Each overlapping h-day historical factor change applied to today's portfolio, or a P&L vector taken as it is.",
    quantile: 'k-th worst loss, k = ceil(N(1 - c)) exact',
    expected_shortfall: 'Acerbi-Tasche weighted tail average',
    horizon: 'Overlapping h-day changes of the daily history (no sqrt(h) scaling)',
    what_if: true,
    conventions: `${SCENARIO_TAIL_CONVENTION} ${FULL_REVALUATION_CONVENTION}`,
  },
  PARAMETRIC: {
    description:
      'Factor moves normal with the daily covariance; delta-normal or delta-gamma with Cornish-Fisher.',
    quantile: 'z_c = exact inverse normal of c (Cornish-Fisher adjusted under DELTA_GAMMA_CORNISH_FISHER)',
    expected_shortfall: 'Closed form: sigma phi(z) / (1 - c) (Boudt-Peterson-Croux expansion with gamma)',
    horizon: 'Covariance scaled by h, so sigma and VaR scale by sqrt(h)',
    what_if: true,
    conventions: PARAMETRIC_CONVENTION,
  },
  MONTE_CARLO: {
    description:
      'x = sqrt(h) L z, L the Cholesky factor of the daily covariance, z standard normal; then revaluation.',
    quantile: 'k-th worst loss, k = ceil(N(1 - c)) exact, as historical simulation',
    expected_shortfall: 'Acerbi-Tasche weighted tail average, as historical simulation',
    horizon: 'sqrt(h) scaling of the simulated daily moves',
    what_if: false,
    conventions: `${SCENARIO_TAIL_CONVENTION} ${FULL_REVALUATION_CONVENTION} Seedable: xoshiro128** with Box-Muller normals, so the same seed gives the same answer.`,
  },
} as const satisfies Record<VarMethod, VarMethodDescription>;

const PARAMETRIC_MODELS = {
  DELTA_NORMAL: 'loss = delta . x, x ~ N(0, h Sigma): VaR = z sigma sqrt(h) exactly',
  DELTA_GAMMA_CORNISH_FISHER:
    'exact first four cumulants of the quadratic (convexity) P&L, quantile by Cornish-Fisher',
} as const satisfies Record<ParametricModel, string>;

const REVALUATIONS = {
  FULL_REVALUATION: 'each bond repriced from its cash flows at its shifted yield (portfolio runs default)',
  DELTA_GAMMA: 'second-order DV01 and convexity model for every position',
} as const satisfies Record<Revaluation, string>;

const QUOTED_CONFIDENCE_LEVELS = [0.95, 0.975, 0.99];

/** The GET /var-methods answer. */
export function varMethodCatalogue() {
  return {
    items: Object.entries(VAR_METHODS).map(([method, d]) => ({ method, ...d })),
    parametric_models: Object.entries(PARAMETRIC_MODELS).map(([model, description]) => ({
      model,
      description,
    })),
    revaluations: Object.entries(REVALUATIONS).map(([revaluation, description]) => ({
      revaluation,
      description,
    })),
    confidence_level: 'a fraction strictly between 0 and 1 (0.95)',
    normal_quantiles: QUOTED_CONFIDENCE_LEVELS.map((c) => ({ confidence_level: c, z: inverseNormalCdf(c) })),
    monte_carlo: { generator: 'xoshiro128**', normals: 'Box-Muller', seedable: true },
    ewma_lambda: RISKMETRICS_DAILY_LAMBDA,
  };
}
