import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { chainRecords, GENESIS_HASH } from '../../domain/compliance/audit-chain';
import { sha256Hex } from '../../platform/sha256';
import { lockChain, readChainHead, sqlIn, tryLockChain } from './chain-lock';

interface OutboxRow {
  id: string;
  occurred_at: Date;
  actor_user_id: number | null;
  actor_participant_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  request_id: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditChainWriterOptions {
  batchSize?: number;
  pollMs?: number;
  /** Records chained, for /metrics. */
  chained?: Counter;
}

/**
 * The one writer of the audit hash chain: moves outbox records onto `audit_events` in batches,
 * oldest first, each linked to the record before it. Several instances may run; the chain lock
 * lets one at a time write, so the chain never forks.
 */
export class AuditChainWriter {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly batchSize: number;
  private readonly pollMs: number;

  constructor(
    private readonly orm: MikroORM,
    private readonly log: Logger,
    private readonly opts: AuditChainWriterOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.pollMs = opts.pollMs ?? 250;
  }

  /**
   * Chains one batch; returns how many records it chained (0 when the outbox is empty or another
   * writer holds the lock, unless `wait` asks to queue for the lock).
   */
  async chainBatch(wait = false): Promise<number> {
    return this.orm.em.fork().transactional(async (tx) => {
      const sql = sqlIn(tx);
      if (wait) await lockChain(sql);
      else if (!(await tryLockChain(sql))) return 0;
      const pending = await sql<OutboxRow>(
        `select id, occurred_at, actor_user_id, actor_participant_id, action, subject_type, subject_id,
                request_id, details
           from audit_outbox order by id limit ?`,
        [this.batchSize],
      );
      if (!pending.length) return 0;
      const head = await readChainHead(sql, GENESIS_HASH);
      const chained = chainRecords(
        head,
        pending.map((p) => ({
          occurredAt: new Date(p.occurred_at),
          actorUserId: p.actor_user_id,
          actorParticipantId: p.actor_participant_id,
          action: p.action,
          subjectType: p.subject_type,
          subjectId: p.subject_id,
          requestId: p.request_id,
          details: p.details,
        })),
        sha256Hex,
      );
      // One statement per batch: the rows travel as one JSON document.
      await sql(
        `insert into audit_events (id, occurred_at, actor_user_id, actor_participant_id, action,
                                   subject_type, subject_id, request_id, details, prev_hash, record_hash)
         select r.id, r.occurred_at, r.actor_user_id, r.actor_participant_id, r.action, r.subject_type,
                r.subject_id, r.request_id, r.details, r.prev_hash, r.record_hash
           from jsonb_to_recordset(?::jsonb) as r(id bigint, occurred_at timestamptz, actor_user_id int,
                actor_participant_id int, action varchar, subject_type varchar, subject_id varchar,
                request_id varchar, details jsonb, prev_hash varchar, record_hash varchar)
          order by r.id`,
        [
          JSON.stringify(
            chained.map((c) => ({
              id: c.id,
              occurred_at: c.occurredAt.toISOString(),
              actor_user_id: c.actorUserId,
              actor_participant_id: c.actorParticipantId,
              action: c.action,
              subject_type: c.subjectType,
              subject_id: c.subjectId,
              request_id: c.requestId,
              details: c.details,
              prev_hash: c.prevHash,
              record_hash: c.recordHash,
            })),
          ),
        ],
      );
      await sql('delete from audit_outbox where id = any(?::bigint[])', [
        `{${pending.map((p) => p.id).join(',')}}`,
      ]);
      this.opts.chained?.inc(pending.length);
      return pending.length;
    });
  }

  /** Chains until the outbox is empty; returns the number chained. */
  async drain(wait = true): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.chainBatch(wait);
      total += n;
      if (n < this.batchSize) return total;
    }
  }

  start(): void {
    const tick = () => {
      this.running = this.drain(false)
        .then(
          () => undefined,
          (err) => this.log.error({ err }, 'audit chain writer failed; retrying'),
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    const timer = this.timer;
    this.timer = null;
    if (timer) clearTimeout(timer);
    await this.running;
  }
}
