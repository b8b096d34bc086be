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
  RISK_RUN_REVALUATIONS,
  RISK_RUN_STATUSES,
  RISK_RUN_TRIGGERS,
  type RiskRunMethod,
  type RiskRunRevaluation,
  type RiskRunStatus,
} from './risk-run';
export { Holiday } from './holiday';
export { ParticipantProfile } from './participant-profile';
export {
  Auction,
  AUCTION_STATES,
  AUCTION_TYPES,
  BID_BASES,
  PRICING_RULES,
  type AuctionState,
} from './auction';
export { AuctionBid, BID_STATUSES, type BidStatus } from './auction-bid';
export { AuctionAllotment } from './auction-allotment';
export { AuctionSettlement, SETTLEMENT_STATUSES, type SettlementStatus } from './auction-settlement';
export { CashAccount } from './cash-account';
export { SecurityHolding } from './security-holding';
export { LedgerJournal } from './ledger-journal';
export { LedgerEntry } from './ledger-entry';
export { StressTestResult, STRESS_SCENARIO_TYPES, type StressScenarioTypeName } from './stress-test-result';
export { RiskLimit } from './risk-limit';
export { RiskLimitBreach, BREACH_SEVERITIES } from './risk-limit-breach';
export { Order } from './order';
export { Trade } from './trade';
export { OrderCommand, ORDER_COMMAND_KINDS, type OrderCommandKind } from './order-command';
export { OrderEvent } from './order-event';
export { BondTradingState } from './bond-trading-state';
export { ParticipantTradingControl } from './participant-trading-control';
export { Rfq } from './rfq';
export { RfqDealer } from './rfq-dealer';
export { RfqQuote } from './rfq-quote';
export { BondPayment } from './bond-payment';
export { Statement } from './statement';
export { SettlementRun } from './settlement-run';
export { SettlementObligation } from './settlement-obligation';
export { SettlementRunTrade } from './settlement-run-trade';
export { SettlementLeg } from './settlement-leg';
export { FeeScheduleRow } from './fee-schedule-entry';
export { TradeFee } from './trade-fee';
export { TradeCorrection } from './trade-correction';
export { MarketMaker, MARKET_MAKER_STATUSES, type MarketMakerStatus } from './market-maker';
export { MarketMakerBond } from './market-maker-bond';
export {
  DAY_START_MARK_SOURCES,
  MarketMakerDayStart,
  type DayStartMarkSource,
} from './market-maker-day-start';
export { SurveillanceAlert } from './surveillance-alert';
export { BeneficialOwner } from './beneficial-owner';
export { ReportRun, REPORT_RUN_STATUSES, type ReportRunStatus, type ReportArtifact } from './report-run';
export { ReportScheduleAction } from './report-schedule-action';
export {
  TradeReportObligation,
  TRADE_REPORT_SOURCES,
  TRADE_REPORT_STATUSES,
  type TradeReportSource,
  type TradeReportStatus,
} from './trade-report-obligation';
export { FpiNationalLimit } from './fpi-national-limit';
export { CheckOverride } from './check-override';
export { PositionLimit } from './position-limit';
export { RegulatoryCheckRecord } from './regulatory-check-record';
export { ComplianceCursor } from './compliance-cursor';
export { MatchingShardLease } from './matching-shard-lease';
