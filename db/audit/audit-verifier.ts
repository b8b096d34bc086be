import type { EntityManager } from '@mikro-orm/postgresql';
import {
  GENESIS_HASH,
  verifyChainSegment,
  type ChainBreak,
  type ChainCursor,
  type ChainedAuditRecord,
} from '../../domain/compliance/audit-chain';
import type { AuditAnchor } from '../../platform/audit-anchor-store';
import { sha256Hex } from '../../platform/sha256';
import { AuditEvent, AuditPurge } from '../entities';

export interface ChainVerification {
  valid: boolean;
  checked: number;
  first_id: string | null;
  head_id: string | null;
  head_hash: string | null;
  first_broken: (ChainBreak & { detail: string }) | null;
  anchor: { head_id: string; head_hash: string; written_at: string; matches: boolean } | null;
}

const PAGE = 5000;

const explain: Record<ChainBreak['reason'], string> = {
  RECORD_ALTERED: 'the record no longer hashes to its stored record_hash: its content was changed',
  LINK_BROKEN: "prev_hash is not the previous record's hash: a record before it was changed or replaced",
  RECORD_MISSING: 'the chain skips this id: a record was deleted',
};

const toRecord = (e: AuditEvent): ChainedAuditRecord => ({
  id: e.id,
  occurredAt: e.occurredAt,
  actorUserId: e.actorUserId ?? null,
  actorParticipantId: e.actorParticipantId ?? null,
  action: e.action,
  subjectType: e.subjectType,
  subjectId: e.subjectId ?? null,
  requestId: e.requestId ?? null,
  details: e.details ?? null,
  prevHash: e.prevHash,
  recordHash: e.recordHash,
});

/**
 * Walks the whole chain from its start (the genesis, or where the last purge left it) to the head,
 * page by page, and reports the first broken link. With an anchor written outside the database, the
 * anchored record must still exist with the anchored hash, which catches a consistently rewritten
 * or truncated chain that links up by itself.
 */
export async function verifyAuditChain(
  em: EntityManager,
  anchor: AuditAnchor | null,
): Promise<ChainVerification> {
  const [lastPurge] = await em.find(AuditPurge, {}, { orderBy: { id: 'desc' }, limit: 1 });
  let cursor: ChainCursor = lastPurge
    ? { nextId: BigInt(lastPurge.firstKeptId), prevHash: lastPurge.lastRemovedHash, checked: 0 }
    : { nextId: 1n, prevHash: GENESIS_HASH, checked: 0 };
  let firstId: string | null = null;
  let head: AuditEvent | null = null;
  let broken: ChainBreak | null = null;
  for (let after = cursor.nextId - 1n; !broken;) {
    const rows = await em.find(
      AuditEvent,
      { id: { $gt: after.toString() } },
      { orderBy: { id: 'asc' }, limit: PAGE },
    );
    if (!rows.length) break;
    firstId ??= rows[0]!.id;
    const result = verifyChainSegment(cursor, rows.map(toRecord), sha256Hex);
    if ('broken' in result) broken = result.broken;
    else cursor = result.cursor;
    head = rows.at(-1)!;
    after = BigInt(head.id);
    em.clear();
    if (rows.length < PAGE) break;
  }
  let anchorCheck: ChainVerification['anchor'] = null;
  if (anchor) {
    const anchored = await em.findOne(AuditEvent, { id: anchor.head_id });
    const purgedAway = lastPurge != null && BigInt(anchor.head_id) < BigInt(lastPurge.firstKeptId);
    const matches = purgedAway || anchored?.recordHash === anchor.head_hash;
    anchorCheck = {
      head_id: anchor.head_id,
      head_hash: anchor.head_hash,
      written_at: anchor.written_at,
      matches,
    };
    if (!matches && !broken) {
      broken = {
        id: anchor.head_id,
        reason: anchored ? 'RECORD_ALTERED' : 'RECORD_MISSING',
        expected: anchor.head_hash,
        actual: anchored?.recordHash ?? '',
      };
    }
  }
  return {
    valid: !broken,
    checked: cursor.checked,
    first_id: firstId,
    head_id: head?.id ?? null,
    head_hash: head?.recordHash ?? null,
    first_broken: broken ? { ...broken, detail: explain[broken.reason] } : null,
    anchor: anchorCheck,
  };
}
