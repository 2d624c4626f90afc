import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JsonObject, Layers, SettingLevel, SettingRow } from '@plugboard/governance';
import { ServerPluginEntity } from '../governance/server-plugin.entity';
import { TeamPluginEntity } from '../governance/team-plugin.entity';
import { UserPluginEntity } from '../governance/user-plugin.entity';
import { VirtualServerEntity } from '../servers/virtual-server.entity';
import type { ChainSubject } from './registry-change.util';

interface RowColumns {
  pluginName: string;
  enabled: boolean;
  config: Record<string, unknown>;
  priority: number | null;
}

function toRow(level: SettingLevel, row: RowColumns, inherit: boolean): SettingRow {
  return {
    level,
    pluginName: row.pluginName,
    enabled: row.enabled,
    config: row.config as JsonObject,
    priority: row.priority,
    inheritConfig: inherit,
  };
}

function push(map: Map<string, SettingRow[]>, key: string, row: SettingRow): void {
  const rows = map.get(key);
  if (rows) rows.push(row);
  else map.set(key, [row]);
}

/**
 * Every chain a registry change can affect, read in one query per table (not per server): the platform
 * chain, the template chain of each team and user with settings, and every server's chain.
 */
@Injectable()
export class PolicyLayersReader {
  async load(em: EntityManager): Promise<ChainSubject[]> {
    // One after the other: inside a transaction they share one connection.
    const servers = await em.getRepository(VirtualServerEntity).find({ select: { id: true, name: true, teamId: true, ownerId: true }, order: { name: 'ASC' } });
    const teamRows = await em.getRepository(TeamPluginEntity).find({ select: { teamId: true, pluginName: true, enabled: true, config: true, priority: true, inheritConfig: true } });
    const userRows = await em.getRepository(UserPluginEntity).find({ select: { userId: true, pluginName: true, enabled: true, config: true, priority: true, inheritTeamConfig: true } });
    const serverRows = await em.getRepository(ServerPluginEntity).find({ select: { serverId: true, pluginName: true, enabled: true, config: true, priority: true, inheritConfig: true } });
    const byTeam = new Map<string, SettingRow[]>();
    const byUser = new Map<string, SettingRow[]>();
    const byServer = new Map<string, SettingRow[]>();
    for (const r of teamRows) push(byTeam, r.teamId, toRow('team', r, r.inheritConfig));
    for (const r of userRows) push(byUser, r.userId, toRow('user', r, r.inheritTeamConfig));
    for (const r of serverRows) push(byServer, r.serverId, toRow('server', r, r.inheritConfig));

    const subjects: ChainSubject[] = [{ scope: 'platform', id: null, name: 'the platform', layers: {} }];
    for (const [teamId, rows] of byTeam) subjects.push({ scope: 'team', id: teamId, name: null, layers: { team: rows } });
    for (const [userId, rows] of byUser) subjects.push({ scope: 'user', id: userId, name: null, layers: { user: rows } });
    for (const s of servers) {
      const layers: Layers = {
        team: s.teamId ? (byTeam.get(s.teamId) ?? []) : [],
        user: byUser.get(s.ownerId) ?? [],
        server: byServer.get(s.id) ?? [],
      };
      subjects.push({ scope: 'server', id: s.id, name: s.name, layers });
    }
    return subjects;
  }
}
