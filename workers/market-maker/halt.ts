import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { openComplianceException } from '../../activities/compliance/open-exception';
import { appendAudit } from '../../db/audit-log';
import { MarketMaker, Participant } from '../../db/entities';
import type { LimitBreach } from '../../domain/market-making';
import type { WsEventBus } from '../../platform/ws-events';

export interface HaltDeps {
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
  wsEvents: WsEventBus;
  log: Logger;
}

export const MARKET_MAKER_ALERT_CHANNEL = 'risk_alerts';
export const MARKET_MAKER_HALTED_EVENT = 'MARKET_MAKER_HALTED';

/**
 * A hard limit was hit (the quotes are already withdrawn): mark the market maker HALTED with the
 * reason (audited), open a compliance exception, and alert the participant's and the venue
 * operator's risk streams. Only a person restarts it (POST .../market-making/start).
 */
export async function haltMarketMaker(
  deps: HaltDeps,
  participantId: number,
  breach: LimitBreach,
  evidence: Record<string, unknown>,
): Promise<void> {
  const reason = `${breach.limit} limit: ${breach.detail}`.slice(0, 500);
  const changed = await deps.orm.em.fork().transactional(async (em) => {
    const mm = await em.findOne(MarketMaker, { participant: participantId });
    if (!mm || mm.status !== 'RUNNING') return false;
    mm.status = 'HALTED';
    mm.stopReason = reason;
    appendAudit(em, {
      action: 'MARKET_MAKER_HALTED',
      subjectType: 'market_maker',
      subjectId: participantId,
      details: { before: { status: 'RUNNING' }, after: { status: 'HALTED' }, breach },
    });
    return true;
  });
  if (!changed) return;
  deps.log.warn({ participantId, breach }, 'market maker halted at a limit');
  const { exception } = await openComplianceException(deps, {
    kind: 'LIMIT_BREACH',
    severity: 'HIGH',
    title: `Market maker of participant ${participantId} halted: ${breach.limit} limit`,
    description: reason,
    evidence: { participant_id: participantId, breach, ...evidence },
    dedupKey: `market-maker:${participantId}:${breach.limit}:${new Date().toISOString().slice(0, 10)}`,
  });
  const venue = await deps.orm.em.fork().findOne(Participant, { isVenueOperator: true }, { fields: ['id'] });
  const data = {
    participant_id: participantId,
    limit: breach.limit,
    value: breach.value,
    threshold: breach.threshold,
    reason,
    exception_id: exception.id,
  };
  for (const stream of new Set([participantId, ...(venue ? [venue.id] : [])])) {
    await deps.wsEvents.publish(
      'risk',
      { participantId: stream, channel: MARKET_MAKER_ALERT_CHANNEL },
      MARKET_MAKER_HALTED_EVENT,
      data,
    );
  }
}
