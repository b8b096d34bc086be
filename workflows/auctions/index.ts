export { auctionWorkflow } from './auction-workflow';
export { settlementWorkflow } from './settlement-workflow';
