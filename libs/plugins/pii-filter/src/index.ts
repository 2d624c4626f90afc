export * from './lib/plugin-pii-filter';
