import type { CustomScenario } from './stress-types';
import { KEY_RATE_TENORS, KEY_RATE_TENOR_YEARS, type KeyRateTenor } from './risk-factors';

/** The six standardised interest rate shock scenarios of BCBS d368 (April 2016), Annex 2. */
export const IRRBB_SHAPES = [
  'PARALLEL_UP',
  'PARALLEL_DOWN',
  'STEEPENER',
  'FLATTENER',
  'SHORT_RATE_UP',
  'SHORT_RATE_DOWN',
] as const;
export type IrrbbShape = (typeof IRRBB_SHAPES)[number];

export interface IrrbbShockSizes {
  readonly parallel: number;
  readonly short: number;
  readonly long: number;
}

/** BCBS d368 Annex 2 calibration for INR, in bp. */
export const INR_IRRBB_SHOCK_SIZES: IrrbbShockSizes = { parallel: 400, short: 500, long: 300 };

/** The decay constant x = 4 years of d368's short and long shock scalars. */
const DECAY_YEARS = 4;

/**
 * Shock in bp at tenor t years. Short shock R_short e^(-t/4), long shock R_long (1 - e^(-t/4));
 * steepener -0.65|short| + 0.9|long|, flattener +0.8|short| - 0.6|long|.
 */
export function irrbbShockBp(
  shape: IrrbbShape,
  tenorYears: number,
  sizes: IrrbbShockSizes = INR_IRRBB_SHOCK_SIZES,
): number {
  const short = Math.abs(sizes.short * Math.exp(-tenorYears / DECAY_YEARS));
  const long = Math.abs(sizes.long * (1 - Math.exp(-tenorYears / DECAY_YEARS)));
  switch (shape) {
    case 'PARALLEL_UP':
      return sizes.parallel;
    case 'PARALLEL_DOWN':
      return -sizes.parallel;
    case 'SHORT_RATE_UP':
      return short;
    case 'SHORT_RATE_DOWN':
      return -short;
    case 'STEEPENER':
      return -0.65 * short + 0.9 * long;
    case 'FLATTENER':
      return 0.8 * short - 0.6 * long;
  }
}

/** The six shapes at the key-rate tenors, as CUSTOM scenarios. */
export function irrbbScenarios(sizes: IrrbbShockSizes = INR_IRRBB_SHOCK_SIZES): CustomScenario[] {
  return IRRBB_SHAPES.map((shape) => {
    const tenorShocks = {} as Record<KeyRateTenor, number>;
    for (const tenor of KEY_RATE_TENORS)
      tenorShocks[tenor] = irrbbShockBp(shape, KEY_RATE_TENOR_YEARS[tenor], sizes);
    return {
      scenario_name: `IRRBB_${shape}`,
      scenario_type: 'CUSTOM',
      description: `BCBS d368 ${shape.toLowerCase().replace(/_/g, ' ')} (parallel ${sizes.parallel}, short ${sizes.short}, long ${sizes.long} bp)`,
      parameters: { tenor_shocks: tenorShocks },
    };
  });
}
