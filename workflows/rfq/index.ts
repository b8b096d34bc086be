export { rfqWorkflow } from './rfq-workflow';
