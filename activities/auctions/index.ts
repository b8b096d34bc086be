import type { AuctionActivities } from '../../workflows/auctions/auction-activities';
import { auctionActivityDeps } from './activity-deps';
import { createClearingActivities } from './clearing-activities';
import { createLifecycleActivities } from './lifecycle-activities';
import { createSettlementActivities } from './settlement-activities';

/** Every activity the auction and settlement workflows call. */
export function createAuctionActivities(deps: Parameters<typeof auctionActivityDeps>[0]): AuctionActivities {
  const auctionDeps = auctionActivityDeps(deps);
  return {
    ...createLifecycleActivities(auctionDeps),
    ...createClearingActivities(auctionDeps),
    ...createSettlementActivities(auctionDeps),
  };
}
