export * from './lib/hooks';
export * from './lib/plugin.decorator';
