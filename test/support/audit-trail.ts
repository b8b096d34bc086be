import type { FilterQuery } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import pino from 'pino';
import { AuditChainWriter } from '../../db/audit/audit-chain-writer';
import { AuditEvent } from '../../db/entities';

/** Chains whatever waits in the audit outbox (the worker's writer is not running in API tests). */
export function chainPendingAudit(orm: MikroORM): Promise<number> {
  return new AuditChainWriter(orm, pino({ level: 'silent' })).drain();
}

/** The audit trail's records matching `where`, oldest first, once pending ones are chained. */
export async function auditTrail(orm: MikroORM, where: FilterQuery<AuditEvent>): Promise<AuditEvent[]> {
  await chainPendingAudit(orm);
  return orm.em.fork().find(AuditEvent, where, { orderBy: { id: 'asc' } });
}
