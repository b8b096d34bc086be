import { Counter } from 'prom-client';
import { ormSql } from '../../db/fair-value/sql';
import { SurveillanceAlert } from '../../db/entities';
import { recordNewAlerts } from '../../db/surveillance/record-alerts';
import { scanForFindings } from '../../db/surveillance/surveillance-scan';
import type { ActivityDeps } from '../index';
import { openComplianceException } from '../compliance/open-exception';

/** How far back each scan looks; the schedule runs more often, and dedup keys absorb the overlap. */
export const SURVEILLANCE_LOOKBACK_MINUTES = 60;

export interface SurveillanceScanResult {
  findings: number;
  new_alerts: number;
  exceptions_opened: number;
}

/** The surveillance scan: rules over the last hour, new alerts stored, each opened as a MARKET_ABUSE exception. */
export function createSurveillanceActivities({ orm, log, temporal, config, metrics }: ActivityDeps) {
  const alertsTotal = new Counter({
    name: 'bondx_surveillance_alerts_total',
    help: 'Surveillance alerts raised, by rule',
    labelNames: ['rule'],
    registers: [metrics],
  });
  return {
    async runSurveillanceScan(
      lookbackMinutes = SURVEILLANCE_LOOKBACK_MINUTES,
    ): Promise<SurveillanceScanResult> {
      const now = new Date();
      const since = new Date(now.getTime() - lookbackMinutes * 60_000);
      const findings = await scanForFindings(ormSql(orm), since, now);
      const fresh = await recordNewAlerts(orm.em.fork(), findings);
      for (const a of fresh) alertsTotal.inc({ rule: a.rule });
      // Also any alert whose exception a previous attempt failed to open.
      const em = orm.em.fork();
      const pending = await em.find(
        SurveillanceAlert,
        { exceptionId: null },
        { orderBy: { id: 'asc' }, limit: 100 },
      );
      for (const a of pending) {
        const { exception } = await openComplianceException(
          { orm, temporal, taskQueue: config.temporal.taskQueue },
          {
            kind: 'MARKET_ABUSE',
            severity: a.severity as 'MEDIUM',
            title: a.title,
            description: a.description,
            evidence: { surveillance_alert_id: a.id, rule: a.rule, ...a.evidence },
            dedupKey: `surveillance:${a.dedupKey}`,
          },
        );
        a.exceptionId = exception.id;
        await em.flush();
      }
      const result = {
        findings: findings.length,
        new_alerts: fresh.length,
        exceptions_opened: pending.length,
      };
      log.info({ ...result, since, now }, 'surveillance scan done');
      return result;
    },
  };
}
