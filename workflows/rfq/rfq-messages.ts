import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { RfqState } from '../../domain/rfq/rfq-rules';

export const rfqWorkflowId = (rfqId: string) => `rfq-${rfqId}`;

export interface RfqWorkflowInput {
  rfqId: string;
  /** The end of the response window (the database's clock decides; this only sets the timer). */
  expiresAt: string;
}

/** Sent after each committed step (quoted, quote withdrawn, accepted, withdrawn, rejected). */
export const rfqStepSignal = defineSignal<[{ step: string; state: RfqState }]>('rfqStep');
export const rfqStatusQuery = defineQuery<{ state: RfqState; steps: number }>('rfqStatus');

/** Declared here as types only, so workflow code never imports the module that does the I/O. */
export interface RfqActivities {
  /** Expires the RFQ if it is still live; returns the state it is in afterwards. */
  expireRfq(rfqId: string): Promise<RfqState>;
}
