export * from './auctions';
