export * from './curve-family';
export * from './family-curve';
export * from './nelson-siegel-svensson';
export * from './observation-weight';
export * from './bond-fair-value';
export * from './market-observations';
export * from './book-touches';
export * from './curve-cache';
