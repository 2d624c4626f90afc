// A write's dry-run plan as the preview lists it: only what changes, servers by name.
import type {
  ChainChange,
  SettingWritePlan,
} from '@plugboard/shared-contracts';

export type PlanLineKind = Exclude<ChainChange['change'], 'unchanged'>;

export interface PlanLine {
  plugin: string;
  change: PlanLineKind;
  /** For `changed`: which fields (config, priority, level, mode). */
  fields: string[];
}

export interface PlanServerView {
  serverId: string;
  label: string;
  lines: PlanLine[];
  degradedAfter: boolean;
}

export interface PlanView {
  /** The level's own chain (what a new server would get). */
  template: PlanLine[];
  templateDegradedAfter: boolean;
  /** Servers whose chain changes. */
  servers: PlanServerView[];
  /** Affected servers whose chain stays the same. */
  unchangedServers: number;
}

export function toPlanView(
  plan: SettingWritePlan,
  serverNames: Readonly<Record<string, string>> = {},
): PlanView {
  const servers = plan.servers.map((server) => ({
    serverId: server.serverId,
    label: serverNames[server.serverId] ?? server.serverId,
    lines: linesOf(server.changes),
    degradedAfter: server.degradedAfter,
  }));
  const changed = servers.filter(
    (server) => server.lines.length > 0 || server.degradedAfter,
  );
  return {
    template: linesOf(plan.template.changes),
    templateDegradedAfter: plan.template.degradedAfter,
    servers: changed,
    unchangedServers: servers.length - changed.length,
  };
}

function linesOf(changes: readonly ChainChange[]): PlanLine[] {
  const lines: PlanLine[] = [];
  for (const { plugin, change, fields } of changes) {
    if (change !== 'unchanged') {
      lines.push({ plugin, change, fields });
    }
  }
  return lines;
}
