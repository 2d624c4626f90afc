import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ViewerAllowed } from '../auth/platform-role.guard';
import { ApiProblems } from '../common/openapi.decorators';
import { uuidParam } from '../common/uuid-param.pipe';
import { NotificationDto, NotificationPageDto, NotificationQueryDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@ViewerAllowed()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPageDto, description: "The caller's notifications, unread first, then newest first" })
  @ApiProblems()
  list(@CurrentUser() caller: AuthUser, @Query() query: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.page(caller, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationDto, description: 'The notification, read (reading it again keeps the first time)' })
  @ApiProblems(404)
  markRead(@CurrentUser() caller: AuthUser, @Param('id', uuidParam('Notification')) id: string): Promise<NotificationDto> {
    return this.notifications.markRead(caller, id);
  }
}
