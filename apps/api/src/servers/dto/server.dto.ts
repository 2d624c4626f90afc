import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import type {
  InvokeResponse, ServerDetail, ServerSummary, Tool, ToolTargetType, TraceEntry,
} from '@plugboard/shared-contracts';
import { PageQueryDto } from '../../common/paging.dto';
import { IsOptionalNotNull } from '../../common/validation.decorators';

export const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const NAME_MESSAGE = 'must be 1-100 letters, digits, _ . or -, starting with a letter or digit';

export class CreateServerDto {
  @ApiProperty({ example: 'production_tools' })
  @IsString()
  @Matches(NAME, { message: `name ${NAME_MESSAGE}` })
  name!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A team the caller belongs to' })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}

export class UpdateServerDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Matches(NAME, { message: `name ${NAME_MESSAGE}` }) name?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(2000) description?: string;
}

export class ServerQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() teamId?: string;
}

export class ToolTargetDto {
  @ApiProperty({ enum: ['echo', 'http'] }) @IsIn(['echo', 'http']) type!: ToolTargetType;

  @ApiPropertyOptional({ description: 'For http targets: an http(s) URL whose host is in PLUGBOARD_UPSTREAM_ALLOWLIST' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ minimum: 100, maximum: 60000 })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  timeoutMs?: number;
}

export class CreateToolDto {
  @ApiProperty({ example: 'search' })
  @IsString()
  @Matches(NAME, { message: `name ${NAME_MESSAGE}` })
  name!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;

  @ApiPropertyOptional({ description: 'JSON Schema of the arguments', type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  inputSchema?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The resource the tool touches (for resource filters)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  resource?: string;

  @ApiProperty({ type: ToolTargetDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ToolTargetDto)
  target!: ToolTargetDto;
}

export class InvokeToolDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, default: {} })
  @IsOptional()
  @IsObject()
  arguments?: Record<string, unknown>;
}

export class ToolDto implements Tool {
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) inputSchema!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) resource!: string | null;
  @ApiProperty({ type: ToolTargetDto }) target!: ToolTargetDto;
}

export class ServerSummaryDto implements ServerSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() ownerEmail!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({ nullable: true, type: String }) teamName!: string | null;
  @ApiProperty() toolCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ServerPermissionsDto {
  @ApiProperty() update!: boolean;
  @ApiProperty() delete!: boolean;
  @ApiProperty() manageTools!: boolean;
  @ApiProperty() invoke!: boolean;
}

export class ServerDetailDto extends ServerSummaryDto implements ServerDetail {
  @ApiProperty({ type: [ToolDto] }) tools!: ToolDto[];
  @ApiProperty({ type: ServerPermissionsDto }) permissions!: ServerPermissionsDto;
}

export class ServerPageDto {
  @ApiProperty({ type: [ServerSummaryDto] }) items!: ServerSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class TraceEntryDto implements TraceEntry {
  @ApiProperty() plugin!: string;
  @ApiProperty() hook!: string;
  @ApiProperty({ enum: ['continue', 'modified', 'violation', 'error', 'timeout', 'skipped'] })
  outcome!: TraceEntry['outcome'];
  @ApiProperty() durationMs!: number;
  @ApiPropertyOptional() detail?: string;
}

export class InvokeResponseDto implements InvokeResponse {
  @ApiProperty({ description: 'What the tool returned' }) result!: unknown;
  @ApiProperty({ type: [TraceEntryDto] }) trace!: TraceEntryDto[];
  @ApiProperty() durationMs!: number;
}
