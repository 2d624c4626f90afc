export * from './lib/authentication.plugin';
