import { condition, proxyActivities, setHandler, upsertMemo } from '@temporalio/workflow';
import { isLive, type RfqState } from '../../domain/rfq/rfq-rules';
import { rfqStatusQuery, rfqStepSignal, type RfqActivities, type RfqWorkflowInput } from './rfq-messages';

const acts = proxyActivities<RfqActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200ms', maximumInterval: '5s' },
});

/**
 * `rfq-<id>`: owns the response window. PostgreSQL owns the RFQ: the API commits each step under the
 * row's lock and then signals here, so the history shows every step and the workflow ends as soon as
 * the RFQ is closed. If the window ends first, a durable timer fires and the expiry activity closes
 * the RFQ (a conditional change: an acceptance that committed just before wins).
 */
export async function rfqWorkflow(input: RfqWorkflowInput): Promise<RfqState> {
  let state: RfqState = 'OPEN';
  let steps = 0;
  setHandler(rfqStepSignal, (s) => {
    state = s.state;
    steps += 1;
    upsertMemo({ state });
  });
  setHandler(rfqStatusQuery, () => ({ state, steps }));
  const waitMs = Math.max(0, Date.parse(input.expiresAt) - Date.now());
  const closed = await condition(() => !isLive(state), waitMs);
  if (!closed) {
    state = await acts.expireRfq(input.rfqId);
    upsertMemo({ state });
  }
  return state;
}
