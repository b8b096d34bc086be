import { executeChild, proxyActivities } from '@temporalio/workflow';
import {
  bondPaymentWorkflowId,
  type BondPaymentRef,
  type BondPaymentResult,
  type PaymentActivities,
} from './payment-messages';

const acts = proxyActivities<PaymentActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '1s',
    maximumInterval: '30s',
    nonRetryableErrorTypes: ['PaymentNotDueError', 'ShutPeriodBreachError'],
  },
});

/**
 * `bond-payment-<isin>-<kind>-<date>`: pays one coupon or redemption. The activity is idempotent per
 * (bond, kind, date), so a retry, a second run or an operator's trigger pays once.
 */
export async function bondPaymentWorkflow(ref: BondPaymentRef): Promise<BondPaymentResult> {
  return acts.payBond(ref);
}

/**
 * The daily run (Schedule `bond-payments`, before the market opens): halts trading in bonds entering
 * their redemption shut period, then finds what is due and pays each payment in its own child
 * workflow, one after another, so each shows in the Temporal UI and a failure stops none of the rest.
 */
export async function bondPaymentRunWorkflow(): Promise<{ halted: number; paid: number; failed: number }> {
  const halted = (await acts.haltShutPeriodTrading()).length;
  const due = await acts.duePayments();
  let paid = 0;
  let failed = 0;
  for (const ref of due) {
    try {
      await executeChild(bondPaymentWorkflow, { workflowId: bondPaymentWorkflowId(ref), args: [ref] });
      paid += 1;
    } catch {
      failed += 1;
    }
  }
  return { halted, paid, failed };
}
