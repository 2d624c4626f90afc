export * from './lib/pii-filter.config';
export * from './lib/pii-filter.hooks';
export * from './lib/pii-filter.module';
export { compilePattern, type CompiledPattern } from './lib/re2-pattern-cache';
