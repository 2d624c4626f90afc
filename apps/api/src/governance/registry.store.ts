import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { indexRegistry, type RegistryEntry, type RegistryIndex } from '@plugboard/governance';
import { ChainCacheService } from './chain-cache.service';
import { PluginSchemasService } from './plugin-schemas.service';
import { RegistryEntryEntity } from './registry-entry.entity';
import { toRegistryEntry } from './registry.mapper';

export interface RegistrySnapshot {
  entries: RegistryEntry[];
  index: RegistryIndex;
  generation: number;
}

/**
 * The platform registry as the rules see it, kept in memory and reloaded when its generation
 * moves (every registry write bumps it through ChainCacheService).
 */
@Injectable()
export class RegistryStore {
  private snapshot: RegistrySnapshot | null = null;
  private loading: Promise<RegistrySnapshot> | null = null;

  constructor(
    @InjectRepository(RegistryEntryEntity) private readonly rows: Repository<RegistryEntryEntity>,
    private readonly schemas: PluginSchemasService,
    private readonly cache: ChainCacheService,
  ) {}

  async current(): Promise<RegistrySnapshot> {
    const generation = this.cache.registryGeneration();
    if (this.snapshot && this.snapshot.generation === generation) return this.snapshot;
    this.loading ??= this.load(generation).finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Inside a write transaction: read the registry as that transaction sees it. */
  async within(em: EntityManager): Promise<RegistryEntry[]> {
    const rows = await em.getRepository(RegistryEntryEntity).find({ order: { name: 'ASC' } });
    return rows.map((r) => toRegistryEntry(r, this.schemas.schemaFor(r.name)));
  }

  private async load(generation: number): Promise<RegistrySnapshot> {
    const rows = await this.rows.find({ order: { name: 'ASC' } });
    const entries = rows.map((r) => toRegistryEntry(r, this.schemas.schemaFor(r.name)));
    const snapshot = { entries, index: indexRegistry(entries), generation };
    if (this.cache.registryGeneration() === generation) this.snapshot = snapshot;
    return snapshot;
  }
}
