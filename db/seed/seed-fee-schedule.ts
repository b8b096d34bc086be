import type { EntityManager } from '@mikro-orm/postgresql';
import { appendAudit } from '../audit-log';
import { FeeScheduleRow } from '../entities';

/**
 * The demo venue fee schedule, from 2026-01-01, for every participant kind: order-book trades 0.5 bp
 * of consideration (at least Rs 10 per trade and side), RFQ trades 1 bp (at least Rs 25). Added only
 * when the schedule is empty, so entries ADMIN added are never overridden.
 */
export const DEMO_FEE_SCHEDULE = [
  { executionMechanism: 'CONTINUOUS', rateBp: '0.5000', minimum: '10.00' },
  { executionMechanism: 'RFQ', rateBp: '1.0000', minimum: '25.00' },
] as const;

export async function seedFeeSchedule(em: EntityManager): Promise<number> {
  if ((await em.count(FeeScheduleRow, {})) > 0) return 0;
  for (const e of DEMO_FEE_SCHEDULE) {
    em.create(FeeScheduleRow, { ...e, effectiveFrom: '2026-01-01', note: 'demo schedule' });
  }
  appendAudit(em, {
    action: 'FEE_SCHEDULE_SEEDED',
    subjectType: 'fee_schedule',
    details: { entries: DEMO_FEE_SCHEDULE.length },
  });
  await em.flush();
  return DEMO_FEE_SCHEDULE.length;
}
