import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { SnakeNamingStrategy } from './naming.strategy';
import { PreparingClient } from './preparing-client';

/**
 * The TypeORM connection. Entities are registered by each feature module (`forFeature`);
 * the schema is only ever changed by migrations, which run before the application starts.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: config.databaseUrl,
        autoLoadEntities: true,
        synchronize: false,
        migrationsRun: false,
        namingStrategy: new SnakeNamingStrategy(),
        extra: {
          max: config.env.DATABASE_POOL_SIZE,
          application_name: 'mptf',
          ...(config.env.DATABASE_PREPARED_STATEMENTS ? { Client: PreparingClient } : {}),
        },
        // Keep retrying so a PostgreSQL restart does not need an application restart.
        retryAttempts: 10,
        retryDelay: 1000,
      }),
    }),
  ],
})
export class DatabaseModule {}
