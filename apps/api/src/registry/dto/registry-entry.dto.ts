import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize, ArrayUnique, Equals, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsString, Matches, Max, MaxLength, Min, ValidateIf,
} from 'class-validator';
import { PLUGIN_MODES, PLUGIN_NAME_PATTERN } from '@plugboard/governance';
import type {
  PlannedChainEntry, PlannedChange, PluginModeName, RegistryEntryView, RegistryImpact, RegistryList, RegistryUpdateResult,
  ServerImpact, UpdateRegistryEntryRequest,
} from '@plugboard/shared-contracts';
import { IsOptionalNotNull } from '../../common/validation.decorators';

const NAME_MESSAGE = 'each item must be a plugin name (a letter, then letters, digits, "_", "." or "-", at most 100)';
const JSON_OBJECT = { type: 'object', additionalProperties: true } as const;
export const MANDATORY_MESSAGE =
  'mandatory cannot be changed here: use POST /api/admin/plugins/{pluginName}/promote-to-mandatory or /demote-to-optional';

export class RegistryEntryDto implements RegistryEntryView {
  @ApiProperty({ example: 'PIIFilterPlugin' }) name!: string;
  @ApiProperty({ example: '@plugboard/plugin-pii-filter', description: 'The plugin\'s package name' }) kind!: string;
  @ApiProperty({ example: '1.0.0' }) version!: string;
  @ApiProperty() description!: string;
  @ApiProperty() mandatory!: boolean;
  @ApiProperty() enabledGlobally!: boolean;
  @ApiProperty() availableForTeams!: boolean;
  @ApiProperty() availableForUsers!: boolean;
  @ApiProperty() allowTeamOverride!: boolean;
  @ApiProperty() allowUserOverride!: boolean;
  @ApiProperty() allowServerOverride!: boolean;
  @ApiProperty({ type: [String] }) requires!: string[];
  @ApiProperty({ type: [String] }) conflictsWith!: string[];
  @ApiProperty(JSON_OBJECT) defaultConfig!: Record<string, unknown>;
  @ApiProperty({ example: 10 }) priority!: number;
  @ApiProperty({ enum: PLUGIN_MODES }) mode!: PluginModeName;
  @ApiProperty({ ...JSON_OBJECT, nullable: true, description: 'The JSON Schema the loaded plugin ships; null while it is not loaded' })
  configSchema!: Record<string, unknown> | null;
  @ApiProperty({ enum: ['yaml', 'api'], description: '`api` once an admin changed the entry through the API' }) managedBy!: 'yaml' | 'api';
  @ApiProperty({ type: [String], description: 'Fields changed through the API since the last sync; a sync keeps them unless forced' })
  apiChangedFields!: string[];
  @ApiProperty({ description: 'Optimistic concurrency counter: send it back as `revision` or `If-Match`' }) revision!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class RegistryListDto implements RegistryList {
  @ApiProperty({ type: [RegistryEntryDto] }) items!: RegistryEntryDto[];
}

/** A partial update of a registry entry's policy; absent fields keep their value. */
export class UpdateRegistryEntryDto implements UpdateRegistryEntryRequest {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() enabledGlobally?: boolean;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() availableForTeams?: boolean;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() availableForUsers?: boolean;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() allowTeamOverride?: boolean;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() allowUserOverride?: boolean;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() allowServerOverride?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Plugins that must be enabled wherever this one is' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(PLUGIN_NAME_PATTERN, { each: true, message: NAME_MESSAGE })
  requires?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Plugins that may not be enabled together with this one' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(PLUGIN_NAME_PATTERN, { each: true, message: NAME_MESSAGE })
  conflictsWith?: string[];

  @ApiPropertyOptional({ ...JSON_OBJECT, description: 'Validated against the plugin\'s config schema (422 CONFIG_INVALID)' })
  @IsOptionalNotNull()
  @IsObject()
  defaultConfig?: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: -1_000_000, maximum: 1_000_000 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  priority?: number;

  @ApiPropertyOptional({ enum: PLUGIN_MODES }) @IsOptionalNotNull() @IsIn(PLUGIN_MODES) mode?: PluginModeName;

  /** Refused with a pointer to promotion and demotion, which clean up settings and notify teams. */
  @ApiHideProperty()
  @ValidateIf((_object, value) => value !== undefined)
  @Equals(undefined, { message: MANDATORY_MESSAGE })
  mandatory?: never;

  @ApiPropertyOptional({ description: 'The revision the change is based on (or send If-Match); stale → 409 VERSION_CONFLICT' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  revision?: number;

  @ApiPropertyOptional({ description: 'Recorded in the audit log' }) @IsOptionalNotNull() @IsString() @MaxLength(1000) reason?: string;

  @ApiPropertyOptional({ description: 'Answer the impact without changing anything' }) @IsOptionalNotNull() @IsBoolean() dryRun?: boolean;
}

export class PlannedChainEntryDto implements PlannedChainEntry {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['mandatory', 'global', 'team', 'user', 'server'] }) level!: PlannedChainEntry['level'];
  @ApiProperty({ type: [String] }) overriddenBy!: string[];
  @ApiProperty({ enum: [true] }) enabled!: true;
  @ApiProperty() priority!: number;
  @ApiProperty({ enum: PLUGIN_MODES }) mode!: PluginModeName;
  @ApiProperty(JSON_OBJECT) config!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Which level set each top-level config key' })
  configSources!: Record<string, string>;
}

export class PlannedChangeDto implements PlannedChange {
  @ApiProperty() plugin!: string;
  @ApiProperty({ enum: ['added', 'removed', 'changed', 'unchanged'] }) change!: PlannedChange['change'];
  @ApiProperty({ type: [String], description: 'For changed: config, priority, level, mode' }) fields!: string[];
}

export class ServerImpactDto implements ServerImpact {
  @ApiProperty({ format: 'uuid' }) serverId!: string;
  @ApiProperty() serverName!: string;
  @ApiProperty({ type: [PlannedChainEntryDto] }) before!: PlannedChainEntryDto[];
  @ApiProperty({ type: [PlannedChainEntryDto] }) after!: PlannedChainEntryDto[];
  @ApiProperty({ type: [PlannedChangeDto] }) changes!: PlannedChangeDto[];
  @ApiProperty() degradedBefore!: boolean;
  @ApiProperty() degradedAfter!: boolean;
}

export class ImpactSummaryDto {
  @ApiProperty() servers!: number;
  @ApiProperty() serversChanged!: number;
  @ApiProperty() added!: number;
  @ApiProperty() removed!: number;
  @ApiProperty() changed!: number;
}

export class RegistryImpactDto implements RegistryImpact {
  @ApiProperty({ type: [ServerImpactDto], description: 'Only the servers whose chain changes' }) servers!: ServerImpactDto[];
  @ApiProperty({ type: ImpactSummaryDto }) summary!: ImpactSummaryDto;
}

export class RegistryUpdateResultDto implements RegistryUpdateResult {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: [String] }) changedFields!: string[];
  @ApiProperty({ type: RegistryEntryDto, description: 'The entry after the change (a dry run shows the planned values with the current revision)' })
  entry!: RegistryEntryDto;
  @ApiProperty({ type: RegistryImpactDto }) impact!: RegistryImpactDto;
}
