import { InvalidRiskInputError } from './errors';
import { toScenarioMatrix, type FactorHistory } from './factor-history';
import type { Matrix } from './matrix';

export const RISKMETRICS_DAILY_LAMBDA = 0.94;

/** Sample covariance of the columns (mean removed, divisor N - 1). */
export function sampleCovariance(history: FactorHistory): number[][] {
  const width = columnCount(history);
  const { count, values } = toScenarioMatrix(history, width);
  if (count < 2) throw new InvalidRiskInputError('sample covariance needs at least two rows', 'history');
  const mean = new Float64Array(width);
  for (let t = 0; t < count; t++)
    for (let f = 0; f < width; f++) mean[f] = (mean[f] as number) + (values[t * width + f] as number) / count;
  return weightedCrossProducts(values, count, width, () => 1 / (count - 1), mean);
}

/**
 * RiskMetrics EWMA covariance: zero mean, weight (1 - lambda) lambda^age with age 0 for the last
 * (most recent) row, normalised over the finite window so the weights sum to one.
 */
export function ewmaCovariance(history: FactorHistory, lambda = RISKMETRICS_DAILY_LAMBDA): number[][] {
  if (!(lambda > 0 && lambda < 1))
    throw new InvalidRiskInputError(`lambda must lie in (0, 1), got ${lambda}`, 'lambda');
  const width = columnCount(history);
  const { count, values } = toScenarioMatrix(history, width);
  if (count < 1) throw new InvalidRiskInputError('EWMA covariance needs at least one row', 'history');
  const total = 1 - lambda ** count;
  return weightedCrossProducts(
    values,
    count,
    width,
    (t) => ((1 - lambda) * lambda ** (count - 1 - t)) / total,
    new Float64Array(width),
  );
}

export function volatilities(covariance: Matrix): number[] {
  return covariance.map((row, i) => Math.sqrt(Math.max(0, row[i] ?? 0)));
}

export function correlationMatrix(covariance: Matrix): number[][] {
  const sd = volatilities(covariance);
  return covariance.map((row, i) =>
    row.map((value, j) => {
      const scale = (sd[i] as number) * (sd[j] as number);
      return i === j ? 1 : scale === 0 ? 0 : value / scale;
    }),
  );
}

/** Covariance from volatilities and a correlation matrix: cov_ij = rho_ij sd_i sd_j. */
export function covarianceFromCorrelation(vols: readonly number[], correlation: Matrix): number[][] {
  return correlation.map((row, i) => row.map((rho, j) => rho * (vols[i] as number) * (vols[j] as number)));
}

function columnCount(history: FactorHistory): number {
  const first = history[0];
  if (first === undefined) throw new InvalidRiskInputError('history is empty', 'history');
  return first.length;
}

function weightedCrossProducts(
  values: Float64Array,
  count: number,
  width: number,
  weight: (row: number) => number,
  mean: Float64Array,
): number[][] {
  const cov = Array.from({ length: width }, () => new Array<number>(width).fill(0));
  for (let t = 0; t < count; t++) {
    const w = weight(t);
    for (let i = 0; i < width; i++) {
      const di = (values[t * width + i] as number) - (mean[i] as number);
      const row = cov[i] as number[];
      for (let j = 0; j <= i; j++)
        row[j] = (row[j] as number) + w * di * ((values[t * width + j] as number) - (mean[j] as number));
    }
  }
  for (let i = 0; i < width; i++)
    for (let j = 0; j < i; j++) (cov[j] as number[])[i] = (cov[i] as number[])[j] as number;
  return cov;
}
