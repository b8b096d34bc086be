import type { BondPaymentKind } from '../../domain/corporate-actions/payment-schedule';

export interface BondPaymentRef {
  bondId: number;
  isin: string;
  kind: BondPaymentKind;
  scheduledDate: string;
}

export const bondPaymentWorkflowId = (p: Pick<BondPaymentRef, 'isin' | 'kind' | 'scheduledDate'>) =>
  `bond-payment-${p.isin}-${p.kind.toLowerCase()}-${p.scheduledDate}`;

export interface BondPaymentResult {
  paymentId: number;
  kind: BondPaymentKind;
  scheduledDate: string;
  paymentDate: string;
  recordDate: string;
  totalAmount: string;
  holderCount: number;
  paidNow: boolean;
}

/** Declared here as types only, so workflow code never imports the module that does the I/O. */
export interface PaymentActivities {
  /** Unpaid coupons and redemptions whose payment date is on or before today, within the look-back. */
  duePayments(): Promise<BondPaymentRef[]>;
  payBond(ref: BondPaymentRef): Promise<BondPaymentResult>;
  /**
   * Stops trading in every bond whose redemption record date has come (the shut period: a trade
   * now would settle after it); returns their ISINs.
   */
  haltShutPeriodTrading(): Promise<string[]>;
}
