export * from './lib/problem';
export * from './lib/identity';
export * from './lib/teams';
export * from './lib/servers';
export * from './lib/error-codes';
export * from './lib/plugin-registry';
export * from './lib/plugin-settings';
export * from './lib/admin';
