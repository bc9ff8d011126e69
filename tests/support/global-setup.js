// Runs outside Jest's module system, so it uses the compiled build (`npm test` builds first).
// Once per run: migrate a template database and seed reference data and the demo users into it.
// Every spec file then clones it (CREATE DATABASE … TEMPLATE), so files never share state.
require('reflect-metadata');
const { join } = require('node:path');
const { existsSync } = require('node:fs');

const dist = join(__dirname, '../../dist');

module.exports = async function globalSetup() {
  if (!existsSync(join(dist, 'seeds/index.js'))) {
    throw new Error('No build found: run `npm run build` first (npm test does)');
  }
  process.env.TZ = 'UTC';
  process.env.LOG_LEVEL = 'silent';
  const { MIGRATIONS } = require(join(dist, 'migrations'));
  const { createScriptDataSource, prepareDatabase } = require(join(dist, 'libs/platform/src'));
  const { seedReference } = require(join(dist, 'seeds/reference.seed'));
  const { SeedModule } = require(join(dist, 'seeds/seed.module'));
  const { demoUsersStep } = require(join(dist, 'seeds/demo/demo-users.step'));
  const { NestFactory } = require('@nestjs/core');
  const { DataSource } = require('typeorm');

  const base = new URL(process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `mptf_tpl_${Date.now()}_${process.pid}`;
  base.pathname = `/${name}`;
  const url = base.toString();

  await prepareDatabase(url, MIGRATIONS);
  const dataSource = createScriptDataSource(url);
  await dataSource.initialize();
  await dataSource.transaction((manager) => seedReference(manager));
  await dataSource.destroy();

  process.env.DATABASE_URL = url;
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: false });
  await demoUsersStep.run({ app, dataSource: app.get(DataSource), progress: () => undefined });
  await app.close();
  delete process.env.DATABASE_URL;

  process.env.MPTF_TEST_TEMPLATE = name;
};
