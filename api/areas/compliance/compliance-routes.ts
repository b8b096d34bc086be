import { auditRoutes } from './audit-routes';

/** Every compliance route: the audit trail, exceptions, reports and schedules. */
export const complianceRoutes = [...auditRoutes];
