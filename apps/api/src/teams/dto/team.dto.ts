import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import type { TeamDetail, TeamMember, TeamRole, TeamSummary } from '@plugboard/shared-contracts';
import { PageQueryDto } from '../../common/paging.dto';
import { IsOptionalNotNull, Trim } from '../../common/validation.decorators';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export class CreateTeamDto {
  @ApiProperty({ example: 'engineering', description: 'Lowercase letters, digits and dashes' })
  @IsString()
  @Matches(SLUG, { message: 'slug must be 1-64 lowercase letters, digits or inner dashes' })
  slug!: string;

  @ApiProperty({ example: 'Engineering' }) @Trim() @IsString() @MinLength(1) @MaxLength(200) name!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
}

export class UpdateTeamDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @Trim() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(2000) description?: string;
}

export class AddMemberDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId!: string;
  @ApiProperty({ enum: ['owner', 'member'] }) @IsIn(['owner', 'member']) role!: TeamRole;
}

export class TeamQueryDto extends PageQueryDto {}

export class TeamSummaryDto implements TeamSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ['owner', 'member'], nullable: true, type: String }) myRole!: TeamRole | null;
  @ApiProperty() memberCount!: number;
}

export class TeamMemberDto implements TeamMember {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['owner', 'member'] }) role!: TeamRole;
}

export class TeamDetailDto extends TeamSummaryDto implements TeamDetail {
  @ApiProperty({ type: [TeamMemberDto] }) members!: TeamMemberDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class TeamPageDto {
  @ApiProperty({ type: [TeamSummaryDto] }) items!: TeamSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
