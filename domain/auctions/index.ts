export * from './types';
export * from './errors';
export { clearAuction } from './clear-auction';
export { validateBid, assertValidBid } from './bid-validation';
export { validateEnglishBid, extendSoftClose, type EnglishBidRule } from './english-auction';
export {
  validateRoundImprovement,
  multiRoundEndReason,
  type MultiRoundEndReason,
  type MultiRoundProgress,
} from './multi-round';
export {
  startHybridClock,
  advanceHybridClock,
  closeHybridClock,
  hybridFinalRound,
  validateHybridFinalBid,
  clearHybridFinal,
  type HybridClockOptions,
  type HybridClockState,
  type Demand,
} from './hybrid-clock';
export { allocateProRata, type Claim } from './allocation';
export { allotteeTotals, type AllotteeTotal } from './allottee-totals';
