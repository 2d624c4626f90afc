// Pure view helpers for the usage report: heatmap cells, adoption bars and the level legend.
import type {
  PluginAdoption,
  UsageLevel,
  UsageReport,
} from '@plugboard/shared-contracts';

export const USAGE_LEVELS: readonly UsageLevel[] = [
  'mandatory',
  'global',
  'team',
  'user',
  'server',
];

export interface HeatCell {
  plugin: string;
  /** The level that put it in the chain; null when the server does not run it. */
  level: UsageLevel | null;
  enabled: boolean;
  /** Text shown in the cell (and read out): the level, "off (level)" or "—". */
  label: string;
  title: string;
}

export interface HeatRow {
  serverId: string;
  serverName: string;
  teamName: string | null;
  cells: HeatCell[];
}

/** One row per server, one cell per plugin column in the matrix's column order. */
export function heatmapRows(report: UsageReport): HeatRow[] {
  return report.matrix.servers.map((server) => {
    const byPlugin = new Map(server.cells.map((cell) => [cell.plugin, cell]));
    return {
      serverId: server.serverId,
      serverName: server.serverName,
      teamName: server.teamName,
      cells: report.matrix.plugins.map((plugin): HeatCell => {
        const cell = byPlugin.get(plugin);
        if (!cell) {
          return {
            plugin,
            level: null,
            enabled: false,
            label: '—',
            title: `${plugin}: not used`,
          };
        }
        const label = cell.enabled ? cell.level : `off (${cell.level})`;
        const config = cell.configSummary ? `, ${cell.configSummary}` : '';
        return {
          plugin,
          level: cell.level,
          enabled: cell.enabled,
          label,
          title: `${plugin}: ${label}${config}, by ${cell.modifiedBy}`,
        };
      }),
    };
  });
}

export interface AdoptionBar {
  name: string;
  servers: number;
  /** Width of the bar, 0–100 (% of the servers matching the filters). */
  percent: number;
  label: string;
}

export function adoptionBars(
  plugins: readonly PluginAdoption[],
  totalServers: number,
): AdoptionBar[] {
  return plugins.map((plugin) => {
    const percent =
      totalServers > 0 ? Math.round((plugin.servers / totalServers) * 100) : 0;
    return {
      name: plugin.name,
      servers: plugin.servers,
      percent,
      label: `${plugin.servers} of ${totalServers} servers (${percent}%)`,
    };
  });
}
