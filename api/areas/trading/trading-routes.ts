import { controlRoutes } from './control-routes';
import { marketRoutes } from './market-routes';
import { orderRoutes } from './order-routes';

export const tradingRoutes = [...orderRoutes, ...marketRoutes, ...controlRoutes];
