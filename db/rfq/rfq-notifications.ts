import type { WsEventBus } from '../../platform/ws-events';
import { rfqJson, type StepResult } from './rfq-steps';

/** The private channel RFQ messages travel on (the trading area's stream). */
export const RFQ_CHANNEL = 'rfq';

/**
 * After a committed step: the requester gets the whole RFQ, each dealer its own view (never another
 * dealer's quote), as `rfq_update` on the trading area's private stream.
 */
export async function notifyRfqParties(
  bus: WsEventBus,
  action: string,
  step: Omit<StepResult, 'portfolios'>,
) {
  const { rfq, quotes, trade } = step;
  await bus.publish(
    'trading',
    { participantId: rfq.requester_participant_id, channel: RFQ_CHANNEL },
    'rfq_update',
    { action, rfq: rfqJson(rfq, quotes, trade, { kind: 'REQUESTER' }) },
  );
  for (const dealer of rfq.dealers) {
    await bus.publish('trading', { participantId: dealer, channel: RFQ_CHANNEL }, 'rfq_update', {
      action,
      rfq: rfqJson(rfq, quotes, trade, { kind: 'DEALER', participantId: dealer }),
    });
  }
}
