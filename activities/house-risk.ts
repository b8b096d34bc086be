import type { MikroORM } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import { Portfolio } from '../db/entities';
import { requestAutomaticRecompute, type RecomputeTrigger } from '../platform/queues';

/** Asks for a risk recompute of the HOUSE portfolios of participants whose positions an activity moved. */
export function houseRiskRecompute(orm: MikroORM, riskQueue: Queue) {
  return async (participantIds: readonly number[], trigger: RecomputeTrigger): Promise<void> => {
    if (participantIds.length === 0) return;
    const houses = await orm.em
      .fork()
      .find(Portfolio, { participant: { $in: [...participantIds] }, kind: 'HOUSE' }, { fields: ['id'] });
    for (const house of houses) await requestAutomaticRecompute(riskQueue, house.id, trigger);
  };
}
