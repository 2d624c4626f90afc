export * from './lib/deny-filter.plugin';
