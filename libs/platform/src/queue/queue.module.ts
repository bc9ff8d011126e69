import { Global, Module } from '@nestjs/common';
import { JobProducer } from './job-producer';
import { QueueConnection } from './queue-connection';

@Global()
@Module({ providers: [QueueConnection, JobProducer], exports: [QueueConnection, JobProducer] })
export class QueueModule {}
