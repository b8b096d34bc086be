import type { ExceptionSeverity } from '../../domain/compliance/exception-lifecycle';
import type { ActivityDeps } from '../index';
import { openComplianceException } from './open-exception';

const CURSOR = 'risk_limit_breaches';
const BATCH = 500;

interface BreachRow {
  id: number;
  portfolio_id: number;
  limit_id: number;
  limit_type: string;
  participant_code: string;
  severity: 'WARNING' | 'BREACH' | 'CRITICAL';
  subject: string | null;
  value: number;
  threshold: number;
  utilization: number;
  run_id: string;
  created_at: Date;
}

const SEVERITY: Record<'BREACH' | 'CRITICAL', ExceptionSeverity> = { BREACH: 'HIGH', CRITICAL: 'CRITICAL' };

/**
 * Risk limit breaches -> compliance exceptions. The risk worker appends `risk_limit_breaches`; this
 * reads them in id order from where it stopped (`compliance_cursors`) and opens a RISK_LIMIT_BREACH
 * exception for each BREACH or CRITICAL one (warnings stay risk's), one open exception per
 * portfolio and limit (`risk-limit:<portfolio>:<limit>`), so repeated runs over a breach join it.
 */
export function createRiskBreachActivities({ orm, log, config, temporal }: ActivityDeps) {
  const exceptionDeps = { orm, temporal, taskQueue: config.temporal.taskQueue };
  return {
    async openRiskBreachExceptions(): Promise<number> {
      const em = orm.em.fork();
      await em
        .getConnection()
        .execute(`insert into compliance_cursors (name) values (?) on conflict (name) do nothing`, [CURSOR]);
      return em.transactional(async (tx) => {
        const conn = tx.getConnection();
        // The row lock makes one reader at a time; a crash before the commit re-reads, and dedup joins.
        const [cursor] = (await conn.execute(
          `select position from compliance_cursors where name = ? for update`,
          [CURSOR],
        )) as { position: string }[];
        const rows = (await conn.execute(
          `select b.id, b.portfolio_id, b.limit_id, l.limit_type, p.code as participant_code, b.severity, b.subject,
                  b.value, b.threshold, b.utilization, b.run_id, b.created_at
             from risk_limit_breaches b
             join risk_limits l on l.id = b.limit_id
             join participants p on p.id = b.participant_id
            where b.id > ? order by b.id limit ?`,
          [cursor!.position, BATCH],
        )) as BreachRow[];
        let opened = 0;
        for (const b of rows) {
          if (b.severity === 'WARNING') continue;
          const { created } = await openComplianceException(exceptionDeps, {
            kind: 'RISK_LIMIT_BREACH',
            severity: SEVERITY[b.severity],
            title: `${b.limit_type} limit breached: ${b.participant_code}`.slice(0, 200),
            description: `${b.limit_type}${b.subject ? ` (${b.subject})` : ''} at ${b.value} against a limit of ${b.threshold} (${Math.round(b.utilization * 100)}%).`,
            evidence: {
              risk_limit_breach_id: b.id,
              portfolio_id: b.portfolio_id,
              limit_id: b.limit_id,
              run_id: b.run_id,
              value: b.value,
              threshold: b.threshold,
              utilization: b.utilization,
              breached_at: new Date(b.created_at).toISOString(),
            },
            dedupKey: `risk-limit:${b.portfolio_id}:${b.limit_id}`,
          });
          if (created) opened += 1;
        }
        if (rows.length) {
          await conn.execute(
            `update compliance_cursors set position = ?, updated_at = now() where name = ?`,
            [rows[rows.length - 1]!.id, CURSOR],
          );
          log.info({ read: rows.length, opened }, 'risk limit breaches turned into compliance exceptions');
        }
        return opened;
      });
    },
  };
}
