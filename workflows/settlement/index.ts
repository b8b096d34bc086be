export { settlementLauncherWorkflow, tradeSettlementWorkflow } from './settlement-workflow';
