import { allocationRoutes } from './allocation-routes';
import { auctionRoutes } from './auction-routes';
import { bidRoutes } from './bid-routes';

// websocket/status comes first: its path would otherwise read as an auction named "websocket".
export const auctionAreaRoutes = [...allocationRoutes, ...auctionRoutes, ...bidRoutes];
