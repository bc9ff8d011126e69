import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Lints `code` as if it were the file at `path` with the boundary rules alone (as `npm test` does). */
function lint(path: string, code: string): string[] {
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
      '--no-inline-config',
      '-c',
      'eslint.boundaries.mjs',
      '--format',
      'json',
      '--stdin',
      '--stdin-filename',
      path,
    ],
    { cwd: ROOT, input: code, encoding: 'utf8' },
  );
  if (run.status !== 0 && run.status !== 1) throw new Error(`eslint failed: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as { messages: { message: string }[] }[];
  return result.messages.map((m) => m.message);
}

describe('the boundaries of the house (eslint.boundaries.mjs, run by npm test and npm run lint)', () => {
  it('refuses a lib importing an app', () => {
    expect(
      lint('libs/finance/src/probe.ts', "export { createApiApp } from '../../../apps/api/src/bootstrap';\n"),
    ).toEqual([expect.stringMatching(/a lib never imports the apps/)]);
  });

  it('refuses a lib importing one of its own layer or above, and accepts those below', () => {
    expect(lint('libs/platform/src/probe.ts', "export { Permission } from '@mptf/identity';\n")).toEqual([
      expect.stringMatching(/^platform may import only the libs below it/),
    ]);
    expect(lint('libs/identity/src/probe.ts', "export { CountryEntity } from '@mptf/reference';\n")).toEqual([
      expect.stringMatching(/^identity may import only the libs below it/),
    ]);
    expect(lint('libs/finance/src/probe.ts', "export { ReviewModule } from '@mptf/review';\n")).toEqual([
      expect.stringMatching(/^finance may import only/),
    ]);
    expect(
      lint(
        'libs/review/src/probe.ts',
        "export { FinanceService } from '@mptf/finance';\nexport { Clock } from '@mptf/platform';\nexport { parseMoney } from '@mptf/common';\n",
      ),
    ).toEqual([]);
  });

  it('refuses a deep import past a lib’s index, from another lib, an app or a test', () => {
    const deep = "export { Clock } from '../../../libs/platform/src/clock/clock';\n";
    expect(lint('apps/api/src/probe.ts', deep)).toEqual([expect.stringMatching(/through its public face/)]);
    expect(
      lint('tests/finance/probe.ts', "export { Clock } from '../../libs/platform/src/clock/clock';\n"),
    ).toEqual([expect.stringMatching(/through its public face/)]);
    expect(
      lint('libs/finance/src/probe.ts', "export { parseMoney } from '../../common/src/money';\n"),
    ).toEqual([expect.stringMatching(/through its public face/)]);
    // Inside a lib, its own files are its own.
    expect(lint('libs/platform/src/probe.ts', "export { Clock } from './clock/clock';\n")).toEqual([]);
  });

  it('lets the web app import the shared pure package, and no other server code', () => {
    expect(lint('apps/web/src/probe.ts', "export { parseMoney } from '@mptf/common';\n")).toEqual([]);
    expect(lint('apps/web/src/probe.ts', "export { Permission } from '@mptf/identity';\n")).toEqual([
      expect.stringMatching(/no server code but the shared pure package/),
    ]);
    expect(
      lint(
        'apps/web/src/probe.ts',
        "export { formatMoney } from '../../../libs/platform/src/money/money';\n",
      ),
    ).toEqual([expect.stringMatching(/through its public face|no server code/)]);
    expect(lint('apps/web/src/probe.ts', "export { API_PREFIX } from '../../api/src/bootstrap';\n")).toEqual([
      expect.stringMatching(/no server code but the shared pure package/),
    ]);
  });

  it('refuses a web view decided by a role name, and lets the web app show the roles', () => {
    const byRole = /not by a role's name/;
    expect(
      lint(
        'apps/web/src/pages/probe.tsx',
        "export const agency = (user: any) => user.roles.includes('AGENCY_FOCAL_POINT');\n",
      ),
    ).toEqual([expect.stringMatching(byRole)]);
    expect(
      lint('apps/web/src/pages/probe.tsx', "export const chair = (hasRole: any) => hasRole('SC_CHAIR');\n"),
    ).toEqual([expect.stringMatching(byRole)]);
    expect(
      lint(
        'apps/web/src/pages/probe.tsx',
        "export const names = (user: any) => user.roles.map(String).join(', ');\n",
      ),
    ).toEqual([]);
  });

  it('refuses an SQL text or an SQL call outside the files whose name says they hold SQL, and lets those have them', () => {
    const sql = /no SQL outside a repository/;
    const cases: [string, string][] = [
      ['libs/finance/src/probe.service.ts', "export const q = 'SELECT id FROM ledger_entries';\n"],
      ['libs/finance/src/probe.service.ts', 'export const q = (t: string) => `DELETE FROM ${t}`;\n'],
      ['libs/results/src/probe.service.ts', 'export const f = (a: string, b: string) => `${a} AND ${b}`;\n'],
      ['libs/notifications/src/probe.service.ts', "export const order = { createdAt: 'n.created_at' };\n"],
      ['libs/notifications/src/probe.service.ts', "export const order = 'created_at DESC, id DESC';\n"],
      ['apps/api/src/probe.controller.ts', 'export const run = (db: any) => db.query(text);\n'],
      ['apps/worker/src/probe.processor.ts', 'export const run = (db: any) => sqlRows(db, text);\n'],
      // Not only services: a helper, a rules file, a job's class or the API's own code.
      ['libs/reporting/src/compose/probe-helpers.ts', 'export const run = (db: any) => sqlRow(db, text);\n'],
      ['libs/review/src/probe-rules.ts', "export const q = 'SELECT p.id FROM proposals p';\n"],
      ['apps/worker/src/jobs/probe.ts', 'export const run = (db: any) => db.query(text);\n'],
      ['apps/api/src/audit/probe.ts', 'export const f = (a: string) => `EXISTS (SELECT 1 WHERE ${a})`;\n'],
    ];
    for (const [path, code] of cases)
      expect([path, lint(path, code)]).toEqual([path, [expect.stringMatching(sql)]]);
    // Words a service says to people are not SQL; a repository's SQL is where it belongs.
    expect(
      lint(
        'libs/finance/src/probe.service.ts',
        "export const m = 'Select a donor and an amount: the deposit is recorded or the form says why';\n",
      ),
    ).toEqual([]);
    for (const home of [
      'libs/finance/src/probe.repository.ts',
      'libs/finance/src/exports/probe.reader.ts',
      'libs/proposals/src/exports/probe.writer.ts',
      'libs/review/src/repositories/probe.sql.ts',
      'libs/results/src/probe-access.ts',
      'libs/platform/src/database/probe.ts',
    ])
      expect([home, lint(home, "export const q = (db: any) => db.query('SELECT 1 WHERE true');\n")]).toEqual([
        home,
        [],
      ]);
  });
});
