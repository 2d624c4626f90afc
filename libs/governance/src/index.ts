export * from './lib/governance';
