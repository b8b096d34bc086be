import { confidenceDecimal, type ConfidenceLevel } from './confidence';
import { InvalidRiskInputError } from './errors';
import { horizonDays } from './horizon';
import { dot, matrixProduct, multiply, toSymmetricFlat, trace, type Matrix } from './matrix';
import { inverseNormalCdf, normalPdf } from './normal-distribution';
import type { RiskPosition } from './position';
import { FACTOR_COUNT, RISK_FACTORS } from './risk-factors';
import { portfolioSensitivity, positionSensitivity, type PositionSensitivity } from './sensitivities';
import type {
  ParametricModel,
  ParametricVarOptions,
  ParametricVarResult,
  VarDecomposition,
  VarOptions,
} from './var-types';

/**
 * Parametric VaR of a bond portfolio: factor moves x ~ N(0, h Sigma) with Sigma the daily covariance
 * in bp^2 over RISK_FACTORS. DELTA_NORMAL gives z sigma sqrt(h) exactly; DELTA_GAMMA_CORNISH_FISHER
 * adds the convexity term and expands the quantile around the normal one.
 */
export function parametricVar(
  positions: readonly RiskPosition[],
  dailyCovariance: Matrix,
  options: ParametricVarOptions,
): ParametricVarResult {
  const { delta, gamma } = portfolioSensitivity(positions.map(positionSensitivity));
  const model = options.model ?? 'DELTA_NORMAL';
  // Loss = delta . x - 1/2 x' Gamma x: the loss-side quadratic form has B = -Gamma.
  const lossGamma = model === 'DELTA_NORMAL' ? undefined : gamma.map((g) => -g);
  return quadraticLossVar(Array.from(delta), lossGamma, factorCovariance(dailyCovariance), options, model);
}

/** Delta-normal VaR of any linear loss = exposures . x with x ~ N(0, h Sigma). */
export function deltaNormalVar(
  lossExposures: readonly number[],
  dailyCovariance: Matrix,
  options: VarOptions,
): ParametricVarResult {
  if (dailyCovariance.length !== lossExposures.length) {
    throw new InvalidRiskInputError('exposures and covariance differ in size', 'covariance');
  }
  return quadraticLossVar(
    lossExposures,
    undefined,
    toSymmetricFlat(dailyCovariance, 'covariance'),
    options,
    'DELTA_NORMAL',
  );
}

export interface TwoAssetVarInput extends VarOptions {
  /** Rupee exposures; a long holding loses exposure x return. */
  readonly exposures: readonly [number, number];
  /** Daily return volatilities as fractions (0.01 = 1%). */
  readonly volatilities: readonly [number, number];
  readonly correlation: number;
}

/** VaR = z sqrt(e1^2 s1^2 + e2^2 s2^2 + 2 rho e1 e2 s1 s2) sqrt(h). */
export function twoAssetParametricVar(input: TwoAssetVarInput): ParametricVarResult {
  const [s1, s2] = input.volatilities;
  if (!(input.correlation >= -1 && input.correlation <= 1)) {
    throw new InvalidRiskInputError(
      `correlation must lie in [-1, 1], got ${input.correlation}`,
      'correlation',
    );
  }
  const covariance = [
    [s1 * s1, input.correlation * s1 * s2],
    [input.correlation * s1 * s2, s2 * s2],
  ];
  return deltaNormalVar(
    input.exposures.map((e) => -e),
    covariance,
    input,
  );
}

/**
 * Euler decomposition of delta-normal VaR and ES: both are k x sigma, so a position's component is
 * k x (d_i' Sigma d) / sigma and the components sum to the total exactly. Per factor the same with
 * d_f (Sigma d)_f. (The delta-gamma model is not decomposed here.)
 */
