import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { PLUGIN_NAME_PATTERN } from '@plugboard/governance';
import { IsOptionalNotNull } from '../../common/validation.decorators';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
const LEVELS = ['mandatory', 'global', 'team', 'user', 'server'] as const;

export class UsageReportQueryDto {
  @ApiPropertyOptional({ description: 'One plugin: its column of the matrix and its drill-down', example: 'PIIFilterPlugin' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(PLUGIN_NAME_PATTERN, { message: 'plugin must be a plugin name' })
  plugin?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this team's servers" }) @IsOptionalNotNull() @IsUUID() team?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the servers this user owns' }) @IsOptionalNotNull() @IsUUID() user?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Changes (recent changes, timeline) from this instant; a date alone = the start of that day (UTC)' })
  @IsOptionalNotNull()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Changes up to this instant; a date alone = the whole of that day (UTC)' })
  @IsOptionalNotNull()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: 'csv: every cell of the matrix, one line each' })
  @IsOptionalNotNull()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000, description: 'Servers per page of the JSON matrix' })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, description: 'First server of the JSON matrix page' })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export class LevelCountsAllDto {
  @ApiProperty() mandatory!: number;
  @ApiProperty() global!: number;
  @ApiProperty() team!: number;
  @ApiProperty() user!: number;
  @ApiProperty() server!: number;
}

export class PluginAdoptionDto {
  @ApiProperty() name!: string;
  @ApiProperty() mandatory!: boolean;
  @ApiProperty() enabledGlobally!: boolean;
  @ApiProperty() availableForTeams!: boolean;
  @ApiProperty() availableForUsers!: boolean;
  @ApiProperty({ description: 'Servers whose chain runs it' }) servers!: number;
  @ApiProperty({ type: LevelCountsAllDto, description: 'Those servers by the level that put it in the chain' }) byLevel!: LevelCountsAllDto;
  @ApiProperty({ description: 'Servers where a setting switches it off' }) disabled!: number;
}

export class UnusedPluginDto {
  @ApiProperty() name!: string;
  @ApiProperty() availableForTeams!: boolean;
  @ApiProperty() availableForUsers!: boolean;
  @ApiProperty({ example: 'CustomMetricsPlugin (0 servers - consider removing?)' }) summary!: string;
}

export class TeamUsageDto {
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: "The team's servers" }) servers!: number;
  @ApiProperty({ description: 'Distinct plugins running on at least one of its servers' }) plugins!: number;
  @ApiProperty({ description: 'Plugins the team sets at the team level' }) teamSettings!: number;
}

export class RecentChangeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true }) actorEmail!: string | null;
  @ApiProperty({ example: 'setting.created' }) action!: string;
  @ApiProperty({ type: String, nullable: true }) pluginName!: string | null;
  @ApiProperty() level!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiProperty({ type: String, nullable: true }) entityName!: string | null;
  @ApiProperty({ example: "alice@example.com enabled DenyFilterPlugin on server 'prod_tools' 2 hours ago" }) summary!: string;
}

export class TimelinePointDto {
  @ApiProperty({ example: '2026-11-23', description: 'A day (UTC)' }) date!: string;
  @ApiProperty({ description: 'Governance changes that day' }) changes!: number;
}

export class UsageCellDto {
  @ApiProperty() plugin!: string;
  @ApiProperty({ enum: LEVELS, description: 'The level that put it in the chain, or that switched it off' }) level!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ example: 'blocked_patterns=[internal-regex-123]' }) configSummary!: string;
  @ApiProperty({ description: 'Who last set it for this server (email); the registry\'s last editor for platform-level cells' }) modifiedBy!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) modifiedAt!: string | null;
}

export class ServerUsageDto {
  @ApiProperty({ format: 'uuid' }) serverId!: string;
  @ApiProperty() serverName!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) teamId!: string | null;
  @ApiProperty({ type: String, nullable: true }) teamName!: string | null;
  @ApiProperty() ownerEmail!: string;
  @ApiProperty({ description: 'The chain is degraded (an invalid combination was repaired)' }) degraded!: boolean;
  @ApiProperty({ type: [UsageCellDto], description: 'Plugins of the chain in execution order, then plugins switched off' }) cells!: UsageCellDto[];
}

