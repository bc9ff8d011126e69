#!/usr/bin/env node
// `npm run build`: builds what changed since the last build, and only that.
//   server: tsc (incremental) + tsc-alias into dist/, when a server source or config changed;
//   web:    vite into dist/web, when a web source, the shared code it imports or the lockfile changed.
// What each part was built from is kept as a fingerprint of its inputs' contents in
// dist/.build-stamps.json, so a restart with nothing changed builds nothing (a checkout that only
// touches files' times does not count as a change). `--force` rebuilds both. Runs at install too
// (npm's `prepare`), so the first `npm start` after `npm ci` does not wait for a build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampsFile = join(root, 'dist', '.build-stamps.json');
const force = process.argv.includes('--force');
const atInstall = process.argv.includes('--at-install');

const SKIP = new Set(['node_modules', 'dist', 'var', '.git', 'coverage']);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|css|html|svg|ttf|woff2?)$/;

/** Every source file under `paths` (files or folders), sorted, relative to the root. */
function files(paths) {
  const found = [];
  const walk = (path) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) if (!SKIP.has(entry)) walk(join(path, entry));
    } else if (SOURCE.test(path)) found.push(relative(root, path));
  };
  for (const path of paths) walk(join(root, path));
  return found.sort();
}

/** A fingerprint of the names and contents of the files a part is built from. */
function fingerprint(paths) {
  const hash = createHash('sha256');
  for (const file of files(paths)) hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
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

function main() {
  let stamps = {};
  try {
    stamps = JSON.parse(readFileSync(stampsFile, 'utf8'));
  } catch {
    // no build yet
  }
  for (const part of PARTS) {
    const started = Date.now();
    const print = fingerprint(part.inputs);
    if (!force && stamps[part.name] === print && existsSync(join(root, part.output))) {
      process.stdout.write(`build: ${part.name} is up to date\n`);
      continue;
    }
    process.stdout.write(`build: ${part.name}…\n`);
    for (const [command, ...args] of part.steps) run(command, args);
    stamps[part.name] = print;
    mkdirSync(dirname(stampsFile), { recursive: true });
    writeFileSync(stampsFile, `${JSON.stringify(stamps, null, 2)}\n`);
    process.stdout.write(`build: ${part.name} built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`build: ${error.message}\n`);
  // At install a failed build must not fail `npm ci`: `npm start` and `npm test` build again and
  // show the error where it matters.
  process.exit(atInstall ? 0 : 1);
}
