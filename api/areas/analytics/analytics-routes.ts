import { fairValueRoutes } from './fair-value-routes';

export const analyticsRoutes = [...fairValueRoutes];
