export * from './auctions';
export * from './compliance';
export * from './rfq';
export * from './corporate-actions';
export * from './statements';
export * from './settlement';
export * from './surveillance';
