export * from './lib/custom-metrics.hooks';
export * from './lib/custom-metrics.plugin';
