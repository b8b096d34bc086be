import { correctionRoutes } from './correction-routes';
import { feeRoutes } from './fee-routes';
import { settlementRoutes } from './settlement-routes';

export const settlementAreaRoutes = [...settlementRoutes, ...correctionRoutes, ...feeRoutes];
