import { InvalidRiskInputError } from './errors';

/** The horizon in trading days, 1 when not given; a whole number of days, never less than one. */
export function horizonDays(value: number | undefined): number {
  const days = value ?? 1;
  if (!Number.isInteger(days) || days < 1) {
    throw new InvalidRiskInputError(
      `horizon must be a whole number of days >= 1, got ${days}`,
      'time_horizon',
    );
  }
  return days;
}
