import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Permission, RequirePermission } from '@mptf/identity';
import type { Request, Response } from 'express';
import { QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_PATH } from './queue-dashboard';

export class QueueDashboardSessionDto {
  @ApiProperty({ example: QUEUE_DASHBOARD_PATH, description: 'where the dashboard opens' })
  url: string;
}

/**
 * The signed-in session opens the queue dashboard: the web app calls this with its bearer token,
 * which comes back as an httpOnly cookie scoped to the dashboard's path, so no token is ever in an
 * address (history, logs, a shared link).
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/queue-dashboard')
export class QueueDashboardController {
  @Post('session')
  @HttpCode(200)
  @RequirePermission(Permission.QUEUE_DASHBOARD)
  @ApiOperation({ summary: 'Open the queue dashboard with the current session (sets its cookie)' })
  @ApiOkResponse({ type: QueueDashboardSessionDto })
  session(@Req() request: Request, @Res({ passthrough: true }) response: Response): QueueDashboardSessionDto {
    // The guard has authenticated this bearer token and checked queue.dashboard.
    const token = (request.headers.authorization ?? '').split(' ')[1] ?? '';
    response.cookie(QUEUE_DASHBOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: QUEUE_DASHBOARD_PATH,
    });
    return { url: QUEUE_DASHBOARD_PATH };
  }
}
