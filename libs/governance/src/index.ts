export * from './lib/registry.model';
export * from './lib/json-value';
export * from './lib/deep-merge';
export * from './lib/config-shape';
export * from './lib/config-validation';
export * from './lib/validity';
export * from './lib/evaluate';
export * from './lib/resolve';
export * from './lib/errors';
export * from './lib/layers-edit';
export * from './lib/plan';
export * from './lib/write-check.types';
export { checkSettingWrite, toSettingRow } from './lib/write-checks';
export * from './lib/server-creation';
export * from './lib/promotion';
export * from './lib/registry-rules';
export * from './lib/registry-yaml';
export { registryEntryToYaml } from './lib/registry-yaml-export';
export {
  PLUGIN_NAME_PATTERN,
  registryDefaults,
  type RegistryYamlField,
} from './lib/registry-yaml-fields';
export * from './testing/governance.factories';
export * from './lib/level-view';
