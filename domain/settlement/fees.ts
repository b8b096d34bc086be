import { DomainError } from '../domain-error';
import type { ExecutionMechanism } from '../rfq/execution-mechanism';
import type { ParticipantKind } from '../reference-data/participant-kinds';

/**
 * One row of the venue's fee schedule: a transaction fee in basis points of a trade's consideration
 * (clean, without accrued interest), at least `minimumPaise` per trade, charged to each side of trades
 * of `mechanism` settling on or after `effectiveFrom`; `participantKind` null means every kind.
 */
export interface FeeScheduleEntry {
  id: number;
  mechanism: ExecutionMechanism;
  participantKind: ParticipantKind | null;
  /** Basis points, a decimal with at most 4 places (`'0.5'` is half a basis point). */
  rateBp: string;
  minimumPaise: bigint;
  effectiveFrom: string;
}

export class FeeScheduleError extends DomainError {
  readonly code = 'FEE_SCHEDULE_INVALID';
}

const RATE = /^(\d{1,4})(?:\.(\d{1,4}))?$/;
// A basis point is 1/10,000 and the rate has 4 decimals: fee = consideration x rate_e4 / 10^8.
const SCALE = 100_000_000n;

/** The rate in ten-thousandths of a basis point, exactly. */
export function rateTenThousandthsBp(rateBp: string): bigint {
  const match = RATE.exec(rateBp);
  if (!match)
    throw new FeeScheduleError(
      `rate ${rateBp} is not a decimal of basis points with at most 4 places`,
      'rate_bp',
    );
  return BigInt(match[1]!) * 10_000n + BigInt((match[2] ?? '').padEnd(4, '0'));
}

/**
 * A side's fee on a trade, in paise: consideration x rate rounded half-up to the paisa (exact integer
 * arithmetic), but never below the minimum. A trade of zero consideration still pays the minimum.
 */
export function feePaise(considerationPaise: bigint, rateBp: string, minimumPaise: bigint): bigint {
  if (considerationPaise < 0n)
    throw new FeeScheduleError('consideration cannot be negative', 'consideration');
  const product = considerationPaise * rateTenThousandthsBp(rateBp);
  const rounded = (product * 2n + SCALE) / (2n * SCALE);
  return rounded > minimumPaise ? rounded : minimumPaise;
}

/**
 * The entry that prices a side of a trade settling `on`: among entries of the trade's mechanism in
 * force on that date (effective from it or earlier), the latest; an entry for the participant's kind
 * beats one for every kind, whatever their dates. Null when none is in force (no fee).
 */
export function applicableFee(
  schedule: readonly FeeScheduleEntry[],
  mechanism: ExecutionMechanism,
  participantKind: ParticipantKind,
  on: string,
): FeeScheduleEntry | null {
  const latest = (kind: ParticipantKind | null) =>
    schedule
      .filter((e) => e.mechanism === mechanism && e.participantKind === kind && e.effectiveFrom <= on)
      .reduce<FeeScheduleEntry | null>(
        (best, e) =>
          best === null ||
          e.effectiveFrom > best.effectiveFrom ||
          (e.effectiveFrom === best.effectiveFrom && e.id > best.id)
            ? e
            : best,
        null,
      );
  return latest(participantKind) ?? latest(null);
}
