export * from './lib/plugin-deny-filter';
