import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { AuditLevelName, AuditLogEntry, AuditLogPage } from '@plugboard/shared-contracts';
import { IsOptionalNotNull } from '../../common/validation.decorators';

export const AUDIT_LEVELS: readonly AuditLevelName[] = ['global', 'mandatory', 'team', 'user', 'server', 'platform'];

export class AuditLogQueryDto {
  @ApiPropertyOptional({ description: 'Exact plugin name' }) @IsOptionalNotNull() @IsString() @MaxLength(100) plugin?: string;

  @ApiPropertyOptional({ enum: AUDIT_LEVELS }) @IsOptionalNotNull() @IsIn(AUDIT_LEVELS) level?: AuditLevelName;

  @ApiPropertyOptional({ description: 'A user id, or an actor email (`system` for start-up syncs, `cli` for the CLI)' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(320)
  actor?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive; a date alone means the start of that day (UTC)' })
  @IsOptionalNotNull()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive; a date alone means the whole of that day (UTC)' })
  @IsOptionalNotNull()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a cursor from a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

const JSON_OBJECT = { type: 'object', additionalProperties: true, nullable: true } as const;

export class AuditLogEntryDto implements AuditLogEntry {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail!: string | null;
  @ApiProperty({ example: 'registry.updated' }) action!: string;
  @ApiProperty({ enum: AUDIT_LEVELS }) level!: string;
  @ApiProperty({ type: String, nullable: true }) pluginName!: string | null;
  @ApiProperty({ example: 'registry' }) entityType!: string;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiProperty({ type: String, nullable: true }) entityName!: string | null;
  @ApiProperty(JSON_OBJECT) oldValue!: Record<string, unknown> | null;
  @ApiProperty(JSON_OBJECT) newValue!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
}

export class AuditLogPageDto implements AuditLogPage {
  @ApiProperty({ type: [AuditLogEntryDto], description: 'Newest first' }) items!: AuditLogEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next (older) page; null on the last page' })
  nextCursor!: string | null;
}
