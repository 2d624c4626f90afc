export function pluginPiiFilter(): string {
  return 'plugin-pii-filter';
}
