import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptionalNotNull } from '../../common/validation.decorators';

export class NotificationQueryDto {
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

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'plugin.promoted', description: 'plugin.promoted, plugin.demoted, policy.restored' }) kind!: string;
  @ApiProperty({ example: 'RegexFilterPlugin is now mandatory' }) title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Machine-readable details (plugin, teams, snapshot…)' })
  data!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while unread' }) readAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto], description: 'Unread first, then newest first' }) items!: NotificationDto[];
  @ApiProperty({ description: 'All of the caller\'s notifications' }) total!: number;
  @ApiProperty({ description: 'The caller\'s unread notifications (for the top bar badge)' }) unreadCount!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
