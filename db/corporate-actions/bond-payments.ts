import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appendAudit, type AuditEntry } from '../audit-log';
import { loadBusinessCalendar } from '../calendar/holiday-store';
import { Bond, BondPayment, Participant } from '../entities';
import { postJournal } from '../ledger/post-journal';
import { settlementSystemOf } from '../../domain/calendar/settlement-systems';
import {
  paymentRupees,
  paymentSchedule,
  type BondPaymentKind,
  type ScheduledPayment,
} from '../../domain/corporate-actions/payment-schedule';
import { DomainError } from '../../domain/domain-error';
import { CASH_ASSET, hundredths, type JournalLine } from '../../domain/ledger/journal';
import { fromHundredths } from '../../domain/settlement/amounts';

export class PaymentNotDueError extends DomainError {
  readonly code = 'PAYMENT_NOT_DUE';
}

/** A bond's schedule from its terms and its settlement system's calendar. */
export async function scheduleOf(
  em: EntityManager,
  bond: Bond,
  recordDays: number,
): Promise<ScheduledPayment[]> {
  const calendar = await loadBusinessCalendar(em, settlementSystemOf(bond.bondType));
  return paymentSchedule(
    {
      bondType: bond.bondType,
      couponPct: bond.couponPct,
      issueDate: bond.issueDate,
      maturityDate: bond.maturityDate,
      frequency: bond.couponFrequency,
      dayCount: bond.dayCount,
    },
    calendar,
    recordDays,
  );
}

/**
 * Members' holdings of an ISIN at the close of a day (India time), from the ledger: the entries are
 * append-only and stamped when posted, so the holders of record never change once the day is over.
 */
export async function holdersAt(em: EntityManager, isin: string, date: string) {
  return em.execute<{ participant_id: number; quantity: string }[]>(
    `select e.participant_id, sum(e.amount)::text as quantity
       from ledger_entries e join ledger_journals j on j.id = e.journal_id
       join participants p on p.id = e.participant_id and not p.is_venue_operator
      where e.asset = ? and j.posted_at < (?::date + 1)::timestamp at time zone 'Asia/Kolkata'
      group by e.participant_id having sum(e.amount) > 0 order by e.participant_id`,
    [isin, date],
  );
}

/** Holdings of an ISIN moved after the redemption's record date: paying and extinguishing would disagree. */
export class ShutPeriodBreachError extends DomainError {
  readonly code = 'SHUT_PERIOD_BREACH';
}

/**
 * Every member's holding now equals its holding of record (settlement refuses transfers in the shut
 * period, so this holds unless a movement bypassed it). Otherwise the redemption is not made: paying
 * the holders of record and extinguishing today's holdings would leave a paid holding alive or an
 * unpaid one extinguished, which operations must resolve first.
 */
async function assertNoMovementSinceRecord(
  em: EntityManager,
  isin: string,
  record: readonly { participant_id: number; quantity: string }[],
): Promise<void> {
  const current = await em.execute<{ participant_id: number; quantity: string; blocked: string }[]>(
    `select participant_id, quantity::text as quantity, blocked::text as blocked from security_holdings
      where isin = ? and (quantity <> 0 or blocked <> 0) order by participant_id for update`,
    [isin],
  );
  const recorded = new Map(record.map((h) => [h.participant_id, hundredths(h.quantity)]));
  const moved = current
    .filter((h) => hundredths(h.quantity) !== recorded.get(h.participant_id) || hundredths(h.blocked) > 0n)
    .map((h) => h.participant_id);
  for (const id of recorded.keys()) if (!current.some((h) => h.participant_id === id)) moved.push(id);
  if (moved.length > 0) {
    throw new ShutPeriodBreachError(
      `holdings of ${isin} of participant(s) ${[...new Set(moved)].sort((a, b) => a - b).join(', ')} differ from the record date's or are blocked for delivery`,
      'scheduled_date',
    );
  }
}

export interface PaymentOutcome {
  paymentId: number;
  kind: BondPaymentKind;
  scheduledDate: string;
  paymentDate: string;
  recordDate: string;
  totalAmount: string;
  holderCount: number;
  /** False when it had been paid already (a retry or a second trigger). */
  paidNow: boolean;
  /** HOUSE portfolios whose positions a redemption closed. */
  portfolios: number[];
}

const outcomeOf = (p: BondPayment, paidNow: boolean, portfolios: number[] = []): PaymentOutcome => ({
  paymentId: p.id,
  kind: p.kind,
  scheduledDate: p.scheduledDate,
  paymentDate: p.paymentDate,
  recordDate: p.recordDate,
  totalAmount: p.totalAmount,
  holderCount: p.holderCount,
  paidNow,
  portfolios,
});