export function decomposeParametricVar(
  positions: readonly RiskPosition[],
  dailyCovariance: Matrix,
  options: VarOptions,
): VarDecomposition {
  const sensitivities = positions.map(positionSensitivity);
  const delta = portfolioSensitivity(sensitivities).delta;
  const covariance = factorCovariance(dailyCovariance);
  const result = quadraticLossVar(Array.from(delta), undefined, covariance, options, 'DELTA_NORMAL');
  const sigmaDelta = multiply(covariance, FACTOR_COUNT, delta);
  const h = horizonDays(options.horizonDays);
  const variance = h * dot(delta, sigmaDelta);
  const share = (covarianceWithPortfolio: number): number =>
    variance === 0 ? 0 : (h * covarianceWithPortfolio) / variance;

  return {
    var: result.var,
    es: result.es,
    byPosition: positions.map((position, i) => {
      const s = share(dot((sensitivities[i] as PositionSensitivity).delta, sigmaDelta));
      const componentVar = s * result.var;
      return {
        positionId: position.id,
        componentVar,
        componentEs: s * result.es,
        marginalVar: position.marketValue === 0 ? null : componentVar / position.marketValue,
        percentOfVar: 100 * s,
      };
    }),
    byFactor: [
      ...RISK_FACTORS.map((factor, f) => {
        const s = share((delta[f] as number) * (sigmaDelta[f] as number));
        return { factor, componentVar: s * result.var, componentEs: s * result.es };
      }),
      { factor: 'NONLINEAR' as const, componentVar: 0, componentEs: 0 },
    ],
  };
}

function factorCovariance(dailyCovariance: Matrix): Float64Array {
  if (dailyCovariance.length !== FACTOR_COUNT) {
    throw new InvalidRiskInputError(
      `covariance must be ${FACTOR_COUNT} x ${FACTOR_COUNT} over RISK_FACTORS`,
      'covariance',
    );
  }
  return toSymmetricFlat(dailyCovariance, 'covariance');
}

/**
 * Loss L = a'x + 1/2 x'Bx with x ~ N(0, S), S = h Sigma. Its cumulants are exact (e.g. Mathai and
 * Provost, Quadratic Forms in Random Variables, 1992): k1 = tr(BS)/2, and for r >= 2
 * k_r = (r-1)!/2 [tr((BS)^r) + r a'S(BS)^(r-2)a]. The quantile is the Cornish-Fisher expansion in
 * skewness and excess kurtosis; ES integrates that same expansion over the tail in closed form
 * (Boudt, Peterson and Croux, 2008): sigma phi(z) / (1 - alpha) x [1 + z S/6 + (z^2-1) K/24 - (2z^2-1) S^2/36].
 */
function quadraticLossVar(
  a: readonly number[],
  lossGamma: Float64Array | undefined,
  dailyCovariance: Float64Array,
  options: VarOptions,
  model: ParametricModel,
): ParametricVarResult {
  const n = a.length;
  const h = horizonDays(options.horizonDays);
  const s = dailyCovariance.map((c) => c * h);
  const sa = multiply(s, n, a);
  let k1 = 0;
  let k2 = dot(a, sa);
  let k3 = 0;
  let k4 = 0;
  if (lossGamma !== undefined) {
    const m = matrixProduct(lossGamma, s, n);
    const m2 = matrixProduct(m, m, n);
    const bsa = multiply(lossGamma, n, sa);
    k1 = trace(m, n) / 2;
    k2 += trace(m2, n) / 2;
    k3 = 3 * dot(sa, bsa) + trace(matrixProduct(m2, m, n), n);
    k4 = 12 * dot(bsa, multiply(s, n, bsa)) + 3 * trace(matrixProduct(m2, m2, n), n);
  }
  const sd = Math.sqrt(Math.max(0, k2));
  const skew = sd === 0 || k3 === 0 ? 0 : k3 / sd ** 3;
  const kurt = sd === 0 || k4 === 0 ? 0 : k4 / sd ** 4;
  const { z, tailProbability } = quantilePoint(options.confidence);
  const zCf =
    z + ((z * z - 1) * skew) / 6 + ((z ** 3 - 3 * z) * kurt) / 24 - ((2 * z ** 3 - 5 * z) * skew * skew) / 36;
  const esFactor = 1 + (z * skew) / 6 + ((z * z - 1) * kurt) / 24 - ((2 * z * z - 1) * skew * skew) / 36;
  return {
    method: 'PARAMETRIC',
    model,
    horizonDays: h,
    var: k1 + sd * zCf,
    es: k1 + (sd * normalPdf(z) * esFactor) / tailProbability,
    mean: k1,
    standardDeviation: sd,
    skewness: skew,
    excessKurtosis: kurt,
  };
}

function quantilePoint(confidence: ConfidenceLevel): { z: number; tailProbability: number } {
  const alpha = confidenceDecimal(confidence);
  return { z: inverseNormalCdf(alpha.toNumber()), tailProbability: alpha.negated().plus(1).toNumber() };
}
