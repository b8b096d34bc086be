import type { EntityManager } from '@mikro-orm/postgresql';
import { GENESIS_HASH } from '../../domain/compliance/audit-chain';
import {
  planPurge,
  retentionCutoff,
  type LegalHoldScope,
  type PurgeCandidate,
  type PurgePlan,
} from '../../domain/compliance/audit-retention';
import type { AuditAnchorStore } from '../../platform/audit-anchor-store';
import { lockChain, readChainHead, sqlIn, type SqlRunner } from './chain-lock';

export interface PurgeOptions {
  now: Date;
  retentionYears: number;
  /** Without it nothing changes: the result says what would go. */
  execute: boolean;
  anchors: AuditAnchorStore;
}

export interface PurgeResult {
  executed: boolean;
  executed_by: string;
  cutoff: string;
  removed_count: number;
  removed_from_id: string | null;
  removed_to_id: string | null;
  stopped_at: PurgePlan['stoppedAt'];
  head_id: string;
  head_hash: string;
  first_kept_id: string | null;
}

const PAGE = 10_000;

async function planFromChain(
  sql: SqlRunner,
  cutoff: Date,
  holds: LegalHoldScope[],
  headId: string,
): Promise<PurgePlan> {
  const remove: PurgeCandidate[] = [];
  for (let after = '0'; ;) {
    const rows = await sql<{
      id: string;
      occurred_at: Date;
      subject_type: string;
      subject_id: string | null;
      record_hash: string;
    }>(
      `select id, occurred_at, subject_type, subject_id, record_hash from audit_events
        where id > ? order by id limit ?`,
      [after, PAGE],
    );
    const plan = planPurge(
      rows.map((r) => ({
        id: r.id,
        occurredAt: new Date(r.occurred_at),
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        recordHash: r.record_hash,
      })),
      cutoff,
      holds,
      headId,
    );
    remove.push(...plan.remove);
    if (plan.stoppedAt || rows.length < PAGE) return { remove, stoppedAt: plan.stoppedAt };
    after = rows.at(-1)!.id;
  }
}

/**
 * The retention purge, run by its own database role (the only one the triggers let delete). It holds
 * the chain lock, removes the oldest records past retention up to the first legal hold (see
 * planPurge), records what it removed in `audit_purges` and on the audit trail, and writes the head
 * it leaves to the external anchor. Dry-run unless `execute`.
 */
export async function purgeAudit(em: EntityManager, opts: PurgeOptions): Promise<PurgeResult> {
  const cutoff = retentionCutoff(opts.now, opts.retentionYears);
  const result = await em.transactional(async (tx) => {
    const sql = sqlIn(tx);
    await lockChain(sql);
    const [who] = await sql<{ name: string }>('select current_user as name');
    const head = await readChainHead(sql, GENESIS_HASH);
    const holds = (
      await sql<{
        id: number;
        subject_type: string | null;
        subject_id: string | null;
        occurred_from: Date | null;
        occurred_to: Date | null;
      }>(
        `select id, subject_type, subject_id, occurred_from, occurred_to from audit_legal_holds
          where released_at is null`,
      )
    ).map((h) => ({
      id: h.id,
      subjectType: h.subject_type,
      subjectId: h.subject_id,
      occurredFrom: h.occurred_from && new Date(h.occurred_from),
      occurredTo: h.occurred_to && new Date(h.occurred_to),
    }));
    const plan = await planFromChain(sql, cutoff, holds, head.id.toString());
    const first = plan.remove[0];
    const last = plan.remove.at(-1);
    const out: PurgeResult = {
      executed: false,
      executed_by: who!.name,
      cutoff: cutoff.toISOString(),
      removed_count: plan.remove.length,
      removed_from_id: first?.id ?? null,
      removed_to_id: last?.id ?? null,
      stopped_at: plan.stoppedAt,
      head_id: head.id.toString(),
      head_hash: head.hash,
      first_kept_id: last ? (BigInt(last.id) + 1n).toString() : null,
    };
    if (!opts.execute || !first || !last) return out;
    await sql('delete from audit_events where id between ? and ?', [first.id, last.id]);
    await sql(
      `insert into audit_purges (executed_by, cutoff, removed_from_id, removed_to_id, removed_count,
                                 last_removed_hash, first_kept_id, head_id, head_hash, stopped_by_hold_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        out.executed_by,
        cutoff,
        first.id,
        last.id,
        plan.remove.length,
        last.recordHash,
        out.first_kept_id,
        out.head_id,
        out.head_hash,
        plan.stoppedAt?.holdId ?? null,
      ],
    );
    await sql(
      `insert into audit_outbox (action, subject_type, details) values ('AUDIT_PURGED', 'audit', ?::jsonb)`,
      [JSON.stringify({ ...out, executed: true })],
    );
    return { ...out, executed: true };
  });
  if (result.executed) {
    await opts.anchors.append({
      kind: 'PURGE',
      written_at: new Date().toISOString(),
      head_id: result.head_id,
      head_hash: result.head_hash,
      records: Number(BigInt(result.head_id) - BigInt(result.first_kept_id!) + 1n),
      purge: {
        removed_from_id: result.removed_from_id!,
        removed_to_id: result.removed_to_id!,
        removed_count: result.removed_count,
        first_kept_id: result.first_kept_id!,
      },
    });
  }
  return result;
}
