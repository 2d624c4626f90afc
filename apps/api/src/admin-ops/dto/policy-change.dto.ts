import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsOptionalNotNull } from '../../common/validation.decorators';

const LEVELS = ['mandatory', 'global', 'team', 'user', 'server'] as const;
const SETTING_LEVELS = ['team', 'user', 'server'] as const;

/** Body of promote, demote and restore. */
export class PolicyChangeDto {
  @ApiPropertyOptional({ description: 'Answer the impact without changing anything' }) @IsOptionalNotNull() @IsBoolean() dryRun?: boolean;
  @ApiPropertyOptional({ description: 'Recorded in the audit log, the snapshot and the notifications', maxLength: 1000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class SnapshotQueryDto {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export class RegistryFlagsDto {
  @ApiProperty() mandatory!: boolean;
  @ApiProperty() enabledGlobally!: boolean;
  @ApiProperty() availableForTeams!: boolean;
  @ApiProperty() availableForUsers!: boolean;
}

export class ChainItemDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LEVELS }) level!: string;
  @ApiProperty() priority!: number;
}

export class ChainChangeDto {
  @ApiProperty() plugin!: string;
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) change!: string;
  @ApiProperty({ type: [String], description: 'For changed: config, priority, level, mode' }) fields!: string[];
}

export class ServerImpactItemDto {
  @ApiProperty({ format: 'uuid' }) serverId!: string;
  @ApiProperty() serverName!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) teamId!: string | null;
  @ApiProperty({ type: [ChainItemDto], description: 'The chain before, in execution order' }) before!: ChainItemDto[];
  @ApiProperty({ type: [ChainItemDto], description: 'The chain after, in execution order' }) after!: ChainItemDto[];
  @ApiProperty({ type: [ChainChangeDto], description: 'What changes (unchanged plugins are left out)' }) changes!: ChainChangeDto[];
  @ApiProperty() degradedBefore!: boolean;
  @ApiProperty() degradedAfter!: boolean;
}

export class ServersImpactDto {
  @ApiProperty({ description: 'All servers' }) total!: number;
  @ApiProperty({ description: 'Servers whose chain changes' }) affected!: number;
  @ApiProperty({ description: 'Chain entries added, over all servers' }) added!: number;
  @ApiProperty({ description: 'Chain entries changed (config, priority, level, mode), over all servers' }) changed!: number;
  @ApiProperty({ description: 'Chain entries removed, over all servers' }) removed!: number;
  @ApiProperty({ description: 'Servers whose chain is degraded after the change' }) degradedAfter!: number;
  @ApiProperty({ type: [ServerImpactItemDto], description: 'The affected servers by name, at most 100' }) items!: ServerImpactItemDto[];
  @ApiProperty({ description: 'More servers are affected than listed' }) truncated!: boolean;
}

export class RowDecisionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SETTING_LEVELS }) level!: string;
  @ApiProperty({ format: 'uuid', description: 'The team, user or server the row belongs to' }) entityId!: string;
  @ApiProperty({ description: 'Team name, user email or server name' }) entityName!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) config!: Record<string, unknown>;
  @ApiProperty() inheritConfig!: boolean;
  @ApiProperty({ description: 'Why the row is removed or kept' }) reason!: string;
}

export class LevelCountsDto {
  @ApiProperty() team!: number;
  @ApiProperty() user!: number;
  @ApiProperty() server!: number;
}

export class RowGroupDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: LevelCountsDto }) byLevel!: LevelCountsDto;
  @ApiProperty({ type: [RowDecisionDto], description: 'At most 200' }) items!: RowDecisionDto[];
  @ApiProperty() truncated!: boolean;
}

export class RowsImpactDto {
  @ApiProperty({ type: RowGroupDto }) removed!: RowGroupDto;
  @ApiProperty({ type: RowGroupDto }) kept!: RowGroupDto;
}

export class TeamNotifiedDto {
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String], description: 'Emails of the owners told' }) owners!: string[];
}

export class TeamsNotifiedDto {
  @ApiProperty({ description: 'Teams whose owners are told' }) notified!: number;
  @ApiProperty({ description: 'Distinct owners told (one notification each)' }) owners!: number;
  @ApiProperty({ type: [TeamNotifiedDto], description: 'At most 100, by name' }) items!: TeamNotifiedDto[];
  @ApiProperty() truncated!: boolean;
}

