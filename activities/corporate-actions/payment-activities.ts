import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import { istDate } from '../../domain/auctions/settlement-date';
import { addDays, formatCivilDate, parseCivilDate } from '../../domain/bonds/civil-date';
import { Bond, BondPayment } from '../../db/entities';
import { payBondPayment, PaymentNotDueError, scheduleOf } from '../../db/corporate-actions/bond-payments';
import { requestAutomaticRecompute } from '../../platform/queues';
import type {
  BondPaymentRef,
  BondPaymentResult,
  PaymentActivities,
} from '../../workflows/corporate-actions/payment-messages';
import type { ActivityDeps } from '../index';

/** The daily run pays what fell due in the last week (a missed run catches up); older ones need OPERATIONS. */
const LOOK_BACK_DAYS = 7;

export function createPaymentActivities(deps: ActivityDeps): PaymentActivities {
  return {
    async duePayments(): Promise<BondPaymentRef[]> {
      const em = deps.orm.em.fork() as EntityManager;
      const today = istDate(Date.now());
      const since = formatCivilDate(addDays(parseCivilDate(today), -LOOK_BACK_DAYS));
      const bonds = await em.find(Bond, { maturityDate: { $gte: since } });
      const paid = new Set(
        (await em.find(BondPayment, { paymentDate: { $gte: since } })).map(
          (p) => `${p.bond.id}:${p.kind}:${p.scheduledDate}`,
        ),
      );
      const due: BondPaymentRef[] = [];
      for (const bond of bonds) {
        for (const p of await scheduleOf(em, bond, deps.config.recordDateBusinessDays)) {
          if (p.paymentDate < since || p.paymentDate > today) continue;
          if (paid.has(`${bond.id}:${p.kind}:${p.scheduledDate}`)) continue;
          due.push({ bondId: bond.id, isin: bond.isin, kind: p.kind, scheduledDate: p.scheduledDate });
        }
      }
      deps.log.info({ due: due.length }, 'bond payments due');
      return due;
    },

    async payBond(ref: BondPaymentRef): Promise<BondPaymentResult> {
      try {
        const { portfolios, ...result } = await payBondPayment(
          deps.orm.em.fork() as EntityManager,
          ref.bondId,
          ref.kind,
          ref.scheduledDate,
          istDate(Date.now()),
          deps.config.recordDateBusinessDays,
        );
        for (const portfolio of portfolios)
          await requestAutomaticRecompute(deps.riskQueue, portfolio, 'SETTLEMENT');
        deps.log.info(
          { ...ref, total: result.totalAmount, holders: result.holderCount, paid_now: result.paidNow },
          'bond payment',
        );
        return result;
      } catch (err) {
        if (err instanceof PaymentNotDueError)
          throw ApplicationFailure.nonRetryable(err.message, 'PaymentNotDueError');
        throw err;
      }
    },
  };
}
