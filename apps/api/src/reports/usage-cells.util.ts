/**
 * The cells of the usage matrix for one server: each plugin of its chain with its origin level, and
 * each plugin a setting switched off, with the most specific row that applies (who changed it last).
 * Everything is read from `resolveChain`'s answer; no rule is evaluated here.
 */
import type { JsonObject, Level, RegistryIndex, ResolvedChain, SettingLevel } from '@plugboard/governance';
import type { PolicyRow } from '../admin-ops/policy-state';

export interface UsageCell {
  plugin: string;
  level: Level;
  enabled: boolean;
  /** The effective config of an enabled plugin; null for a disabled one. */
  config: JsonObject | null;
  /** The most specific row of the plugin that applies to the server; null = the registry alone. */
  row: PolicyRow | null;
}

export interface ServerRows {
  team: readonly PolicyRow[];
  user: readonly PolicyRow[];
  server: readonly PolicyRow[];
}

const MOST_SPECIFIC_FIRST: readonly SettingLevel[] = ['server', 'user', 'team'];

export function usageCells(index: RegistryIndex, rows: ServerRows, resolved: ResolvedChain): UsageCell[] {
  // A MANDATORY_PLUGIN entry ignores only a row's enabled/priority part; its config applies.
  const ignored = new Set(resolved.ignored.filter((i) => i.code !== 'MANDATORY_PLUGIN').map((i) => `${i.level}:${i.pluginName}`));
  const applied = (plugin: string): PolicyRow | null => {
    for (const level of MOST_SPECIFIC_FIRST) {
      const row = rows[level].find((r) => r.pluginName === plugin);
      if (row && !ignored.has(`${level}:${plugin}`)) return row;
    }
    return null;
  };
  const cells: UsageCell[] = resolved.chain.map((entry) => ({ plugin: entry.name, level: entry.level, enabled: true, config: entry.config, row: applied(entry.name) }));
  const inChain = new Set(cells.map((c) => c.plugin));
  const off = new Map<string, UsageCell>();
  for (const level of MOST_SPECIFIC_FIRST) {
    for (const candidate of rows[level]) {
      const plugin = candidate.pluginName;
      if (inChain.has(plugin) || off.has(plugin) || !index.has(plugin)) continue;
      const row = applied(plugin);
      if (row && !row.enabled) off.set(plugin, { plugin, level: row.level, enabled: false, config: null, row });
    }
  }
  // Optional plugins a degraded chain had to drop are off too.
  for (const plugin of resolved.dropped) {
    if (off.has(plugin)) continue;
    const row = applied(plugin);
    off.set(plugin, { plugin, level: row?.level ?? 'global', enabled: false, config: null, row });
  }
  return [...cells, ...[...off.values()].sort((a, b) => (a.plugin < b.plugin ? -1 : a.plugin > b.plugin ? 1 : 0))];
}
