import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequirePermission } from '@mptf/identity';
import { HeartbeatService } from '@mptf/platform';
import { HeartbeatDto, HeartbeatRequestDto } from './system.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** Lets an operator check that a worker is consuming jobs, through the real queue. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('system/heartbeats')
export class SystemController {
  constructor(private readonly heartbeats: HeartbeatService) {}

  @Post()
  @HttpCode(202)
  @RequirePermission(Permission.SYSTEM_OPERATE)
  @ApiOperation({ summary: 'Enqueue a heartbeat job; a worker records when it processed it' })
  @ApiAcceptedResponse({ type: HeartbeatRequestDto })
  request(): Promise<HeartbeatRequestDto> {
    return this.heartbeats.request();
  }

  @Get(':id')
  @RequirePermission(Permission.SYSTEM_OPERATE)
  @ApiOkResponse({ type: HeartbeatDto })
  get(@Param('id', new ParseIdPipe()) id: string): Promise<HeartbeatDto> {
    return this.heartbeats.get(id);
  }
}
