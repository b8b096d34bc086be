export { AuditEvent } from './audit-event';
export { AuthSession } from './auth-session';
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
export { Order } from './order';
export { Trade } from './trade';
export { OrderCommand, ORDER_COMMAND_KINDS, type OrderCommandKind } from './order-command';
export { OrderEvent } from './order-event';
export { BondTradingState } from './bond-trading-state';
export { ParticipantTradingControl } from './participant-trading-control';
