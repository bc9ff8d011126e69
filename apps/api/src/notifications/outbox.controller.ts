import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { OutboxService } from '@mptf/notifications';
import { BounceDto, ListOutboxQuery, OutboxPageDto } from './notifications.dto';

/** The admin's view of notification mail: every message composed, and the addresses that bounced. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('admin/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @RequirePermission(Permission.MAIL_OUTBOX_READ)
  @ApiOperation({
    summary:
      'Every notification mail, newest first, with its status (PENDING, SENT, KEPT without SMTP, BOUNCED, FAILED, BLOCKED: the address bounced before)',
  })
  @ApiOkResponse({ type: OutboxPageDto })
  list(@Query() query: ListOutboxQuery) {
    return this.outbox.list(query);
  }

  @Get('bounces')
  @RequirePermission(Permission.MAIL_OUTBOX_READ)
  @ApiOperation({ summary: 'Addresses an SMTP server refused permanently (5xx), latest first' })
  @ApiOkResponse({ type: BounceDto, isArray: true })
  bounces() {
    return this.outbox.bounces();
  }

  @Post('bounces/:address/clear')
  @HttpCode(200)
  @RequirePermission(Permission.MAIL_BOUNCE_CLEAR)
  @ApiOperation({
    summary:
      'Clears a bounced address (the mailbox was fixed): mail goes to it again (404 if it never bounced)',
  })
  @ApiOkResponse({ type: BounceDto })
  clear(@CurrentUser() user: AuthUser, @Param('address') address: string) {
    return this.outbox.clearBounce(user, address);
  }
}
