export * from './lib/caching.hooks';
export * from './lib/caching.plugin';
export * from './lib/caching.store';
