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
