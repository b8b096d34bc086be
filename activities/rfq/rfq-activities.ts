import { ApplicationFailure } from '@temporalio/activity';
import { Pool } from 'pg';
import { notifyRfqParties } from '../../db/rfq/rfq-notifications';
import { inTransaction } from '../../db/pg-transaction';
import { closeRfq, readRfq } from '../../db/rfq/rfq-steps';
import { isLive, type RfqState } from '../../domain/rfq/rfq-rules';
import type { RfqActivities } from '../../workflows/rfq/rfq-messages';
import type { ActivityDeps } from '../index';

export function createRfqActivities(deps: ActivityDeps): RfqActivities {
  // RFQ steps run on plain pg, like the API's and the matching worker's trade paths. Expiries are
  // rare, so the pool is small and lets the process exit while idle (the worker has no close hook).
  let pool: Pool | null = null;
  const pg = () => {
    if (!pool) {
      pool = new Pool({
        connectionString: deps.config.databaseUrl,
        max: 2,
        idleTimeoutMillis: 5_000,
        allowExitOnIdle: true,
      });
      // An idle connection the server closes must not take the worker down.
      pool.on('error', (err) => deps.log.warn({ err }, 'rfq activity pool connection lost'));
    }
    return pool;
  };
  return {
    async expireRfq(rfqId: string): Promise<RfqState> {
      const result = await inTransaction(pg(), async (client) => {
        const rfq = await readRfq(client, rfqId, true);
        if (!rfq) throw ApplicationFailure.nonRetryable(`RFQ ${rfqId} does not exist`, 'RfqMissing');
        if (!isLive(rfq.state)) return { state: rfq.state, step: null };
        // The timer and the database clock may disagree by a hair: retry until the window has ended.
        if (rfq.window_open)
          throw ApplicationFailure.retryable('the response window is still open', 'RfqOpen');
        const step = await closeRfq(client, rfq, 'EXPIRE', { actorUserId: null, actorParticipantId: null });
        return { state: step.rfq.state, step };
      });
      if (result.step) {
        deps.log.info({ rfq_id: rfqId }, 'rfq expired');
        await notifyRfqParties(deps.wsEvents, 'EXPIRED', result.step);
      }
      return result.state;
    },
  };
}
