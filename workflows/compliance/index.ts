export { auditAnchorWorkflow, auditVerificationWorkflow } from './audit-workflows';
