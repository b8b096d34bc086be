export * from './auctions';
export * from './compliance';
export * from './surveillance';
