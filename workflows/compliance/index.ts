export {
  auditAnchorWorkflow,
  auditVerificationWorkflow,
  riskBreachExceptionsWorkflow,
} from './audit-workflows';
export { complianceExceptionWorkflow } from './exception-workflow';
export { reportLauncherWorkflow, reportRunWorkflow } from './report-workflows';
export { tradeReportingWorkflow } from './trade-reporting-workflow';
