export * from './limits';
export * from './pnl';
export * from './quote-orders';
export * from './quoting';
