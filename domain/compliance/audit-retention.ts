/** Audit records are kept this long unless a legal hold keeps them longer. */
export const DEFAULT_AUDIT_RETENTION_YEARS = 10;

export interface LegalHoldScope {
  id: number;
  subjectType: string | null;
  subjectId: string | null;
  occurredFrom: Date | null;
  occurredTo: Date | null;
}

export interface PurgeCandidate {
  id: string;
  occurredAt: Date;
  subjectType: string;
  subjectId: string | null;
  recordHash: string;
}

/** The instant before which records may go: `now` less whole calendar years, in UTC. */
export function retentionCutoff(now: Date, years: number): Date {
  if (!Number.isInteger(years) || years < 1)
    throw new RangeError(`retention must be whole years >= 1, not ${years}`);
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/** Whether an active hold covers a record: every criterion the hold gives must match. */
export function heldBy(record: PurgeCandidate, holds: readonly LegalHoldScope[]): LegalHoldScope | null {
  return (
    holds.find(
      (h) =>
        (h.subjectType === null || h.subjectType === record.subjectType) &&
        (h.subjectId === null || h.subjectId === record.subjectId) &&
        (h.occurredFrom === null || record.occurredAt >= h.occurredFrom) &&
        (h.occurredTo === null || record.occurredAt < h.occurredTo),
    ) ?? null
  );
}

export interface PurgePlan {
  /** The records to remove: a prefix of `candidates`. */
  remove: PurgeCandidate[];
  /** Why the purge stopped where it did. */
  stoppedAt: { id: string; reason: 'WITHIN_RETENTION' | 'LEGAL_HOLD' | 'CHAIN_HEAD'; holdId?: number } | null;
}

/**
 * Which records a purge removes. Only a prefix of the chain goes, so what stays is one unbroken
 * chain: the purge stops at the first record still within retention, the first one a legal hold
 * covers, and never removes the head (the chain's newest record), which the next record links to.
 * `candidates` are the chain's oldest records in id order.
 */
export function planPurge(
  candidates: readonly PurgeCandidate[],
  cutoff: Date,
  holds: readonly LegalHoldScope[],
  headId: string,
): PurgePlan {
  const remove: PurgeCandidate[] = [];
  for (const c of candidates) {
    if (c.id === headId) return { remove, stoppedAt: { id: c.id, reason: 'CHAIN_HEAD' } };
    if (c.occurredAt >= cutoff) return { remove, stoppedAt: { id: c.id, reason: 'WITHIN_RETENTION' } };
    const hold = heldBy(c, holds);
    if (hold) return { remove, stoppedAt: { id: c.id, reason: 'LEGAL_HOLD', holdId: hold.id } };
    remove.push(c);
  }
  return { remove, stoppedAt: null };
}