export class UsageMatrixDto {
  @ApiProperty({ type: [String], description: 'The columns: registry plugins (or the one asked for)' }) plugins!: string[];
  @ApiProperty({ description: 'Servers matching the filters' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ type: [ServerUsageDto], description: 'This page of servers, by name' }) servers!: ServerUsageDto[];
}

export class SettingUsageDto {
  @ApiProperty({ format: 'uuid' }) entityId!: string;
  @ApiProperty({ description: 'Team name, user email or server name' }) entityName!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) config!: Record<string, unknown>;
  @ApiProperty() configSummary!: string;
  @ApiProperty() inheritConfig!: boolean;
  @ApiProperty() modifiedBy!: string;
  @ApiProperty({ format: 'date-time' }) modifiedAt!: string;
}

export class ServerRefDto {
  @ApiProperty({ format: 'uuid' }) serverId!: string;
  @ApiProperty() serverName!: string;
  @ApiProperty({ enum: LEVELS }) level!: string;
}

export class PluginDrillDownDto {
  @ApiProperty() plugin!: string;
  @ApiProperty() mandatory!: boolean;
  @ApiProperty({ example: 'Total servers using it: 100 (all servers - mandatory)' }) summary!: string;
  @ApiProperty({ description: 'Servers (matching the filters) whose chain runs it' }) serversUsing!: number;
  @ApiProperty({ description: 'Servers matching the filters' }) serversTotal!: number;
  @ApiProperty({ type: [ServerRefDto], description: 'The servers using it, by name, at most 1000' }) servers!: ServerRefDto[];
  @ApiProperty({ type: [SettingUsageDto], description: 'Team-level configs' }) teamConfigs!: SettingUsageDto[];
  @ApiProperty({ type: [SettingUsageDto], description: 'User-level overrides' }) userOverrides!: SettingUsageDto[];
  @ApiProperty({ type: [SettingUsageDto], description: 'Server-specific overrides' }) serverOverrides!: SettingUsageDto[];
}

export class ReportFiltersDto {
  @ApiProperty({ type: String, nullable: true }) plugin!: string | null;
  @ApiProperty({ type: String, nullable: true }) team!: string | null;
  @ApiProperty({ type: String, nullable: true }) user!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) from!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) to!: string | null;
}

export class ReportTotalsDto {
  @ApiProperty({ description: 'Servers matching the filters' }) servers!: number;
  @ApiProperty({ description: 'Registry plugins' }) plugins!: number;
  @ApiProperty() teamSettings!: number;
  @ApiProperty() userSettings!: number;
  @ApiProperty() serverSettings!: number;
}

export class UsageReportDto {
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: ReportFiltersDto }) filters!: ReportFiltersDto;
  @ApiProperty({ type: ReportTotalsDto }) totals!: ReportTotalsDto;
  @ApiProperty({ type: [PluginAdoptionDto], description: 'Every registry plugin, most adopted first' }) plugins!: PluginAdoptionDto[];
  @ApiProperty({ type: [UnusedPluginDto], description: 'Registry plugins no server (matching the filters) runs' }) unusedPlugins!: UnusedPluginDto[];
  @ApiProperty({ type: [TeamUsageDto], description: 'Plugins per team, by team name' }) teams!: TeamUsageDto[];
  @ApiProperty({ type: [RecentChangeDto], description: 'The 50 newest governance changes in the period, newest first' }) recentChanges!: RecentChangeDto[];
  @ApiProperty({ type: [TimelinePointDto], description: 'Changes per day in the period (default: the last 30 days)' }) timeline!: TimelinePointDto[];
  @ApiProperty({ type: UsageMatrixDto }) matrix!: UsageMatrixDto;
  @ApiProperty({ type: PluginDrillDownDto, nullable: true, description: 'With plugin=: who uses it and how' }) drillDown!: PluginDrillDownDto | null;
}
