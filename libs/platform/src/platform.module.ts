import { Global, Module } from '@nestjs/common';
import { Clock } from './clock/clock';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './logging/logging.module';
import { HeartbeatRepository } from './queue/heartbeat.repository';
import { HeartbeatService } from './queue/heartbeat.service';
import { QueueModule } from './queue/queue.module';
import { ArtifactStorage, LocalArtifactStorage } from './storage/artifact-storage';

/** Everything both deployables need: config, database, queue connection, logs, clock, storage. */
@Global()
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, QueueModule],
  providers: [
    Clock,
    HeartbeatRepository,
    HeartbeatService,
    {
      provide: ArtifactStorage,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new LocalArtifactStorage({ reports: config.env.REPORTS_DIR, uploads: config.env.UPLOADS_DIR }),
    },
  ],
  exports: [ConfigModule, QueueModule, Clock, ArtifactStorage, HeartbeatRepository, HeartbeatService],
})
export class PlatformModule {}
