import { correctionRoutes } from './correction-routes';
import { settlementRoutes } from './settlement-routes';

export const settlementAreaRoutes = [...settlementRoutes, ...correctionRoutes];
