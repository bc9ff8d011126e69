import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { seedDemo } from './demo.seed';
import { Progress, seedReference } from './reference.seed';
import { SeedModule } from './seed.module';

export { seedReference } from './reference.seed';
export { DEMO_USERS } from './demo/demo-users.step';
export { DEMO_PROPOSALS, demoProposalId, demoUser } from './demo/demo-proposals.step';
export { seedDemoResults, demoResultsStep } from './demo/demo-results.step';
export { DEMO_PASSWORD } from './demo/demo-context';

/** Seeds the demo data through the real services (boots the domain modules without HTTP). */
export async function runDemoSeed(progress: Progress): Promise<void> {
  const app = await NestFactory.createApplicationContext(SeedModule, {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    const dataSource = app.get(DataSource);
    await seedReference(dataSource.manager, progress);
    await seedDemo({ app, dataSource, progress });
  } finally {
    await app.close();
  }
}

/** True when the database has no users: a fresh install that `npm start` should fill. */
export async function isEmptyDatabase(dataSource: DataSource): Promise<boolean> {
  const [row] = (await dataSource.query('SELECT NOT EXISTS (SELECT 1 FROM users) AS empty')) as {
    empty: boolean;
  }[];
  return row.empty;
}
