import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const LEVELS = ['team', 'user', 'server'];
const ORIGINS = ['mandatory', 'global', 'team', 'user', 'server'];
const BADGES = ['MANDATORY', 'GLOBAL DEFAULT', 'TEAM DEFAULT', 'USER DEFAULT', 'SERVER SPECIFIC'];

export class SettingViewDto {
  @ApiProperty() pluginName!: string;
  @ApiProperty({ enum: LEVELS }) level!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) config!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: Number }) priority!: number | null;
  @ApiProperty({ description: 'inherit_config, or inherit_team_config on user rows' }) inheritConfig!: boolean;
  @ApiProperty({ description: 'Send it back as `version` (or If-Match) to update safely' }) version!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt!: string | null;
}

export class LevelPluginDto {
  @ApiProperty() name!: string;
  @ApiProperty() mandatory!: boolean;
  @ApiProperty({ description: "Enabled in this level's template chain" }) enabled!: boolean;
  @ApiProperty({ enum: BADGES, nullable: true, type: String }) badge!: string | null;
  @ApiProperty({ enum: ORIGINS, nullable: true, type: String }) origin!: string | null;
  @ApiProperty({ nullable: true, type: Number }) priority!: number | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) config!: Record<string, unknown> | null;
  @ApiProperty() canToggle!: boolean;
  @ApiProperty() canConfigure!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why the caller may not change it' }) reason!: string | null;
  @ApiProperty({ type: SettingViewDto, nullable: true }) setting!: SettingViewDto | null;
}

export class LevelSettingsDto {
  @ApiProperty({ enum: LEVELS }) level!: string;
  @ApiProperty({ description: 'The team, user or server id' }) entityId!: string;
  @ApiProperty() canWrite!: boolean;
  @ApiProperty({ type: [LevelPluginDto] }) plugins!: LevelPluginDto[];
}

export class WriteOutcomeDto {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: SettingViewDto, nullable: true }) setting!: SettingViewDto | null;
  @ApiProperty({ type: [String], description: 'Requirements enabled at the same level' }) autoEnabled!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The plan: the template chain and every affected server, each with chain before and after and the changes',
  })
  plan!: Record<string, unknown>;
}

export class ChainEntryDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORIGINS }) level!: string;
  @ApiProperty({ enum: BADGES }) badge!: string;
  @ApiProperty({ type: [String], enum: LEVELS }) overriddenBy!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty() priority!: number;
  @ApiProperty({ enum: ['enforce', 'permissive', 'disabled'] }) mode!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) config!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Which level set each top-level config key' })
  configSources!: Record<string, string>;
}

export class IgnoredRowDto {
  @ApiProperty({ enum: LEVELS }) level!: string;
  @ApiProperty() pluginName!: string;
  @ApiProperty() code!: string;
  @ApiProperty() reason!: string;
}

export class ChainProblemDto {
  @ApiProperty() code!: string;
  @ApiProperty() plugin!: string;
  @ApiProperty() other!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: [String] }) suggestions?: string[];
}

export class ServerChainDto {
  @ApiProperty() serverId!: string;
  @ApiProperty({ type: [ChainEntryDto], description: 'Execution order' }) chain!: ChainEntryDto[];
  @ApiProperty({ type: [IgnoredRowDto] }) ignored!: IgnoredRowDto[];
  @ApiProperty() degraded!: boolean;
  @ApiProperty({ type: [ChainProblemDto] }) problems!: ChainProblemDto[];
  @ApiProperty() canWrite!: boolean;
  @ApiProperty({ type: [LevelPluginDto], description: 'Every plugin as the server level sees it' }) plugins!: LevelPluginDto[];
}
