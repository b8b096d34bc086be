import type { Queue } from 'bullmq';
import { QUEUES } from '../../../platform/queues';
import type { AppDeps } from '../../app-deps';

/** The API's producer on `risk-recompute`. */
export function riskQueue(deps: AppDeps): Queue {
  const queue = deps.queues.find((q) => q.name === QUEUES.riskRecompute);
  if (!queue) throw new Error(`queue ${QUEUES.riskRecompute} is not configured`);
  return queue;
}
