import type { BondType } from '../reference-data/bond-types';

/**
 * The systems whose business days decide when a trade settles. Government securities (G-secs,
 * SDLs, T-bills) settle in RBI's SGL accounts through CCIL; corporate bonds through the exchange
 * clearing corporations. Each keeps its own holiday list.
 */
export const SETTLEMENT_SYSTEMS = ['RBI_SGL', 'CLEARING_CORPORATION'] as const;
export type SettlementSystem = (typeof SETTLEMENT_SYSTEMS)[number];

export function settlementSystemOf(bondType: BondType): SettlementSystem {
  return bondType === 'CORPORATE' ? 'CLEARING_CORPORATION' : 'RBI_SGL';
}
