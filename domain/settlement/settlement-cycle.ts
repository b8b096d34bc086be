import type { SettlementSystem } from '../calendar/settlement-systems';
import type { SETTLEMENT_MODES } from './trade-states';

/** DvP-III (net) for government securities in RBI's SGL; DvP-I (gross, trade by trade) for corporates. */
export type SettlementMode = (typeof SETTLEMENT_MODES)[number];

export function settlementModeOf(system: SettlementSystem): SettlementMode {
  return system === 'RBI_SGL' ? 'DVP3' : 'DVP1';
}

/** The workflow that settles one system's trades due on one date. */
export const settlementWorkflowId = (system: SettlementSystem, date: string) =>
  `settlement-${system}-${date}`;

/**
 * A failed trade rolls to the next business day until it has rolled `maxRolls` times; the next
 * failure closes it out (it will not settle, and both sides' positions are taken back).
 */
export function afterFailure(rollsSoFar: number, maxRolls: number): 'ROLL' | 'CLOSE_OUT' {
  return rollsSoFar >= maxRolls ? 'CLOSE_OUT' : 'ROLL';
}
