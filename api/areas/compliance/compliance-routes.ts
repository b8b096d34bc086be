import { auditRoutes } from './audit-routes';
import { exceptionRoutes } from './exception-routes';
import { fpiLimitRoutes } from './fpi-limit-routes';
import { reportRoutes } from './report-routes';
import { scheduleRoutes } from './schedule-routes';

/** Every compliance route: the audit trail, exceptions, reports and schedules. */
export const complianceRoutes = [
  ...auditRoutes,
  ...exceptionRoutes,
  ...reportRoutes,
  ...scheduleRoutes,
  ...fpiLimitRoutes,
];
