export function pluginCaching(): string {
  return 'plugin-caching';
}
