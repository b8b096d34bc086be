import type { SettlementActivities } from '../../workflows/settlement/settlement-activities';
import { createSettlementActivities } from './settlement-activities';
import { settlementActivityDeps } from './settlement-deps';

/** Every activity the trade settlement workflows call. */
export function createTradeSettlementActivities(
  deps: Parameters<typeof settlementActivityDeps>[0],
): SettlementActivities {
  return createSettlementActivities(settlementActivityDeps(deps));
}
