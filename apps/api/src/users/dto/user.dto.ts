import { ApiProperty } from '@nestjs/swagger';
import type { AdminUser, Me, PlatformRole, TeamRef, TeamRole, UserSummary } from '@plugboard/shared-contracts';

export class TeamRefDto implements TeamRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['owner', 'member'] }) role!: TeamRole;
}

export class UserSummaryDto implements UserSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['admin', 'user', 'viewer'] }) platformRole!: PlatformRole;
}

export class MeDto extends UserSummaryDto implements Me {
  @ApiProperty() pluginCustomizationAllowed!: boolean;
  @ApiProperty({ type: [TeamRefDto] }) teams!: TeamRefDto[];
}

export class AdminUserDto extends UserSummaryDto implements AdminUser {
  @ApiProperty() pluginCustomizationAllowed!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AdminUserPageDto {
  @ApiProperty({ type: [AdminUserDto] }) items!: AdminUserDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
