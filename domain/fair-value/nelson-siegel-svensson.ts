import { DomainError } from '../domain-error';

/** Nelson-Siegel-Svensson parameters: yields in percent, decay times (tau) in years. */
export interface NssParameters {
  readonly beta0: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly beta3: number;
  readonly tau1: number;
  readonly tau2: number;
}

/** One observed yield: maturity in years, yield in percent, and how much it counts (> 0). */
export interface CurveObservation {
  readonly maturityYears: number;
  readonly yieldPct: number;
  readonly weight: number;
}

export interface NssFitOptions {
  /** Huber threshold in multiples of the robust residual scale (MAD x 1.4826). */
  readonly huberK?: number;
  /** The residual scale never falls under this (bp), so exact data is not reweighted to noise. */
  readonly minScaleBp?: number;
  readonly maxIterations?: number;
}

export interface NssFit {
  readonly parameters: NssParameters;
  /** Fitted minus observed, in basis points, in the observations' order. */
  readonly residualsBp: readonly number[];
  /** The final robust weight of each observation (1 = fully counted, near 0 = treated as an outlier). */
  readonly robustWeights: readonly number[];
  /** Weighted root mean square residual, in basis points, under the final weights. */
  readonly rmseBp: number;
  readonly iterations: number;
}

export class CurveFitError extends DomainError {
  readonly code = 'CURVE_FIT';
}

export class ThinCurveDataError extends DomainError {
  readonly code = 'THIN_CURVE_DATA';
}

/** The fewest observations a full six-parameter fit is attempted on; fewer fall back to the reference. */
export const MIN_NSS_OBSERVATIONS = 6;
const MIN_DISTINCT_MATURITIES = 4;
const TAU_MIN = 0.1;
const TAU_MAX = 30;
// A whisper of ridge keeps the 4x4 normal equations solvable when tau1 and tau2 coincide.
const RIDGE = 1e-9;

function loadings(t: number, tau1: number, tau2: number): [number, number, number, number] {
  // The limits at t -> 0 are 1 and 0; tiny maturities (overnight) would otherwise divide 0 by 0.
  const x1 = Math.max(t, 1e-9) / tau1;
  const x2 = Math.max(t, 1e-9) / tau2;
  const e1 = Math.exp(-x1);
  const e2 = Math.exp(-x2);
  const l1 = (1 - e1) / x1;
  const l2 = (1 - e2) / x2;
  return [1, l1, l1 - e1, l2 - e2];
}

/** The curve's yield (percent) at maturity `t` years. */
export function nssYield(p: NssParameters, t: number): number {
  const [a, b, c, d] = loadings(t, p.tau1, p.tau2);
  return p.beta0 * a + p.beta1 * b + p.beta2 * c + p.beta3 * d;
}

/** Solves a small symmetric positive system by Gaussian elimination with partial pivoting. */
function solve(matrix: number[][], rhs: number[]): number[] | null {
  const n = rhs.length;
  const m = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-14) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= m[r]![c]! * x[c]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

interface Projection {
  betas: [number, number, number, number];
  sse: number;
}

/**
 * The observations as the least squares sees them: one row per distinct maturity with its total
 * weight and weighted mean yield, plus the weighted scatter around those means (which no curve can
 * fit, being the same at every maturity). Prints of one bond share a maturity, so the decay-time
 * search costs per bond, not per print; the sums are the same as over every observation.
 */
interface Collapsed {
  maturities: number[];
  weights: number[];
  meanYields: number[];
  scatter: number;
}

function collapse(obs: readonly CurveObservation[], w: readonly number[]): Collapsed {
  const groups = new Map<number, { weight: number; weighted: number; members: number[] }>();
  obs.forEach((o, k) => {
    const g = groups.get(o.maturityYears) ?? { weight: 0, weighted: 0, members: [] };
    g.weight += w[k]!;
    g.weighted += w[k]! * o.yieldPct;
    g.members.push(k);
    groups.set(o.maturityYears, g);
  });
  const c: Collapsed = { maturities: [], weights: [], meanYields: [], scatter: 0 };
  for (const [t, g] of groups) {
    const mean = g.weighted / g.weight;
    c.maturities.push(t);
    c.weights.push(g.weight);
    c.meanYields.push(mean);
    for (const k of g.members) c.scatter += w[k]! * (obs[k]!.yieldPct - mean) ** 2;
  }
  return c;
}

