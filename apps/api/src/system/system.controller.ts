import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Permission, RequirePermission } from '@mptf/identity';
import { Clock, HeartbeatRepository, JobProducer, NotFoundError } from '@mptf/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HeartbeatDto, HeartbeatRequestDto } from './system.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** Lets an operator check that a worker is consuming jobs, through the real queue. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('system/heartbeats')
export class SystemController {
  constructor(
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly heartbeats: HeartbeatRepository,
  ) {}

  @Post()
  @HttpCode(202)
  @RequirePermission(Permission.SYSTEM_OPERATE)
  @ApiOperation({ summary: 'Enqueue a heartbeat job; a worker records when it processed it' })
  @ApiAcceptedResponse({ type: HeartbeatRequestDto })
  async request(): Promise<HeartbeatRequestDto> {
    const id = randomUUID();
    const requestedAt = this.clock.now().toISOString();
    await this.heartbeats.request(this.dataSource, id, requestedAt);
    try {
      await this.jobs.heartbeat({ heartbeatId: id, requestedAt });
    } catch (error) {
      // Queue down: take the row back, so a failed request leaves nothing half-written.
      await this.heartbeats.withdraw(this.dataSource, id).catch(() => undefined);
      throw error;
    }
    return { id, requestedAt };
  }

  @Get(':id')
  @RequirePermission(Permission.SYSTEM_OPERATE)
  @ApiOkResponse({ type: HeartbeatDto })
  async get(@Param('id', new ParseIdPipe()) id: string): Promise<HeartbeatDto> {
    const row = await this.heartbeats.find(this.dataSource, id);
    if (!row) throw new NotFoundError('Heartbeat', id);
    return {
      id: row.id,
      requestedAt: row.requestedAt.toISOString(),
      processedAt: row.processedAt?.toISOString() ?? null,
      worker: row.worker,
    };
  }
}
