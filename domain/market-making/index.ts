export * from './limits';
export * from './pnl';
export * from './quoting';
