export * from './auctions';
export * from './compliance';
