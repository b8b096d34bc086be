export { dailyStatementsWorkflow } from './statement-workflows';
