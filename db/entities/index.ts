export { AuditEvent } from './audit-event';
export { AuditLegalHold } from './audit-legal-hold';
export { AuditOutboxEntry } from './audit-outbox-entry';
export { AuditPurge } from './audit-purge';
export { AuthSession } from './auth-session';
export { ComplianceException } from './compliance-exception';
export { ComplianceExceptionComment } from './compliance-exception-comment';
export { Bond } from './bond';
export { Participant } from './participant';
export { User } from './user';
export { YieldCurve } from './yield-curve';
export { YieldCurvePoint } from './yield-curve-point';
export { Portfolio, PORTFOLIO_KINDS, type PortfolioKind } from './portfolio';
export { Position } from './position';
export {
  RiskRun,
  RISK_RUN_METHODS,
  RISK_RUN_STATUSES,
  type RiskRunMethod,
  type RiskRunStatus,
} from './risk-run';
