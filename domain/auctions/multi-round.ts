import { parseFixed4 } from './fixed-point';
import type { Bid, BidBasis, BidViolation } from './types';

/**
 * A participant's bid in the next round may only improve on its bid in the previous one: a price no
 * lower (a yield no higher) and an amount no smaller. The first bid has nothing to improve on.
 */
export function validateRoundImprovement(
  basis: BidBasis,
  previous: Bid | undefined,
  next: Bid,
): BidViolation[] {
  if (previous === undefined || previous.nonCompetitive || next.nonCompetitive) return [];
  const violations: BidViolation[] = [];
  const field = basis === 'PRICE' ? 'price' : 'yield';
  const before = parseFixed4(previous[field] ?? '');
  const after = parseFixed4(next[field] ?? '');
  if (before !== null && after !== null && (basis === 'PRICE' ? after < before : after > before)) {
    violations.push({
      field,
      code: 'WORSE_THAN_PREVIOUS_ROUND',
      message: `${field} is worse than in the previous round`,
    });
  }
  if (next.amount < previous.amount) {
    violations.push({
      field: 'amount',
      code: 'AMOUNT_BELOW_PREVIOUS_ROUND',
      message: 'amount is smaller than in the previous round',
    });
  }
  return violations;
}

export type MultiRoundEndReason = 'CUTOFF_UNCHANGED' | 'MAX_ROUNDS';

export interface MultiRoundProgress {
  /** The round just cleared, counting from 1. */
  round: number;
  maxRounds: number;
  /** Cut-off (price or yield, by basis) of the round before, ignored in round 1; null if nothing cleared. */
  previousCutoff: string | null;
  currentCutoff: string | null;
}

/** Whether the auction ends after this round, and why; null when another round follows. */
export function multiRoundEndReason(progress: MultiRoundProgress): MultiRoundEndReason | null {
  const { round, maxRounds, previousCutoff, currentCutoff } = progress;
  if (round > 1) {
    const before = previousCutoff === null ? null : parseFixed4(previousCutoff);
    const now = currentCutoff === null ? null : parseFixed4(currentCutoff);
    if (before === now) return 'CUTOFF_UNCHANGED';
  }
  return round >= maxRounds ? 'MAX_ROUNDS' : null;
}
