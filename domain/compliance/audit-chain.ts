import { canonicalJson } from './canonical-json';

/** The `prev_hash` of the first record ever chained. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 in lowercase hex; supplied by the caller because domain/ does no I/O or crypto itself. */
export type Sha256Hex = (text: string) => string;

/** What a chained audit record says: the fields its hash covers. */
export interface AuditRecordContent {
  id: string;
  occurredAt: Date;
  actorUserId: number | null;
  actorParticipantId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

export interface ChainedAuditRecord extends AuditRecordContent {
  prevHash: string;
  recordHash: string;
}

/** The text a record's hash is taken of: its content and the hash of the record before it. */
export function auditRecordText(record: AuditRecordContent, prevHash: string): string {
  return canonicalJson({
    id: record.id,
    occurred_at: record.occurredAt.toISOString(),
    actor_user_id: record.actorUserId,
    actor_participant_id: record.actorParticipantId,
    action: record.action,
    subject_type: record.subjectType,
    subject_id: record.subjectId,
    request_id: record.requestId,
    details: record.details,
    prev_hash: prevHash,
  });
}

/** Links records onto a chain whose head is `head`: ids follow on, each hash covers the one before. */
export function chainRecords<T extends Omit<AuditRecordContent, 'id'>>(
  head: { id: bigint; hash: string },
  pending: readonly T[],
  sha256: Sha256Hex,
): Array<T & { id: string; prevHash: string; recordHash: string }> {
  let prevHash = head.hash;
  let id = head.id;
  return pending.map((p) => {
    id += 1n;
    const record = { ...p, id: id.toString(), prevHash };
    const recordHash = sha256(auditRecordText(record, prevHash));
    prevHash = recordHash;
    return { ...record, recordHash };
  });
}

export type ChainBreakReason = 'RECORD_ALTERED' | 'LINK_BROKEN' | 'RECORD_MISSING';

export interface ChainBreak {
  id: string;
  reason: ChainBreakReason;
  expected: string;
  actual: string;
}

/** Where verification stands after a run of records, so a long chain is checked page by page. */
export interface ChainCursor {
  /** The id the next record must have. */
  nextId: bigint;
  prevHash: string;
  checked: number;
}

/**
 * Checks records in id order from `cursor`: each id follows the one before, each `prev_hash` is the
 * previous record's hash, and each hash is recomputed from the content. Returns the first break,
 * or the cursor to continue from.
 */
export function verifyChainSegment(
  cursor: ChainCursor,
  records: readonly ChainedAuditRecord[],
  sha256: Sha256Hex,
): { broken: ChainBreak } | { cursor: ChainCursor } {
  let { nextId, prevHash, checked } = cursor;
  for (const r of records) {
    const id = BigInt(r.id);
    if (id !== nextId) {
      return {
        broken: {
          id: nextId.toString(),
          reason: 'RECORD_MISSING',
          expected: nextId.toString(),
          actual: r.id,
        },
      };
    }
    if (r.prevHash !== prevHash) {
      return { broken: { id: r.id, reason: 'LINK_BROKEN', expected: prevHash, actual: r.prevHash } };
    }
    const recomputed = sha256(auditRecordText(r, r.prevHash));
    if (recomputed !== r.recordHash) {
      return { broken: { id: r.id, reason: 'RECORD_ALTERED', expected: recomputed, actual: r.recordHash } };
    }
    prevHash = r.recordHash;
    nextId = id + 1n;
    checked += 1;
  }
  return { cursor: { nextId, prevHash, checked } };
}
