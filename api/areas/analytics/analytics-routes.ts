import { fairValueRoutes } from './fair-value-routes';
import { surveillanceRoutes } from './surveillance-routes';

export const analyticsRoutes = [...fairValueRoutes, ...surveillanceRoutes];
