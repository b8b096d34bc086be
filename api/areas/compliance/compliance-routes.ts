import { auditRoutes } from './audit-routes';
import { exceptionRoutes } from './exception-routes';

/** Every compliance route: the audit trail, exceptions, reports and schedules. */
export const complianceRoutes = [...auditRoutes, ...exceptionRoutes];