export class RegistryChangeDto {
  @ApiProperty({ type: RegistryFlagsDto }) before!: RegistryFlagsDto;
  @ApiProperty({ type: RegistryFlagsDto }) after!: RegistryFlagsDto;
}

export class PromotionImpactDto {
  @ApiProperty() pluginName!: string;
  @ApiProperty({ enum: ['promote', 'demote'] }) operation!: 'promote' | 'demote';
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ example: 'This will enable RegexFilterPlugin on all 100 servers', description: 'One sentence to confirm' }) summary!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The snapshot taken before the change (restore it to undo); null on a dry run' })
  snapshotId!: string | null;
  @ApiProperty({ type: RegistryChangeDto }) registry!: RegistryChangeDto;
  @ApiProperty({ type: ServersImpactDto }) servers!: ServersImpactDto;
  @ApiProperty({ type: RowsImpactDto }) rows!: RowsImpactDto;
  @ApiProperty({ type: TeamsNotifiedDto }) teams!: TeamsNotifiedDto;
}

export class TableCountsDto {
  @ApiProperty({ description: 'Registry entries' }) registry!: number;
  @ApiProperty({ description: 'Team setting rows' }) team!: number;
  @ApiProperty({ description: 'User setting rows' }) user!: number;
  @ApiProperty({ description: 'Server setting rows' }) server!: number;
}

export class SnapshotSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ enum: ['promote', 'demote', 'restore', 'sync', 'manual'], description: 'What the snapshot was taken before' }) trigger!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: TableCountsDto }) counts!: TableCountsDto;
}

export class SnapshotPageDto {
  @ApiProperty({ type: [SnapshotSummaryDto], description: 'Newest first' }) items!: SnapshotSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class RowDiffDto {
  @ApiProperty({ description: 'Rows the snapshot has and the current policy lacks: inserted back' }) restored!: number;
  @ApiProperty({ description: 'Rows the snapshot lacks: deleted' }) removed!: number;
  @ApiProperty({ description: 'Rows whose columns differ: written back as they were' }) changed!: number;
  @ApiProperty() unchanged!: number;
}

export class RowDiffsDto {
  @ApiProperty({ type: RowDiffDto }) team!: RowDiffDto;
  @ApiProperty({ type: RowDiffDto }) user!: RowDiffDto;
  @ApiProperty({ type: RowDiffDto }) server!: RowDiffDto;
}

export class RegistryDiffDto {
  @ApiProperty({ type: [String], description: 'Plugins the snapshot has and the registry lacks' }) added!: string[];
  @ApiProperty({ type: [String], description: 'Plugins the snapshot lacks' }) removed!: string[];
  @ApiProperty({ type: [String], description: 'Entries whose columns differ' }) changed!: string[];
  @ApiProperty() unchanged!: number;
}

export class SkippedRowDto {
  @ApiProperty({ enum: SETTING_LEVELS }) level!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() pluginName!: string;
  @ApiProperty({ format: 'uuid' }) entityId!: string;
  @ApiProperty({ example: 'the team was deleted since the snapshot' }) reason!: string;
}

export class SkippedRowsDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [SkippedRowDto], description: 'At most 200' }) items!: SkippedRowDto[];
  @ApiProperty() truncated!: boolean;
}

export class RestoreResultDto {
  @ApiProperty({ format: 'uuid' }) snapshotId!: string;
  @ApiProperty({ format: 'date-time' }) snapshotCreatedAt!: string;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ example: 'Restores the policy of 2026-11-23T15:40:44.000Z: 1 registry entry and 7 setting rows change' }) summary!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The snapshot of the policy replaced (restore it to undo); null on a dry run' })
  preRestoreSnapshotId!: string | null;
  @ApiProperty({ type: RegistryDiffDto }) registry!: RegistryDiffDto;
  @ApiProperty({ type: RowDiffsDto }) rows!: RowDiffsDto;
  @ApiProperty({ type: SkippedRowsDto, description: 'Rows of teams, users or servers deleted since the snapshot: not restored' }) skipped!: SkippedRowsDto;
  @ApiProperty({ type: ServersImpactDto }) servers!: ServersImpactDto;
  @ApiProperty({ type: TeamsNotifiedDto }) teams!: TeamsNotifiedDto;
}
