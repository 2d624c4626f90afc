import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENTITIES } from '../database/entities';
import { AdminOpsModule } from '../admin-ops/admin-ops.module';
import { AdminRegistryController } from './admin-registry.controller';
import { AuditLogController } from './audit-log.controller';
import { AuditLogQueryService } from './audit-log-query.service';
import { PluginCatalogController } from './plugin-catalog.controller';
import { PluginCatalogService } from './plugin-catalog.service';
import { PolicyLayersReader } from './policy-layers.reader';
import { RegistryAdminService } from './registry-admin.service';
import { RegistrySyncService } from './registry-sync.service';

/** The platform registry: YAML sync, the catalog, admin edits and the audit trail (builds on GovernanceCoreModule). */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), AdminOpsModule],
  controllers: [PluginCatalogController, AdminRegistryController, AuditLogController],
  providers: [RegistrySyncService, RegistryAdminService, PluginCatalogService, AuditLogQueryService, PolicyLayersReader],
  exports: [RegistrySyncService, RegistryAdminService],
})
export class RegistryModule {}
