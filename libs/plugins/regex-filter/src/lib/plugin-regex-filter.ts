export function pluginRegexFilter(): string {
  return 'plugin-regex-filter';
}
