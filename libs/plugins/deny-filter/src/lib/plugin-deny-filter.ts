export function pluginDenyFilter(): string {
  return 'plugin-deny-filter';
}
