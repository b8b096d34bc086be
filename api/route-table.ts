import type { RouteSpec } from './http/route-spec';
import { analyticsRoutes } from './areas/analytics/analytics-routes';
import { auctionAreaRoutes } from './areas/auctions';
import { authRoutes } from './areas/auth/auth-routes';
import { bondRoutes } from './areas/bonds/bond-routes';
import { calendarRoutes } from './areas/calendars/calendar-routes';
import { marketMakingRoutes } from './areas/market-making/market-making-routes';
import { participantProfileRoutes } from './areas/participants/participant-profile-routes';
import { complianceRoutes } from './areas/compliance/compliance-routes';
import { participantRoutes } from './areas/participants/participant-routes';
import { riskAnalyticsRoutes } from './areas/risk-analytics/risk-analytics-routes';
import { riskOperationsRoutes } from './areas/risk-operations/risk-operations-routes';
import { riskPortfolioRoutes } from './areas/risk-portfolios/risk-portfolio-routes';
import { settlementAreaRoutes } from './areas/settlement';
import { systemRoutes } from './areas/system/system-routes';
import { tradingRoutes } from './areas/trading/trading-routes';
import { rfqRoutes } from './areas/rfq/rfq-routes';
import { paymentRoutes } from './areas/corporate-actions/payment-routes';
import { statementRoutes } from './areas/statements/statement-routes';
import { userRoutes } from './areas/users/user-routes';

/** Every HTTP route with who may call it: the router, /docs and the authorization tests read this. */
export const routeTable: RouteSpec[] = [
  ...systemRoutes,
  ...authRoutes,
  ...participantRoutes,
  ...participantProfileRoutes,
  ...userRoutes,
  ...bondRoutes,
  ...calendarRoutes,
  ...riskAnalyticsRoutes,
  ...riskPortfolioRoutes,
  ...auctionAreaRoutes,
  ...riskOperationsRoutes,
  ...complianceRoutes,
  ...tradingRoutes,
  ...rfqRoutes,
  ...paymentRoutes,
  ...statementRoutes,
  ...settlementAreaRoutes,
  ...marketMakingRoutes,
  ...analyticsRoutes,
];
