import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { JobDispatcher } from './jobs/job-dispatcher';
import { WorkerModule } from './worker.module';

/** Boots the worker without HTTP and starts consuming every queue of the catalogue. */
export async function createWorkerApp(options: { logger?: boolean } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(JobDispatcher).start();
  return app;
}
