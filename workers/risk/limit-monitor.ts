import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { Participant, RiskLimit, RiskLimitBreach, type RiskRun } from '../../db/entities';
import { limitMetrics } from '../../domain/portfolios/limit-metrics';
import type { PortfolioRiskResult } from '../../domain/portfolios/portfolio-var';
import { checkLimits, type RiskLimit as DomainRiskLimit, type RiskPosition } from '../../domain/risk';
import type { WsEventBus } from '../../platform/ws-events';

export interface LimitMonitorDeps {
  wsEvents: WsEventBus;
  log: Logger;
  breaches: Counter;
}

/** The WebSocket channel and event type of a limit alert (CONVENTIONS.md, api/ws/ws-channels.ts). */
export const RISK_ALERT_CHANNEL = 'risk_alerts';
export const LIMIT_BREACH_EVENT = 'RISK_LIMIT_BREACH';

export const toDomainLimit = (l: RiskLimit): DomainRiskLimit => ({
  limitType: l.limitType,
  threshold: l.threshold,
  ...(l.scope == null ? {} : { scope: l.scope }),
  ...(l.warningRatio == null ? {} : { warningRatio: l.warningRatio }),
  ...(l.criticalRatio == null ? {} : { criticalRatio: l.criticalRatio }),
});

/**
 * After a completed run: checks the portfolio's limits, records every limit at or over its warning
 * level (the table compliance reads), then alerts the owning participant's stream and the venue
 * operator's (where risk staff watch every member). Records first, so an alert never names a
 * breach that was not kept.
 */
export function createLimitMonitor(deps: LimitMonitorDeps) {
  return async (
    em: EntityManager,
    run: RiskRun,
    result: PortfolioRiskResult,
    positions: readonly RiskPosition[],
  ): Promise<RiskLimitBreach[]> => {
    const limits = await em.find(RiskLimit, { portfolio: run.portfolio }, { orderBy: { id: 'asc' } });
    if (limits.length === 0) return [];
    const domainLimits = limits.map(toDomainLimit);
    const found = checkLimits(limitMetrics(result, positions), domainLimits);
    if (found.length === 0) return [];
    const participantId = run.portfolio.participant.id;
    const rows = found.map((b) =>
      em.create(RiskLimitBreach, {
        limit: limits[domainLimits.indexOf(b.limit)] as RiskLimit,
        portfolioId: run.portfolio.id,
        participantId,
        runId: run.id,
        subject: b.subject ?? null,
        value: b.value,
        threshold: b.threshold,
        utilization: b.utilization,
        severity: b.severity,
      }),
    );
    await em.flush();
    const venue = await em.findOne(Participant, { isVenueOperator: true }, { fields: ['id'] });
    const streams = [participantId, ...(venue && venue.id !== participantId ? [venue.id] : [])];
    for (const row of rows) {
      deps.breaches.inc({ severity: row.severity, limit_type: row.limit.limitType });
      const data = breachJson(row, run);
      for (const stream of streams) {
        await deps.wsEvents.publish(
          'risk',
          { participantId: stream, channel: RISK_ALERT_CHANNEL },
          LIMIT_BREACH_EVENT,
          data,
        );
      }
    }
    deps.log.warn(
      { runId: run.id, portfolioId: run.portfolio.id, breaches: rows.length },
      'risk limits breached',
    );
    return rows;
  };
}

export const breachJson = (b: RiskLimitBreach, run: RiskRun) => ({
  breach_id: b.id,
  limit_id: b.limit.id,
  limit_type: b.limit.limitType,
  portfolio_id: b.portfolioId,
  participant_id: b.participantId,
  run_id: b.runId,
  method: run.method,
  subject: b.subject ?? null,
  value: b.value,
  threshold: b.threshold,
  utilization: b.utilization,
  severity: b.severity,
  created_at: b.createdAt.toISOString(),
});