/** For fixed decay times the curve is linear in the betas: weighted least squares gives them exactly. */
function project(c: Collapsed, tau1: number, tau2: number): Projection | null {
  const ata = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  const atb = [0, 0, 0, 0];
  const rows = c.maturities.map((t) => loadings(t, tau1, tau2));
  rows.forEach((row, k) => {
    const wk = c.weights[k]!;
    for (let i = 0; i < 4; i++) {
      atb[i]! += wk * row[i]! * c.meanYields[k]!;
      for (let j = 0; j < 4; j++) ata[i]![j]! += wk * row[i]! * row[j]!;
    }
  });
  const scale = Math.max(...ata.map((r, i) => r[i]!));
  for (let i = 0; i < 4; i++) ata[i]![i]! += RIDGE * scale;
  const betas = solve(ata, atb);
  if (!betas || betas.some((b) => !Number.isFinite(b))) return null;
  let sse = c.scatter;
  rows.forEach((row, k) => {
    const fitted = row[0] * betas[0]! + row[1] * betas[1]! + row[2] * betas[2]! + row[3] * betas[3]!;
    sse += c.weights[k]! * (fitted - c.meanYields[k]!) ** 2;
  });
  return { betas: betas as Projection['betas'], sse };
}

const LOG_TAU_MIN = Math.log(TAU_MIN);
const LOG_TAU_MAX = Math.log(TAU_MAX);
type Objective = (u: readonly number[]) => number;

/**
 * Best decay times for the given weights: a log-spaced grid, then Nelder-Mead on (ln tau1, ln tau2)
 * with the betas projected out at every step (variable projection), so only two dimensions are searched.
 */
function bestTaus(c: Collapsed, start?: [number, number]) {
  // Outside the bounds the objective is infinite, not clamped: a clamped plateau looks converged.
  const inBounds = (v: number) => v >= LOG_TAU_MIN && v <= LOG_TAU_MAX;
  const objective: Objective = (u) => {
    if (!inBounds(u[0]!) || !inBounds(u[1]!)) return Infinity;
    const p = project(c, Math.exp(u[0]!), Math.exp(u[1]!));
    return p ? p.sse : Infinity;
  };
  let best: number[] = start ? [Math.log(start[0]), Math.log(start[1])] : [0, Math.log(5)];
  let bestValue = objective(best);
  const grid = Array.from({ length: 14 }, (_, i) => LOG_TAU_MIN + (i * (LOG_TAU_MAX - LOG_TAU_MIN)) / 13);
  for (const a of grid) {
    for (const b of grid) {
      if (b <= a) continue; // tau2 > tau1 names the two humps apart, so each pair is tried once
      const v = objective([a, b]);
      if (v < bestValue) [best, bestValue] = [[a, b], v];
    }
  }
  // Restarts from the best point: a simplex stretched along the curve's flat valley stops early.
  for (let restart = 0; restart < 4; restart++) best = nelderMead(objective, best);
  return [Math.exp(best[0]!), Math.exp(best[1]!)] as [number, number];
}

