import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const PLUGIN_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

/** Fields every setting write shares, whatever the level. */
class SettingWriteFields {
  @ApiProperty({ description: 'Whether the plugin runs at this level' })
  @IsBoolean()
  enabled!: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "Validated against the plugin's JSON Schema" })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: 0, maximum: 100000, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  priority?: number | null;

  @ApiPropertyOptional({ description: 'Optimistic concurrency: the version this write expects (or If-Match)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ description: 'Enable missing requirements at the same level in the same transaction' })
  @IsOptional()
  @IsBoolean()
  autoEnableRequirements?: boolean;

  @ApiPropertyOptional({ description: 'Answer the plan without committing anything' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

class InheritConfigField extends SettingWriteFields {
  @ApiPropertyOptional({ default: true, description: 'Merge into the config from the levels above (false: start from the registry defaults)' })
  @IsOptional()
  @IsBoolean()
  inheritConfig?: boolean;
}

class InheritTeamConfigField extends SettingWriteFields {
  @ApiPropertyOptional({ default: true, description: "Merge into the team's config (false: start from the registry defaults)" })
  @IsOptional()
  @IsBoolean()
  inheritTeamConfig?: boolean;
}

export class TeamSettingDto extends InheritConfigField {}
export class ServerSettingDto extends InheritConfigField {}
export class UserSettingDto extends InheritTeamConfigField {}

export class CreateTeamSettingDto extends TeamSettingDto {
  @ApiProperty({ example: 'RegexFilterPlugin' }) @IsString() @Matches(PLUGIN_NAME) pluginName!: string;
}
export class CreateServerSettingDto extends ServerSettingDto {
  @ApiProperty({ example: 'DenyFilterPlugin' }) @IsString() @Matches(PLUGIN_NAME) pluginName!: string;
}
export class CreateUserSettingDto extends UserSettingDto {
  @ApiProperty({ example: 'ResourceFilterPlugin' }) @IsString() @Matches(PLUGIN_NAME) pluginName!: string;
}

export class DeleteSettingDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() dryRun?: boolean;
}

/** A write as the service takes it, whatever the level's field names. */
export interface SettingWrite {
  enabled: boolean;
  config?: Record<string, unknown>;
  priority?: number | null;
  inheritConfig?: boolean;
  version?: number;
  reason?: string;
  autoEnableRequirements?: boolean;
  dryRun?: boolean;
}

export function toSettingWrite(dto: TeamSettingDto | ServerSettingDto | UserSettingDto): SettingWrite {
  const inherit = 'inheritTeamConfig' in dto ? dto.inheritTeamConfig : (dto as TeamSettingDto).inheritConfig;
  return { ...dto, inheritConfig: inherit };
}
