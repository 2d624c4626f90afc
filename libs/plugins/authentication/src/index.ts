export * from './lib/plugin-authentication';
