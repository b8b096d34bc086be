import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { BOND_PAYMENT_KINDS, type BondPaymentKind } from '../../domain/corporate-actions/payment-schedule';
import { Bond } from './bond';

/**
 * A coupon or redemption that was paid: one row per (bond, kind, scheduled date), written in the
 * transaction that posts its ledger journal, so paying twice is impossible. The schedule itself is
 * computed from the bond's terms and the calendar; only what happened is stored.
 */
@Entity({ tableName: 'bond_payments' })
@Unique({ name: 'bond_payments_bond_kind_scheduled_unique', properties: ['bond', 'kind', 'scheduledDate'] })
export class BondPayment {
  [OptionalProps]?: 'paidAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Bond, { deleteRule: 'restrict' })
  bond!: Bond;

  @Enum({ items: () => [...BOND_PAYMENT_KINDS], nativeEnumName: 'bond_payment_kind' })
  kind!: BondPaymentKind;

  /** The unadjusted date of the terms (the accrual period's end). */
  @Property({ type: 'date' })
  scheduledDate!: string;

  /** The business day it is paid on. */
  @Property({ type: 'date' })
  paymentDate!: string;

  @Property({ type: 'date' })
  recordDate!: string;

  /** Rupees per 100 of face value. */
  @Property({ type: 'decimal', precision: 14, scale: 6 })
  amountPer100!: string;

  @Property({ type: 'decimal', precision: 22, scale: 2 })
  totalAmount!: string;

  @Property({ type: 'integer' })
  holderCount!: number;

  @Property({ type: 'string', length: 160 })
  journalReference!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  paidAt: Date = new Date();
}
