/**
 * Compliance overrides of refused pre-trade regulatory checks, pure: a COMPLIANCE_OFFICER lifts one
 * check kind for one participant, scoped to a bond or (FPI limit only) an FPI category, for at most
 * an amount of face value in total, until an expiry. A refused check that a live override covers
 * passes, marked with the override's id; the face value it let through is used up from the override.
 */
import type { FpiCategory, RegulatoryCheckName, RegulatoryCheckOutcome } from './regulatory-checks';

export const OVERRIDABLE_CHECKS = [
  'FPI_LIMIT',
  'POSITION_LIMIT',
  'SHORT_SALE_LIMIT',
] as const satisfies readonly RegulatoryCheckName[];
export type OverridableCheck = (typeof OVERRIDABLE_CHECKS)[number];

export const OVERRIDE_STATUSES = ['ACTIVE', 'USED_UP', 'EXPIRED', 'REVOKED'] as const;
export type OverrideStatus = (typeof OVERRIDE_STATUSES)[number];

export interface CheckOverrideGrant {
  id: number;
  participantId: number;
  check: OverridableCheck;
  /** Exactly one of bondId and fpiCategory is set; fpiCategory only on FPI_LIMIT overrides. */
  bondId: number | null;
  fpiCategory: FpiCategory | null;
  /** The most face value (paise) the override lets through, over all its uses. */
  maxPaise: bigint;
  usedPaise: bigint;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** What a check ran on: whose order or bid, in which bond (and its FPI category), for how much. */
export interface OverrideSubject {
  participantId: number;
  bondId: number;
  fpiCategory: FpiCategory;
  faceValuePaise: bigint;
}

export interface OverrideUse {
  overrideId: number;
  check: OverridableCheck;
  paise: bigint;
}

/** An outcome as recorded: a refused check lifted by an override keeps its reason and names the override. */
export type RecordedCheckOutcome = RegulatoryCheckOutcome & { overrideId?: number };

/** Revoked wins over expired, expired over used up: the first thing that ended it. */
export function overrideStatus(o: CheckOverrideGrant, now: Date): OverrideStatus {
  if (o.revokedAt !== null) return 'REVOKED';
  if (o.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  if (o.usedPaise >= o.maxPaise) return 'USED_UP';
  return 'ACTIVE';
}

/** Whether a live override lifts `check` for this subject with enough of its amount left. */
export function overrideCovers(
  o: CheckOverrideGrant,
  check: RegulatoryCheckName,
  subject: OverrideSubject,
  now: Date,
): boolean {
  return (
    overrideStatus(o, now) === 'ACTIVE' &&
    o.check === check &&
    o.participantId === subject.participantId &&
    (o.bondId === null || o.bondId === subject.bondId) &&
    (o.fpiCategory === null || o.fpiCategory === subject.fpiCategory) &&
    o.maxPaise - o.usedPaise >= subject.faceValuePaise
  );
}

/** A bond's own override before a category's; then the one that expires first; then the oldest. */
const preference = (a: CheckOverrideGrant, b: CheckOverrideGrant) =>
  Number(a.bondId === null) - Number(b.bondId === null) ||
  a.expiresAt.getTime() - b.expiresAt.getTime() ||
  a.id - b.id;

/**
 * The checks' verdict with the overrides: it passes when every refused check is lifted by a live
 * override covering the whole face value; then each lifted outcome names its override and the uses
 * say what to take from each. When any refusal stays, nothing is lifted and nothing used.
 */
export function applyCheckOverrides(
  outcomes: readonly RegulatoryCheckOutcome[],
  grants: readonly CheckOverrideGrant[],
  subject: OverrideSubject,
  now: Date,
): { passed: boolean; outcomes: RecordedCheckOutcome[]; uses: OverrideUse[] } {
  const uses: OverrideUse[] = [];
  const lifted = outcomes.map((o): RecordedCheckOutcome | null => {
    if (o.passed) return o;
    const grant = grants.filter((g) => overrideCovers(g, o.check, subject, now)).sort(preference)[0];
    if (!grant) return null;
    uses.push({ overrideId: grant.id, check: grant.check, paise: subject.faceValuePaise });
    return {
      ...o,
      passed: true,
      overrideId: grant.id,
      message: `${o.message}; lifted by compliance override ${grant.id}`,
    };
  });
  if (lifted.some((o) => o === null)) return { passed: false, outcomes: [...outcomes], uses: [] };
  return { passed: true, outcomes: lifted as RecordedCheckOutcome[], uses };
}
