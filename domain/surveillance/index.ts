export * from './detectors';
export * from './rules';
export * from './thresholds';
