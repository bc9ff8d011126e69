#!/usr/bin/env node
// `npm start`: builds what changed (scripts/build.mjs), then runs the start script in this same
// process (one Node start fewer than `build && node dist/scripts/start.js`; npm `exec`s it, so
// a SIGTERM to npm reaches it, as it does for a service manager).
import { createRequire } from 'node:module';
import { build } from './build.mjs';

try {
  build();
} catch (error) {
  process.stderr.write(`build: ${error.message}\n`);
  process.exit(1);
}
createRequire(import.meta.url)('../dist/scripts/start.js');
