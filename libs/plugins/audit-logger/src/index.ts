export * from './lib/plugin-audit-logger';
