import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequirePermission } from '@mptf/identity';
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
      'Every notification mail, newest first, with its status (PENDING, SENT, KEPT without SMTP, BOUNCED, FAILED)',
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
}
