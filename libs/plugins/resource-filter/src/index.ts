export * from './lib/resource-filter.plugin';
