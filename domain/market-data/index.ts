export * from './curve-changes';
export * from './curve-csv';
export * from './errors';
export * from './interpolation';
export * from './tenor';
export * from './yield-values';
