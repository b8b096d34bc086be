import type { FpiCategory } from '../regulatory-checks';

export const EXECUTION_MECHANISMS = ['CONTINUOUS', 'AUCTION', 'NEGOTIATED'] as const;
export type ExecutionMechanism = (typeof EXECUTION_MECHANISMS)[number];

export interface ReportParty {
  participantCode: string;
  /** The participant kind (BANK, PRIMARY_DEALER, FPI, ...). */
  category: string;
  lei: string | null;
  /** SEBI FPI registration number, for FPIs only. */
  fpiRegistration: string | null;
}

/**
 * A trade or auction allotment as every report reads it. Amounts in paise (quantity is face value),
 * price and yield in units of 0.0001. The reports' data source maps trades and allotments into it.
 */
export interface ReportTrade {
  tradeId: string;
  mechanism: ExecutionMechanism;
  executedAt: Date;
  isin: string;
  fpiCategory: FpiCategory;
  quantityPaise: bigint;
  faceValuePerUnitPaise: bigint;
  cleanPriceUnits: bigint;
  accruedPaise: bigint;
  considerationPaise: bigint;
  /** None for a trade settling on its bond's maturity date: no yield to maturity is left. */
  yieldUnits: bigint | null;
  buyer: ReportParty;
  seller: ReportParty;
  settlementDate: string;
  settlementCycle: string;
  settlementMode: string;
}
