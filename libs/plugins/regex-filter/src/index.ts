export * from './lib/plugin-regex-filter';
