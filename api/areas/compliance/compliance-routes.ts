import { auditRoutes } from './audit-routes';
import { checkOverrideRoutes } from './check-override-routes';
import { exceptionRoutes } from './exception-routes';
import { fpiLimitRoutes } from './fpi-limit-routes';
import { positionLimitRoutes } from './position-limit-routes';
import { reportRoutes } from './report-routes';
import { scheduleRoutes } from './schedule-routes';

/** Every compliance route: the audit trail, exceptions, reports, schedules, limits and check overrides. */
export const complianceRoutes = [
  ...auditRoutes,
  ...exceptionRoutes,
  ...reportRoutes,
  ...scheduleRoutes,
  ...fpiLimitRoutes,
  ...positionLimitRoutes,
  ...checkOverrideRoutes,
];
