export function pluginAuthentication(): string {
  return 'plugin-authentication';
}
