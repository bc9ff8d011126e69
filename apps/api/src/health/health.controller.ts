import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Public } from '@mptf/identity';
import { pingDatabase, QueueConnection } from '@mptf/platform';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { HealthDto } from './health.dto';

type ComponentStatus = { status: 'up' | 'down'; backend?: string; error?: string };

const TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
    ),
  ]);
}

async function probe(check: () => Promise<unknown>, backend?: string): Promise<ComponentStatus> {
  try {
    await withTimeout(check());
    return { status: 'up', ...(backend ? { backend } : {}) };
  } catch (error) {
    return { status: 'down', ...(backend ? { backend } : {}), error: (error as Error).message };
  }
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: QueueConnection,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({
    type: HealthDto,
    description: 'The database or the queue backend (Redis) is down',
  })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const [database, redis] = await Promise.all([
      probe(() => pingDatabase(this.dataSource)),
      probe(() => this.queue.ping(), this.queue.backend),
    ]);
    const ok = database.status === 'up' && redis.status === 'up';
    response.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', info: { database, redis } };
  }
}
