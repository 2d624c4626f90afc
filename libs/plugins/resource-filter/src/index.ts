export * from './lib/plugin-resource-filter';
