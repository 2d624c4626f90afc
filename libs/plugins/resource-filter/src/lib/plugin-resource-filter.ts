export function pluginResourceFilter(): string {
  return 'plugin-resource-filter';
}
