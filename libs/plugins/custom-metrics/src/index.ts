export * from './lib/plugin-custom-metrics';
