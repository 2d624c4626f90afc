export * from './lib/audit-logger.hooks';
export * from './lib/audit-logger.plugin';
export * from './lib/call-log-batcher';
export * from './lib/call-log-query';
