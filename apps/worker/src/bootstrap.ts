import { INestApplicationContext, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RendererWarmUp } from '@mptf/reporting';
import { Logger } from 'nestjs-pino';
import { HeapRelease } from './jobs/heap-release';
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
  // Before taking jobs: the first report would otherwise carry the renderer's one-time costs.
  const started = Date.now();
  const pages = await app.get(RendererWarmUp).run();
  new NestLogger('Worker').log(`Report renderer ready (${pages}-page sample in ${Date.now() - started} ms)`);
  // Start-up and the sample leave garbage the first reports would otherwise pile onto.
  app.get(HeapRelease).release();
  app.get(JobDispatcher).start();
  return app;
}
