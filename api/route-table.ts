import type { RouteSpec } from './http/route-spec';
import { authRoutes } from './areas/auth/auth-routes';
import { bondRoutes } from './areas/bonds/bond-routes';
import { participantRoutes } from './areas/participants/participant-routes';
import { riskAnalyticsRoutes } from './areas/risk-analytics/risk-analytics-routes';
import { riskPortfolioRoutes } from './areas/risk-portfolios/risk-portfolio-routes';
import { systemRoutes } from './areas/system/system-routes';
import { tradingRoutes } from './areas/trading/trading-routes';
import { userRoutes } from './areas/users/user-routes';

/** Every HTTP route with who may call it: the router, /docs and the authorization tests read this. */
export const routeTable: RouteSpec[] = [
  ...systemRoutes,
  ...authRoutes,
  ...participantRoutes,
  ...userRoutes,
  ...bondRoutes,
  ...riskAnalyticsRoutes,
  ...riskPortfolioRoutes,
  ...tradingRoutes,
];
