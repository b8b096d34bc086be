import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditAnchor, AuditAnchorStore } from '../../platform/audit-anchor-store';
import { AuditEvent } from '../entities';

/** Writes the chain's current head to the external anchor; null when the chain is still empty. */
export async function writeHeadAnchor(
  em: EntityManager,
  store: AuditAnchorStore,
): Promise<AuditAnchor | null> {
  const [head] = await em.find(AuditEvent, {}, { orderBy: { id: 'desc' }, limit: 1 });
  if (!head) return null;
  const anchor: AuditAnchor = {
    kind: 'HEAD',
    written_at: new Date().toISOString(),
    head_id: head.id,
    head_hash: head.recordHash,
    records: await em.count(AuditEvent, {}),
  };
  await store.append(anchor);
  return anchor;
}
