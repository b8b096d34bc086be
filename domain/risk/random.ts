import { InvalidRiskInputError } from './errors';

/** A source of uniform numbers in [0, 1). */
export type UniformSource = () => number;

/**
 * xoshiro128** (Blackman and Vigna, 2018), its 128-bit state filled from the seed by splitmix32 so
 * that nearby seeds give unrelated streams. Each draw joins two outputs into a 53-bit fraction.
 */
export function xoshiro128StarStar(seed: number): UniformSource {
  if (!Number.isInteger(seed))
    throw new InvalidRiskInputError(`seed must be an integer, got ${seed}`, 'seed');
  let sm = seed | 0;
  const splitmix32 = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix32();
  let s1 = splitmix32();
  let s2 = splitmix32();
  let s3 = splitmix32();
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Standard normal draws by Box-Muller, both values of each pair used. */
export function boxMullerNormals(uniform: UniformSource): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
