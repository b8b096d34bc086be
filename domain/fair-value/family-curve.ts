import type { TenorYield } from '../market-data/interpolation';
import {
  fitNss,
  MIN_NSS_OBSERVATIONS,
  nssYield,
  ThinCurveDataError,
  type CurveObservation,
  type NssFitOptions,
  type NssParameters,
} from './nelson-siegel-svensson';

/** FITTED: a full fit to the family's own market; REFERENCE: the reference curve's shape, shifted. */
export type CurveSource = 'FITTED' | 'REFERENCE';

export interface FamilyCurve {
  readonly source: CurveSource;
  /** The fitted parameters, or those of the shifted reference fit. */
  readonly parameters: NssParameters;
  /** Weighted RMS error against the market observations in bp (null with none). */
  readonly fitErrorBp: number | null;
  /** For REFERENCE: the parallel shift (bp) that best matches whatever observations there are. */
  readonly shiftBp: number;
  readonly observations: number;
  /** Residual (fitted - observed, bp) and robust weight per observation, in input order. */
  readonly residualsBp: readonly number[];
  readonly robustWeights: readonly number[];
  yieldAt(maturityYears: number): number;
}

function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  const order = values.map((v, i) => [v, weights[i]!] as const).sort((a, b) => a[0] - b[0]);
  const half = weights.reduce((a, b) => a + b, 0) / 2;
  let acc = 0;
  for (const [v, w] of order) {
    acc += w;
    if (acc >= half) return v;
  }
  return order[order.length - 1]![0];
}

/**
 * The family's curve: an NSS fit to its own trades and quotes when there are enough of them;
 * otherwise the reference curve's own NSS fit moved in parallel by the weighted median gap to the
 * observations there are (a median, so one bad print does not move it either).
 */
export function buildFamilyCurve(
  observations: readonly CurveObservation[],
  reference: readonly TenorYield[],
  options: NssFitOptions = {},
): FamilyCurve {
  if (observations.length >= MIN_NSS_OBSERVATIONS) {
    try {
      const fit = fitNss(observations, options);
      return {
        source: 'FITTED',
        parameters: fit.parameters,
        fitErrorBp: fit.rmseBp,
        shiftBp: 0,
        observations: observations.length,
        residualsBp: fit.residualsBp,
        robustWeights: fit.robustWeights,
        yieldAt: (t) => nssYield(fit.parameters, t),
      };
    } catch (err) {
      if (!(err instanceof ThinCurveDataError)) throw err;
    }
  }
  const present = reference.filter((p) => p.yieldPct !== null && p.years > 0);
  const base = fitNss(
    present.map((p) => ({ maturityYears: p.years, yieldPct: p.yieldPct!, weight: 1 })),
    options,
  ).parameters;
  const gapsBp = observations.map((o) => (o.yieldPct - nssYield(base, o.maturityYears)) * 100);
  const shiftBp = observations.length
    ? weightedMedian(
        gapsBp,
        observations.map((o) => o.weight),
      )
    : 0;
  const parameters = { ...base, beta0: base.beta0 + shiftBp / 100 };
  const residualsBp = observations.map((o) => (nssYield(parameters, o.maturityYears) - o.yieldPct) * 100);
  const totalWeight = observations.reduce((a, o) => a + o.weight, 0);
  return {
    source: 'REFERENCE',
    parameters,
    fitErrorBp: observations.length
      ? Math.sqrt(residualsBp.reduce((s, r, i) => s + observations[i]!.weight * r * r, 0) / totalWeight)
      : null,
    shiftBp,
    observations: observations.length,
    residualsBp,
    robustWeights: observations.map(() => 1),
    yieldAt: (t) => nssYield(parameters, t),
  };
}
