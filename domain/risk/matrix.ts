import { InvalidRiskInputError, NotPositiveSemiDefiniteError } from './errors';

/** A square matrix as rows; the public shape of covariances and Cholesky factors. */
export type Matrix = ReadonlyArray<ReadonlyArray<number>>;

export interface CholeskyOptions {
  /**
   * Largest diagonal jitter tried, relative to the largest variance. A positive semi-definite
   * (singular) covariance needs a tiny one to factor; anything that still fails is not PSD.
   */
  readonly maxRelativeJitter?: number;
}

const JITTER_STEPS = [0, 1e-12, 1e-10, 1e-8];

/** Row-major copy of a square symmetric matrix, validated. */
export function toSymmetricFlat(matrix: Matrix, field: string): Float64Array {
  const n = matrix.length;
  const flat = new Float64Array(n * n);
  let scale = 0;
  matrix.forEach((row, i) => {
    if (row.length !== n) throw new InvalidRiskInputError(`${field} must be square (${n} x ${n})`, field);
    row.forEach((value, j) => {
      if (!Number.isFinite(value))
        throw new InvalidRiskInputError(`${field}[${i}][${j}] is not finite`, field);
      flat[i * n + j] = value;
      scale = Math.max(scale, Math.abs(value));
    });
  });
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs((flat[i * n + j] as number) - (flat[j * n + i] as number)) > 1e-12 * scale) {
        throw new InvalidRiskInputError(`${field} is not symmetric at (${i}, ${j})`, field);
      }
    }
  }
  return flat;
}

/** Lower-triangular L with L L^T = matrix (plus the smallest jitter needed for a singular PSD matrix). */
export function cholesky(matrix: Matrix, options: CholeskyOptions = {}): number[][] {
  const n = matrix.length;
  const lower = choleskyFlat(toSymmetricFlat(matrix, 'covariance'), n, options);
  return Array.from({ length: n }, (_, i) => Array.from(lower.subarray(i * n, i * n + n)));
}

export function choleskyFlat(flat: Float64Array, n: number, options: CholeskyOptions = {}): Float64Array {
  const maxJitter = options.maxRelativeJitter ?? 1e-8;
  let largestVariance = 0;
  for (let i = 0; i < n; i++) {
    const variance = flat[i * n + i] as number;
    if (variance < 0) {
      throw new NotPositiveSemiDefiniteError(`variance ${i} is negative (${variance})`, 'covariance');
    }
    largestVariance = Math.max(largestVariance, variance);
  }
  let failedPivot = -1;
  for (const step of JITTER_STEPS) {
    if (step > maxJitter) break;
    const result = tryCholesky(flat, n, step * largestVariance);
    if (result instanceof Float64Array) return result;
    failedPivot = result;
  }
  throw new NotPositiveSemiDefiniteError(
    `covariance is not positive semi-definite: pivot ${failedPivot} stays non-positive with a relative jitter of ${maxJitter}`,
    'covariance',
  );
}

/** The factor, or the index of the first non-positive pivot. An all-zero row stays zero. */
function tryCholesky(a: Float64Array, n: number, jitter: number): Float64Array | number {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let pivot = (a[j * n + j] as number) + jitter;
    for (let k = 0; k < j; k++) pivot -= (l[j * n + k] as number) ** 2;
    // A factor that never moves (all-zero row) factors exactly as a zero column.
    if (isZeroRow(a, n, j)) continue;
    if (!(pivot > 0)) return j;
    const diagonal = Math.sqrt(pivot);
    l[j * n + j] = diagonal;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = sum / diagonal;
    }
  }
  return l;
}

function isZeroRow(a: Float64Array, n: number, row: number): boolean {
  for (let j = 0; j < n; j++) if (a[row * n + j] !== 0) return false;
  return true;
}

/** y = M x for a row-major n x n matrix. */
export function multiply(flat: ArrayLike<number>, n: number, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += (flat[i * n + j] as number) * (x[j] as number);
    y[i] = sum;
  }
  return y;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** C = A B for row-major n x n matrices. */
export function matrixProduct(a: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] = (c[i * n + j] as number) + aik * (b[k * n + j] as number);
    }
  }
  return c;
}

export function trace(flat: ArrayLike<number>, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += flat[i * n + i] as number;
  return sum;
}
