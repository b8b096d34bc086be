/** The channels a client may subscribe to on each WebSocket area; producers arrive with each area. */
export const WS_AREAS = {
  trading: ['orders', 'trades', 'market_data'],
  auctions: ['auctions', 'bids', 'allocations'],
  risk: ['risk_alerts', 'risk_metrics'],
} as const;

export type WsArea = keyof typeof WS_AREAS;

export const WS_PATH = /^\/api\/v1\/(trading|auctions|risk)\/ws\/(\d+)\/?$/;
