export function pluginCustomMetrics(): string {
  return 'plugin-custom-metrics';
}
