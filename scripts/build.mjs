#!/usr/bin/env node
// `npm run build`: builds what changed since the last build, and only that.
//   server: tsc (incremental) + tsc-alias into dist/, when a server source or config changed;
//   web:    vite into dist/web, when a web source, the shared code it imports or the lockfile changed.
// What each part was built from is kept as a fingerprint of its inputs' contents in
// dist/.build-stamps.json, so a restart with nothing changed builds nothing (a checkout that only
// touches files' times does not count as a change). Beside it, the names, sizes and modification
// times of those files: when none changed, the check reads no file's contents (a restart's check
// is a walk of the folders, no hashing); when one did, the contents decide. `--force` rebuilds
// both. Runs at install too (npm's `prepare`), so the first `npm start` after `npm ci` does not
// wait for a build; `npm start` runs it in its own process (scripts/start.mjs).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampsFile = join(root, 'dist', '.build-stamps.json');

const SKIP = new Set(['node_modules', 'dist', 'var', '.git', 'coverage']);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|css|html|svg|ttf|woff2?)$/;

/** Every source file under `paths` (files or folders), sorted, relative to the root, with its stat. */
function files(paths) {
  const found = [];
  const walk = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (!SKIP.has(entry)) walk(join(path, entry));
    } else if (SOURCE.test(path)) found.push({ file: relative(root, path), stat });
  };
  for (const path of paths) walk(join(root, path));
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The names, sizes and modification times of a part's files (reads no contents). */
function statPrint(found) {
  const hash = createHash('sha256');
  for (const { file, stat } of found) hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\0`);
  return hash.digest('hex');
}

/** A fingerprint of the names and contents of the files a part is built from. */
function fingerprint(found) {
  const hash = createHash('sha256');
  for (const { file } of found) hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}

const SHARED = ['package-lock.json', 'tsconfig.json'];
const PARTS = [
  {
    name: 'server',
    inputs: [...SHARED, 'tsconfig.build.json', 'apps/api', 'apps/worker', 'libs', 'migrations', 'seeds', 'scripts', 'bench'],
    output: 'dist/apps/api/src/main.js',
    steps: [
      ['tsc', '-p', 'tsconfig.build.json'],
      ['tsc-alias', '-p', 'tsconfig.build.json'],
    ],
  },
  {
    name: 'web',
    // The web app imports only its own code and the shared pure package (the boundaries lint
    // refuses any other server import).
    inputs: [...SHARED, 'apps/web', 'libs/common'],
    output: 'dist/web/index.html',
    steps: [['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn']],
  },
];

function run(command, args) {
  const bin = join(root, 'node_modules', '.bin', command);
  const result = spawnSync(bin, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** Builds the parts whose inputs changed; throws when a build step fails. */
export function build({ force = false } = {}) {
  let stamps = {};
  try {
    stamps = JSON.parse(readFileSync(stampsFile, 'utf8'));
  } catch {
    // no build yet
  }
  const save = () => {
    mkdirSync(dirname(stampsFile), { recursive: true });
    writeFileSync(stampsFile, `${JSON.stringify(stamps, null, 2)}\n`);
  };
  for (const part of PARTS) {
    const started = Date.now();
    const found = files(part.inputs);
    const stats = statPrint(found);
    const built = existsSync(join(root, part.output));
    const stamp = typeof stamps[part.name] === 'object' ? stamps[part.name] : { contents: stamps[part.name] };
    if (!force && built && stamp.stats === stats) {
      process.stdout.write(`build: ${part.name} is up to date\n`);
      continue;
    }
    const print = fingerprint(found);
    if (!force && built && stamp.contents === print) {
      // Only times changed (a checkout, a touch): remembered, so the next check reads no contents.
      stamps[part.name] = { contents: print, stats };
      save();
      process.stdout.write(`build: ${part.name} is up to date\n`);
      continue;
    }
    process.stdout.write(`build: ${part.name}…\n`);
    for (const [command, ...args] of part.steps) run(command, args);
    stamps[part.name] = { contents: print, stats };
    save();
    process.stdout.write(`build: ${part.name} built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

// Run as a script (not imported by scripts/start.mjs); argv[1] may name it through a symlink.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const atInstall = process.argv.includes('--at-install');
  try {
    build({ force: process.argv.includes('--force') });
  } catch (error) {
    process.stderr.write(`build: ${error.message}\n`);
    // At install a failed build must not fail `npm ci`: `npm start` and `npm test` build again and
    // show the error where it matters.
    process.exit(atInstall ? 0 : 1);
  }
}
