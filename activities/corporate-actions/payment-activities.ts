import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import { istDate } from '../../domain/auctions/settlement-date';
import { addDays, formatCivilDate, parseCivilDate } from '../../domain/bonds/civil-date';
import { Bond, BondPayment } from '../../db/entities';
import {
  payBondPayment,
  PaymentNotDueError,
  scheduleOf,
  ShutPeriodBreachError,
} from '../../db/corporate-actions/bond-payments';
import { appendAudit } from '../../db/audit-log';
import { loadBusinessCalendar } from '../../db/calendar/holiday-store';
import type { BusinessCalendar } from '../../domain/calendar/business-calendar';
import { settlementSystemOf, type SettlementSystem } from '../../domain/calendar/settlement-systems';
import { redemptionDates } from '../../domain/corporate-actions/payment-schedule';
import { requestAutomaticRecompute } from '../../platform/queues';
import { ALL_BONDS, BOND_CACHE, invalidateCacheScope } from '../../platform/redis-cache';
import type {
  BondPaymentRef,
  BondPaymentResult,
  PaymentActivities,
} from '../../workflows/corporate-actions/payment-messages';
import type { ActivityDeps } from '../index';

/** The daily run pays what fell due in the last week (a missed run catches up); older ones need OPERATIONS. */
const LOOK_BACK_DAYS = 7;

export function createPaymentActivities(deps: ActivityDeps): PaymentActivities {
  /** A halt or a redemption changed bonds the API caches (is_tradable): drop them now, not at TTL. */
  const bondsChanged = () =>
    invalidateCacheScope(deps.redis, deps.config.redisPrefix, BOND_CACHE, ALL_BONDS, deps.log);
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

    async haltShutPeriodTrading(): Promise<string[]> {
      const em = deps.orm.em.fork() as EntityManager;
      const today = istDate(Date.now());
      const halted: string[] = [];
      await em.transactional(async (tx) => {
        const calendars = new Map<SettlementSystem, BusinessCalendar>();
        for (const bond of await tx.find(Bond, { isTradable: true }, { orderBy: { id: 'asc' } })) {
          const system = settlementSystemOf(bond.bondType);
          const calendar = calendars.get(system) ?? (await loadBusinessCalendar(tx, system));
          calendars.set(system, calendar);
          const { recordDate, paymentDate } = redemptionDates(
            calendar,
            bond,
            deps.config.recordDateBusinessDays,
          );
          if (today < recordDate) continue;
          bond.isTradable = false;
          halted.push(bond.isin);
          appendAudit(tx, {
            action: 'BOND_TRADING_HALTED',
            subjectType: 'bond',
            subjectId: bond.isin,
            details: { reason: 'redemption shut period', record_date: recordDate, payment_date: paymentDate },
          });
        }
      });
      if (halted.length) {
        await bondsChanged();
        deps.log.info({ halted }, 'trading halted for the redemption shut period');
      }
      return halted;
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
        if (ref.kind === 'REDEMPTION') await bondsChanged();
        deps.log.info(
          { ...ref, total: result.totalAmount, holders: result.holderCount, paid_now: result.paidNow },
          'bond payment',
        );
        return result;
      } catch (err) {
        if (err instanceof PaymentNotDueError || err instanceof ShutPeriodBreachError)
          throw ApplicationFailure.nonRetryable(err.message, err.constructor.name);
        throw err;
      }
    },
  };
}