/**
 * Pays one coupon or redemption of a bond, once: the holders of record get cash from the paying
 * agent's account (the venue operator's, as issuer's agent) in one balanced journal; a redemption also
 * takes the holdings of record back to the issuer (extinguished: the shut period after the record date
 * kept them unchanged, which is checked), closes the HOUSE positions and stops trading in the bond. The payment row, the journal and the audit record commit together; the
 * bond row's lock and the (bond, kind, date) key make a second run return the first one's result.
 */
export async function payBondPayment(
  em: EntityManager,
  bondId: number,
  kind: BondPaymentKind,
  scheduledDate: string,
  today: string,
  recordDays: number,
  actor: Pick<AuditEntry, 'actorUserId' | 'actorParticipantId' | 'requestId'> = {},
): Promise<PaymentOutcome> {
  return em.transactional(async (tx) => {
    const bond = await tx.findOneOrFail(Bond, bondId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const done = await tx.findOne(BondPayment, { bond, kind, scheduledDate });
    if (done) return outcomeOf(done, false);
    const payment = (await scheduleOf(tx, bond, recordDays)).find(
      (p) => p.kind === kind && p.scheduledDate === scheduledDate,
    );
    if (!payment)
      throw new PaymentNotDueError(`${bond.isin} has no ${kind} on ${scheduledDate}`, 'scheduled_date');
    if (payment.paymentDate > today) {
      throw new PaymentNotDueError(
        `${kind} of ${bond.isin} is paid on ${payment.paymentDate}, not before`,
        'scheduled_date',
      );
    }
    const venue = await tx.findOneOrFail(Participant, { isVenueOperator: true }, { orderBy: { id: 'asc' } });
    const holders = await holdersAt(tx, bond.isin, payment.recordDate);
    const lines: JournalLine[] = [];
    let totalPaise = 0n;
    for (const h of holders) {
      const amount = paymentRupees(payment, h.quantity);
      if (amount === '0.00') continue;
      totalPaise += hundredths(amount);
      lines.push({ participantId: h.participant_id, asset: CASH_ASSET, amount });
    }
    const total = fromHundredths(totalPaise);
    if (totalPaise > 0n) lines.push({ participantId: venue.id, asset: CASH_ASSET, amount: `-${total}` });
    let portfolios: number[] = [];
    if (kind === 'REDEMPTION') {
      await assertNoMovementSinceRecord(tx, bond.isin, holders);
      // Exactly what was paid is extinguished: the holders of record's face goes back to the issuer.
      let face = 0n;
      for (const h of holders) {
        face += hundredths(h.quantity);
        lines.push({ participantId: h.participant_id, asset: bond.isin, amount: `-${h.quantity}` });
      }
      if (face > 0n) lines.push({ participantId: venue.id, asset: bond.isin, amount: fromHundredths(face) });
      portfolios = (
        await tx.execute<{ portfolio_id: number }[]>(
          `delete from positions p using portfolios f
            where p.portfolio_id = f.id and f.kind = 'HOUSE' and p.bond_id = ? returning p.portfolio_id`,
          [bond.id],
        )
      ).map((r) => r.portfolio_id);
      bond.isTradable = false;
    }
    const reference = `${kind.toLowerCase()}:${bond.isin}:${scheduledDate}`;
    if (lines.length) {
      await postJournal(tx, {
        reference,
        kind,
        description: `${kind === 'COUPON' ? 'Coupon' : 'Redemption'} of ${bond.isin} due ${scheduledDate}, record date ${payment.recordDate}`,
        lines,
      });
    }
    const row = tx.create(BondPayment, {
      bond,
      kind,
      scheduledDate,
      paymentDate: payment.paymentDate,
      recordDate: payment.recordDate,
      amountPer100: payment.amountPer100,
      totalAmount: total,
      holderCount: holders.length,
      journalReference: reference,
    });
    appendAudit(tx, {
      ...actor,
      action: kind === 'COUPON' ? 'BOND_COUPON_PAID' : 'BOND_REDEEMED',
      subjectType: 'bond',
      subjectId: bond.isin,
      details: {
        scheduled_date: scheduledDate,
        payment_date: payment.paymentDate,
        record_date: payment.recordDate,
        amount_per_100: payment.amountPer100,
        total_amount: total,
        holders: holders.length,
        journal: reference,
      },
    });
    await tx.flush();
    return outcomeOf(row, true, portfolios);
  });
}