function nelderMead(objective: Objective, start: number[]): number[] {
  const step = (i: number) => start.map((v, j) => (i !== j ? v : v + 0.2 > LOG_TAU_MAX ? v - 0.2 : v + 0.2));
  let simplex = [start, step(0), step(1)].map((u) => ({ u, f: objective(u) }));
  for (let i = 0; i < 300; i++) {
    simplex.sort((a, b) => a.f - b.f);
    const [lo, mid, hi] = simplex as [(typeof simplex)[0], (typeof simplex)[0], (typeof simplex)[0]];
    if (Math.abs(hi.f - lo.f) <= 1e-16 + 1e-13 * Math.abs(lo.f)) break;
    const c = [(lo.u[0]! + mid.u[0]!) / 2, (lo.u[1]! + mid.u[1]!) / 2];
    const at = (s: number) => [c[0]! + s * (hi.u[0]! - c[0]!), c[1]! + s * (hi.u[1]! - c[1]!)];
    const r = { u: at(-1), f: 0 };
    r.f = objective(r.u);
    if (r.f < lo.f) {
      const e = { u: at(-2), f: 0 };
      e.f = objective(e.u);
      simplex = [lo, mid, e.f < r.f ? e : r];
    } else if (r.f < mid.f) {
      simplex = [lo, mid, r];
    } else {
      const k = { u: at(0.5), f: 0 };
      k.f = objective(k.u);
      if (k.f < hi.f) simplex = [lo, mid, k];
      else
        simplex = [
          lo,
          ...[mid, hi].map((p) => {
            const u = [(lo.u[0]! + p.u[0]!) / 2, (lo.u[1]! + p.u[1]!) / 2];
            return { u, f: objective(u) };
          }),
        ];
    }
  }
  simplex.sort((a, b) => a.f - b.f);
  simplex.sort((a, b) => a.f - b.f);
  return simplex[0]!.u;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Fits a Nelson-Siegel-Svensson curve by iteratively reweighted least squares with Huber weights:
 * each pass refits with the observation weights times a robust weight that shrinks as a residual
 * passes k robust standard deviations, so one bad print cannot pull the curve towards it.
 */
export function fitNss(observations: readonly CurveObservation[], options: NssFitOptions = {}): NssFit {
  const huberK = options.huberK ?? 1.5;
  const minScaleBp = options.minScaleBp ?? 0.5;
  const maxIterations = options.maxIterations ?? 20;
  for (const [i, o] of observations.entries()) {
    if (!(o.maturityYears > 0) || !Number.isFinite(o.maturityYears))
      throw new CurveFitError(`observation ${i}: maturity must be positive years`, 'maturityYears');
    if (!Number.isFinite(o.yieldPct))
      throw new CurveFitError(`observation ${i}: yield is not finite`, 'yieldPct');
    if (!(o.weight > 0) || !Number.isFinite(o.weight))
      throw new CurveFitError(`observation ${i}: weight must be positive`, 'weight');
  }
  const distinct = new Set(observations.map((o) => o.maturityYears.toFixed(4))).size;
  if (observations.length < MIN_NSS_OBSERVATIONS || distinct < MIN_DISTINCT_MATURITIES) {
    throw new ThinCurveDataError(
      `a curve needs ${MIN_NSS_OBSERVATIONS} observations over ${MIN_DISTINCT_MATURITIES} maturities, got ${observations.length} over ${distinct}`,
    );
  }
  let robust = observations.map(() => 1);
  let taus: [number, number] | undefined;
  let parameters!: NssParameters;
  let residualsBp: number[] = [];
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const c = collapse(
      observations,
      observations.map((o, i) => o.weight * robust[i]!),
    );
    taus = bestTaus(c, taus);
    const p = project(c, taus[0], taus[1]);
    if (!p) throw new CurveFitError('the normal equations are singular for these maturities');
    parameters = {
      beta0: p.betas[0],
      beta1: p.betas[1],
      beta2: p.betas[2],
      beta3: p.betas[3],
      tau1: taus[0],
      tau2: taus[1],
    };
    residualsBp = observations.map((o) => (nssYield(parameters, o.maturityYears) - o.yieldPct) * 100);
    const scale = Math.max(1.4826 * median(residualsBp.map(Math.abs)), minScaleBp);
    const next = residualsBp.map((r) => Math.min(1, (huberK * scale) / Math.max(Math.abs(r), 1e-12)));
    const moved = Math.max(...next.map((v, i) => Math.abs(v - robust[i]!)));
    robust = next;
    if (moved < 1e-4) {
      iterations++;
      break;
    }
  }
  const w = observations.map((o, i) => o.weight * robust[i]!);
  const totalWeight = w.reduce((a, b) => a + b, 0);
  const rmseBp = Math.sqrt(residualsBp.reduce((s, r, i) => s + w[i]! * r * r, 0) / totalWeight);
  return { parameters, residualsBp, robustWeights: robust, rmseBp, iterations };
}
