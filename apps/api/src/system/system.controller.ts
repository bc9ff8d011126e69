import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Permission, RequirePermission } from '@mptf/identity';
import { Clock, JobProducer, NotFoundError } from '@mptf/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

interface HeartbeatRow {
  id: string;
  requested_at: Date;
  processed_at: Date | null;
  worker: string | null;
}

/** Lets an operator check that a worker is consuming jobs, through the real queue. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('system/heartbeats')
export class SystemController {
  constructor(
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post()
  @HttpCode(202)
  @RequirePermission(Permission.SYSTEM_OPERATE)
  @ApiOperation({ summary: 'Enqueue a heartbeat job; a worker records when it processed it' })
  @ApiAcceptedResponse({ description: '{id, requestedAt}' })
  async request() {
    const id = randomUUID();
    const requestedAt = this.clock.now().toISOString();
    await this.dataSource.query('INSERT INTO worker_heartbeats (id, requested_at) VALUES ($1, $2)', [
      id,
      requestedAt,
    ]);
    try {
      await this.jobs.heartbeat({ heartbeatId: id, requestedAt });
    } catch (error) {
      // Queue down: take the row back, so a failed request leaves nothing half-written.
      await this.dataSource.query('DELETE FROM worker_heartbeats WHERE id = $1', [id]).catch(() => undefined);
      throw error;
    }
    return { id, requestedAt };
  }

  @Get(':id')
  @RequirePermission(Permission.SYSTEM_OPERATE)
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    // Columns named: a prepared statement must not change its result's shape under a migration.
    const [row] = (await this.dataSource.query(
      'SELECT id, requested_at, processed_at, worker FROM worker_heartbeats WHERE id = $1',
      [id],
    )) as HeartbeatRow[];
    if (!row) throw new NotFoundError('Heartbeat', id);
    return {
      id: row.id,
      requestedAt: row.requested_at.toISOString(),
      processedAt: row.processed_at?.toISOString() ?? null,
      worker: row.worker,
    };
  }
}
