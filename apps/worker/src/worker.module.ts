import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '@mptf/audit';
import { IdentityModule } from '@mptf/identity';
import { PlatformModule } from '@mptf/platform';
import { ReferenceModule } from '@mptf/reference';
import { HeartbeatHandler } from './jobs/heartbeat.handler';
import { JobDispatcher } from './jobs/job-dispatcher';

/** The worker's module: the only place processors are registered (the API never runs them). */
@Module({
  imports: [DiscoveryModule, PlatformModule, AuditModule, IdentityModule, ReferenceModule],
  providers: [JobDispatcher, HeartbeatHandler],
})
export class WorkerModule {}
