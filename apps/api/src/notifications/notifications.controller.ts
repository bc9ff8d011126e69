import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { NotificationPreferencesService, NotificationsService } from '@mptf/notifications';
import {
  ListNotificationsQuery,
  NotificationDto,
  NotificationPageDto,
  NotificationPreferencesDto,
  NotificationPreferencesInputDto,
  ReadAllDto,
} from './notifications.dto';

const uuid = new ParseIdPipe();

/** The caller's own notifications (the bell): only ever their own rows. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @RequirePermission(Permission.NOTIFICATION_READ)
  @ApiOperation({ summary: "The caller's notifications, newest first; unread=true for the unread only" })
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListNotificationsQuery) {
    return this.notifications.list(user, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @RequirePermission(Permission.NOTIFICATION_MANAGE)
  @ApiOperation({ summary: "Marks all the caller's notifications read" })
  @ApiOkResponse({ type: ReadAllDto })
  readAll(@CurrentUser() user: AuthUser) {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @RequirePermission(Permission.NOTIFICATION_MANAGE)
  @ApiOperation({ summary: 'Marks one of the caller’s notifications read (another user’s: 404)' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiNotFoundResponse({ description: 'No such notification of the caller' })
  read(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.notifications.markRead(user, id);
  }
}

/** The caller's notification preferences: mail per kind (off, immediately, daily digest) and all off. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  @RequirePermission(Permission.NOTIFICATION_READ)
  @ApiOkResponse({ type: NotificationPreferencesDto })
  get(@CurrentUser() user: AuthUser) {
    return this.preferences.get(user);
  }

  @Put()
  @RequirePermission(Permission.NOTIFICATION_MANAGE)
  @ApiOperation({ summary: 'Replaces the preferences; unknown kinds or deliveries are a 400 naming each' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  put(@CurrentUser() user: AuthUser, @Body() body: NotificationPreferencesInputDto) {
    return this.preferences.put(user, body);
  }
}
