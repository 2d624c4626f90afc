export * from './lib/plugin-caching';
