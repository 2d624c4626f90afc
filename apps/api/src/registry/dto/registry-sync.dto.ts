import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import type { RegistrySyncReport, SyncRegistryRequest } from '@plugboard/shared-contracts';
import { IsOptionalNotNull } from '../../common/validation.decorators';

export class SyncRegistryDto implements SyncRegistryRequest {
  @ApiPropertyOptional({ description: 'Take the YAML value even for fields changed through the API since the last sync' })
  @IsOptionalNotNull()
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({ description: 'Report what a sync would do without changing anything' }) @IsOptionalNotNull() @IsBoolean() dryRun?: boolean;

  @ApiPropertyOptional({ description: 'Recorded in the audit log' }) @IsOptionalNotNull() @IsString() @MaxLength(1000) reason?: string;
}

export class SyncUpdatedDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) fields!: string[];
}

export class SyncKeptDto extends SyncUpdatedDto {
  @ApiProperty() reason!: string;
}

export class RegistrySyncReportDto implements RegistrySyncReport {
  @ApiProperty({ description: 'The plugins config synced from' }) file!: string;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() force!: boolean;
  @ApiProperty({ type: [String] }) created!: string[];
  @ApiProperty({ type: [SyncUpdatedDto] }) updated!: SyncUpdatedDto[];
  @ApiProperty({ type: [SyncKeptDto], description: 'Fields changed through the API since the last sync, left as they are' })
  kept!: SyncKeptDto[];
  @ApiProperty({ type: [String], description: 'Removed from the registry; their team, user and server settings stay (ignored)' })
  removed!: string[];
  @ApiProperty({ type: [String] }) unchanged!: string[];
  @ApiProperty({ type: [String] }) warnings!: string[];
}
