import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, TestContext } from '../support/test-context';

const GENERATOR = join(__dirname, '..', '..', 'apps', 'web', 'scripts', 'gen-api.mjs');

/**
 * The web app's types and typed client come from the API's OpenAPI document (openapi-typescript).
 * This checks apps/web/src/api/schema.d.ts is what the document the app builds gives today, so a
 * DTO changed without `npm run gen:api` fails here. UPDATE_API_SCHEMA=1 rewrites it instead.
 */
describe('the web app’s API types are generated from the OpenAPI document', () => {
  let t: TestContext;
  let folder: string;
  beforeAll(async () => {
    t = await createTestContext();
    folder = mkdtempSync(join(tmpdir(), 'mptf-openapi-'));
  });
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await t?.close();
  });

  it('apps/web/src/api/schema.d.ts is up to date', async () => {
    const response = await t.http.get('/api/docs-json');
    expect(response.status).toBe(200);
    const document = join(folder, 'openapi.json');
    writeFileSync(document, JSON.stringify(response.body));
    const args = process.env.UPDATE_API_SCHEMA === '1' ? [document] : [document, '--check'];
    const run = spawnSync(process.execPath, [GENERATOR, ...args], { encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  });
});
