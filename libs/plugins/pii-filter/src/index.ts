export * from './lib/pii-filter.config';
export * from './lib/pii-filter.hooks';
export * from './lib/pii-filter.module';
