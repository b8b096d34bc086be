export * from './business-calendar';
export * from './errors';
export * from './holiday-csv';
export * from './settlement-systems';
