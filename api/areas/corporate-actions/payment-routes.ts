import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError } from '@temporalio/client';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { istDate } from '../../../domain/auctions/settlement-date';
import { BOND_PAYMENT_KINDS } from '../../../domain/corporate-actions/payment-schedule';
import { BondPayment } from '../../../db/entities';
import { scheduleOf } from '../../../db/corporate-actions/bond-payments';
import {
  bondPaymentWorkflowId,
  type BondPaymentResult,
} from '../../../workflows/corporate-actions/payment-messages';
import { problems } from '../../http/problem';
import { defineRoute } from '../../http/route-spec';
import { invalidateBonds } from '../bonds/bond-cache';
import { findBond } from '../bonds/find-bond';

const TAG = 'Coupons and redemptions';
const bondParams = z.object({ bond_id: z.string().min(1).max(32) });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in YYYY-MM-DD form');

const paymentSchema = z
  .object({
    kind: z.enum(BOND_PAYMENT_KINDS),
    scheduled_date: z.string(),
    payment_date: z.string(),
    record_date: z.string(),
    amount_per_100: z.string(),
    status: z.enum(['SCHEDULED', 'DUE', 'PAID']),
    total_amount: z.string().nullable(),
    holder_count: z.number().int().nullable(),
    paid_at: z.string().nullable(),
  })
  .meta({ id: 'BondPayment' });

/** The activity's own message: a workflow failure wraps it in an activity failure. */
function innermostMessage(err: Error): string {
  let e: Error = err;
  while (e.cause instanceof Error) e = e.cause;
  return e.message;
}

export const paymentRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/bonds/{bond_id}/payments',
    summary:
      "A bond's coupons and redemption: dates from its terms adjusted by its calendar, the record date, and what was paid",
    tag: TAG,
    access: 'authenticated',
    request: { params: bondParams },
    responses: {
      200: {
        description: 'The schedule, oldest first',
        schema: z.object({ bond_id: z.string(), isin: z.string(), items: z.array(paymentSchema) }),
      },
    },
    async handler({ params, deps }) {
      const em = deps.orm.em.fork() as EntityManager;
      const bond = await findBond(em, params.bond_id);
      const schedule = await scheduleOf(em, bond, deps.config.recordDateBusinessDays);
      const paid = new Map(
        (await em.find(BondPayment, { bond })).map((p) => [`${p.kind}:${p.scheduledDate}`, p]),
      );
      const today = istDate(Date.now());
      return {
        body: {
          bond_id: bond.code,
          isin: bond.isin,
          items: schedule.map((p) => {
            const done = paid.get(`${p.kind}:${p.scheduledDate}`);
            return {
              kind: p.kind,
              scheduled_date: p.scheduledDate,
              payment_date: p.paymentDate,
              record_date: p.recordDate,
              amount_per_100: p.amountPer100,
              status: done ? 'PAID' : p.paymentDate <= today ? 'DUE' : 'SCHEDULED',
              total_amount: done ? Number(done.totalAmount).toFixed(2) : null,
              holder_count: done ? done.holderCount : null,
              paid_at: done ? done.paidAt.toISOString() : null,
            };
          }),
        },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/bonds/{bond_id}/payments',
    summary:
      'Pay a due coupon or redemption now (workflow bond-payment-<isin>-<kind>-<date>); paying one already paid returns it',
    tag: TAG,
    access: ['OPERATIONS'],
    request: {
      params: bondParams,
      body: z.object({ kind: z.enum(BOND_PAYMENT_KINDS), scheduled_date: isoDate }),
    },
    responses: {
      200: {
        description: 'Paid (paid_now false: it had been paid before)',
        schema: z.object({
          kind: z.enum(BOND_PAYMENT_KINDS),
          scheduled_date: z.string(),
          payment_date: z.string(),
          record_date: z.string(),
          total_amount: z.string(),
          holder_count: z.number().int(),
          paid_now: z.boolean(),
        }),
      },
    },
    async handler({ params, body, deps }) {
      const bond = await findBond(deps.orm.em.fork(), params.bond_id);
      const ref = { bondId: bond.id, isin: bond.isin, kind: body.kind, scheduledDate: body.scheduled_date };
      let result: BondPaymentResult;
      try {
        result = await deps.temporal.workflow.execute('bondPaymentWorkflow', {
          taskQueue: deps.config.temporal.taskQueue,
          workflowId: bondPaymentWorkflowId(ref),
          args: [ref],
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) {
          throw problems.conflict('payment-running', 'This payment is being made right now.');
        }
        if (err instanceof WorkflowFailedError) {
          throw problems.validation([{ field: 'scheduled_date', message: innermostMessage(err) }]);
        }
        throw err;
      }
      // A redemption makes the bond untradable; the daily run's redemptions (no request) wait for the cache TTL.
      if (result.kind === 'REDEMPTION') await invalidateBonds(deps);
      return {
        body: {
          kind: result.kind,
          scheduled_date: result.scheduledDate,
          payment_date: result.paymentDate,
          record_date: result.recordDate,
          total_amount: Number(result.totalAmount).toFixed(2),
          holder_count: result.holderCount,
          paid_now: result.paidNow,
        },
      };
    },
  }),
];
