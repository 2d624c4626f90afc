import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { resolveChain, type ResolvedChain } from '@plugboard/governance';
import { SETTINGS, type Settings } from '../config/settings';
import { notFound } from '../common/domain-error';
import { VirtualServerEntity } from '../servers/virtual-server.entity';
import { ChainCacheService } from './chain-cache.service';
import { RegistryStore } from './registry.store';
import { SettingRowsRepository } from './setting-rows.repository';

/** More affected servers than this and a write leaves their chains to the readers' misses. */
const REFRESH_LIMIT = 100;

interface ServerOwners {
  teamId: string | null;
  ownerId: string;
}

/** The chain a server runs, cached; a miss costs one query for all of the server's rows. */
@Injectable()
export class ChainService {
  /** A server's team and owner never change, so they are remembered until it is deleted. */
  private readonly owners = new Map<string, ServerOwners>();

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @InjectRepository(VirtualServerEntity) private readonly servers: Repository<VirtualServerEntity>,
    private readonly registry: RegistryStore,
    private readonly rows: SettingRowsRepository,
    private readonly cache: ChainCacheService,
  ) {}

  async forServer(serverId: string): Promise<ResolvedChain> {
    const owners = await this.ownersOf(serverId);
    const key = await this.cache.key(serverId, owners.teamId, owners.ownerId);
    const cached = await this.cache.get(key);
    if (cached) return cached;
    return this.build(serverId, owners, key);
  }

  /**
   * After a committed write: rebuilds, from the database, the chains of the affected servers this
   * instance holds, so the next tool call on each finds its chain cached (refresh-ahead). Exactly
   * the miss path a reader would take, keyed by the renewed tokens, so it is never staler than a
   * read; counted neither as hits nor as misses. Large fan-outs are left to the readers.
   */
  async refresh(serverIds: readonly string[]): Promise<void> {
    const held = serverIds.filter((id) => this.cache.holds(id));
    if (held.length === 0 || held.length > REFRESH_LIMIT) return;
    for (const serverId of held) {
      const owners = this.owners.get(serverId);
      if (!owners) continue;
      const key = await this.cache.key(serverId, owners.teamId, owners.ownerId);
      if (!this.cache.hasLocal(key)) await this.build(serverId, owners, key);
    }
  }

  private async build(serverId: string, owners: ServerOwners, key: string): Promise<ResolvedChain> {
    const [{ index }, { layers }] = await Promise.all([
      this.registry.current(),
      this.rows.load({ team: owners.teamId, user: owners.ownerId, server: serverId }),
    ]);
    const chain = resolveChain(index, layers, { rbacEnabled: this.settings.pluginRbacEnabled });
    await this.cache.set(key, chain, this.settings.pluginCacheTtlSeconds);
    return chain;
  }

  forget(serverId: string): void {
    this.owners.delete(serverId);
  }

  private async ownersOf(serverId: string): Promise<ServerOwners> {
    const known = this.owners.get(serverId);
    if (known) return known;
    const server = await this.servers.findOne({ where: { id: serverId }, select: { id: true, teamId: true, ownerId: true } });
    if (!server) throw notFound('Server');
    const owners = { teamId: server.teamId, ownerId: server.ownerId };
    if (this.owners.size > 100_000) this.owners.clear();
    this.owners.set(serverId, owners);
    return owners;
  }
}
