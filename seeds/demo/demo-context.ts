import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Progress } from '../reference.seed';

/** What a demo step gets: the booted domain modules (to go through the real services) and SQL. */
export interface DemoContext {
  app: INestApplicationContext;
  dataSource: DataSource;
  progress: Progress;
}

/** One idempotent step of the demo data; `skip` says whether its data is already there. */
export interface DemoStep {
  name: string;
  alreadyDone(context: DemoContext): Promise<boolean>;
  run(context: DemoContext): Promise<void>;
}

export { DEMO_PASSWORD } from './demo-users.data';
