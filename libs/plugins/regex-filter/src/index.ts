export * from './lib/regex-filter.config';
export * from './lib/regex-filter.hooks';
export * from './lib/regex-filter.module';
