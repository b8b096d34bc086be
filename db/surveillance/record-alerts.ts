import type { EntityManager } from '@mikro-orm/postgresql';
import { SurveillanceAlert } from '../entities';
import type { SurveillanceFinding } from '../../domain/surveillance';

/** Stores the findings not recorded before (by dedup key) and returns the new alerts. */
export async function recordNewAlerts(
  em: EntityManager,
  findings: readonly SurveillanceFinding[],
): Promise<SurveillanceAlert[]> {
  if (!findings.length) return [];
  const known = new Set(
    (
      await em.find(
        SurveillanceAlert,
        { dedupKey: { $in: findings.map((f) => f.dedupKey) } },
        { fields: ['dedupKey'] },
      )
    ).map((a) => a.dedupKey),
  );
  const fresh = findings.filter(
    (f, i) => !known.has(f.dedupKey) && findings.findIndex((g) => g.dedupKey === f.dedupKey) === i,
  );
  const alerts = fresh.map((f) =>
    em.create(SurveillanceAlert, {
      rule: f.rule,
      severity: f.severity,
      bondId: f.bondId,
      participantId: f.participantId,
      title: f.title.slice(0, 200),
      description: f.description,
      evidence: f.evidence,
      dedupKey: f.dedupKey,
    }),
  );
  await em.flush();
  return alerts;
}
