export * from './amounts';
export * from './failure-isolation';
export * from './netting';
export * from './settlement-cycle';
export * from './trade-correction';
export * from './trade-states';
