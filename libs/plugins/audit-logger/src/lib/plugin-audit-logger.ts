export function pluginAuditLogger(): string {
  return 'plugin-audit-logger';
}
