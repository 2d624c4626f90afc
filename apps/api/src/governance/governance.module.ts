import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENTITIES } from '../database/entities';
import { AuditService } from './audit.service';
import { ChainCacheService } from './chain-cache.service';
import { ChainInvalidationBus } from './chain-invalidation.bus';
import { ChainService } from './chain.service';
import { GovernanceLockService } from './governance-lock.service';
import { PluginSchemasService } from './plugin-schemas.service';
import { RegistryStore } from './registry.store';
import { SettingRowsRepository } from './setting-rows.repository';

const SHARED = [
  AuditService,
  ChainCacheService,
  ChainService,
  GovernanceLockService,
  PluginSchemasService,
  RegistryStore,
  SettingRowsRepository,
];

/** The governance core every governance feature builds on: registry, chains, cache, audit, lock. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES)],
  providers: [...SHARED, ChainInvalidationBus],
  exports: SHARED,
})
export class GovernanceCoreModule {}
