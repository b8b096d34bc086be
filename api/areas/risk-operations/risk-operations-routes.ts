import { curveUploadRoutes } from './curve-upload-routes';
import { riskStatusRoutes } from './risk-status-routes';

/** Venue-side risk operations: curve loading and the risk system's status. */
export const riskOperationsRoutes = [...curveUploadRoutes, ...riskStatusRoutes];
