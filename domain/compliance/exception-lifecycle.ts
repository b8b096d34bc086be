import { DomainError } from '../domain-error';

export const EXCEPTION_KINDS = [
  'LATE_REPORT',
  'LIMIT_BREACH',
  'FPI_LIMIT',
  'PRICE_OUTSIDE_BAND',
  'PRICE_OUTSIDE_CORRIDOR',
  'AUDIT_CHAIN_BROKEN',
  'RISK_LIMIT_BREACH',
  'REPORT_FAILED',
  'MARKET_ABUSE',
  'OTHER',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const EXCEPTION_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type ExceptionSeverity = (typeof EXCEPTION_SEVERITIES)[number];

export const EXCEPTION_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

/** How long an exception may stay unacknowledged before it escalates, by severity. */
export const DEFAULT_ACK_SLA_SECONDS: Record<ExceptionSeverity, number> = {
  CRITICAL: 15 * 60,
  HIGH: 60 * 60,
  MEDIUM: 4 * 60 * 60,
  LOW: 24 * 60 * 60,
};

export class ExceptionStateError extends DomainError {
  readonly code = 'exception-state';
}

export type ExceptionAction = 'ACKNOWLEDGE' | 'RESOLVE' | 'COMMENT' | 'ESCALATE';

/**
 * The one lifecycle: OPEN -> ACKNOWLEDGED -> RESOLVED. Comments are taken until it is resolved;
 * only an unacknowledged exception escalates. Returns the status after the action.
 */
export function applyExceptionAction(status: ExceptionStatus, action: ExceptionAction): ExceptionStatus {
  switch (action) {
    case 'ACKNOWLEDGE':
      if (status !== 'OPEN') throw new ExceptionStateError(`an ${status} exception cannot be acknowledged`);
      return 'ACKNOWLEDGED';
    case 'RESOLVE':
      if (status !== 'ACKNOWLEDGED')
        throw new ExceptionStateError(`an ${status} exception cannot be resolved; acknowledge it first`);
      return 'RESOLVED';
    case 'COMMENT':
      if (status === 'RESOLVED') throw new ExceptionStateError('a resolved exception takes no comments');
      return status;
    case 'ESCALATE':
      if (status !== 'OPEN') throw new ExceptionStateError(`an ${status} exception does not escalate`);
      return status;
  }
}
