import { readFileSync } from 'node:fs';

/**
 * Sums a V8 CPU profile (`BENCH_CPU_PROF`) without a GUI: self time by group (package or part of
 * node), by package and by function, over the window of the samples taken while the requests ran.
 *
 *   node dist/bench/cpu-profile-summary.js <file.cpuprofile> [window-regex] [skip-seconds] [top]
 *
 * The window runs from the first sample whose stack matches `window-regex` (default: intake's
 * submit), `skip-seconds` later (default 10: past the first requests' compiling), to the last
 * one. The profile's clock is wall time: time in a system call while the process was not running
 * (a socket write that woke PostgreSQL, which then took the CPU) is counted there, so
 * "waiting" is set apart and the shares are of the time on CPU.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const GROUPS: [string, (fn: string, url: string) => boolean][] = [
  [
    'waiting (a socket write while descheduled; idle)',
    (fn, url) => !url && /^(writev|writeBuffer|\(idle\))$/.test(fn),
  ],
  ['garbage collector', (fn) => fn === '(garbage collector)'],
  [
    'pg driver',
    (_fn, url) =>
      /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//.test(url) ||
      /preparing-client/.test(url),
  ],
  ['typeorm', (_fn, url) => /node_modules\/typeorm\//.test(url)],
  [
    'validation (class-validator, class-transformer)',
    (_fn, url) => /node_modules\/(class-validator|class-transformer|validator|libphonenumber-js)\//.test(url),
  ],
  [
    'express, router, body parsing',
    (_fn, url) =>
      /node_modules\/(express|router|body-parser|raw-body|content-type|type-is|qs|on-finished|finalhandler|send|path-to-regexp|media-typer|negotiator|accepts|parseurl|encodeurl|etag|fresh|vary|statuses|http-errors)\//.test(
        url,
      ),
  ],
  ['NestJS', (_fn, url) => /node_modules\/(@nestjs\/|rxjs\/|reflect-metadata\/)/.test(url)],
  [
    'node http, net, streams, events, buffers',
    (_fn, url) =>
      /^node:(_http|net|events|buffer|_stream|internal\/(streams|stream_base|http|url|net))/.test(url),
  ],
  [
    'async context (AsyncLocalStorage hooks), ticks, microtasks',
    (fn, url) =>
      /^node:(async_hooks|internal\/async_hooks|internal\/process\/task_queues|internal\/timers|timers)/.test(
        url,
      ) || fn === 'runMicrotasks',
  ],
  [
    'logging (pino, pino-http, nestjs-pino)',
    (_fn, url) =>
      /node_modules\/(pino|pino-http|nestjs-pino|pino-std-serializers|@pinojs\/redact|fast-redact|sonic-boom)\//.test(
        url,
      ),
  ],
  [
    'JWT (jsonwebtoken, jws) and crypto',
    (_fn, url) =>
      /node_modules\/(jsonwebtoken|jws|jwa|@nestjs\/jwt)\//.test(url) || /^node:internal\/crypto/.test(url),
  ],
  ['Redis, BullMQ', (_fn, url) => /node_modules\/(ioredis|bullmq|msgpackr|cluster-key-slot)\//.test(url)],
  [
    'application (libs/, apps/)',
    (_fn, url) => /\/(libs|apps)\/[^/]+\/src\//.test(url) && !/node_modules/.test(url),
  ],
  ['native (JSON, regular expressions, …)', (_fn, url) => !url],
  ['other', () => true],
];

function packageOf(url: string): string {
  if (!url) return '(native)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.startsWith('node:')) return url;
  const app = /\/((?:libs|apps)\/[^/]+)\/src\//.exec(url);
  return app ? app[1] : url;
}

function main(): void {
  const [file, windowPattern = 'submit.*proposal-commands', skipArg = '10', topArg = '40'] =
    process.argv.slice(2);
  if (!file)
    throw new Error('usage: cpu-profile-summary <file.cpuprofile> [window-regex] [skip-seconds] [top]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const pattern = new RegExp(windowPattern);
  const matches = new Map<number, boolean>();
  const inWindow = (id: number): boolean => {
    const known = matches.get(id);
    if (known !== undefined) return known;
    let found = false;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (pattern.test(`${frame.functionName}@${frame.url}`)) {
        found = true;
        break;
      }
    }
    matches.set(id, found);
    return found;
  };
  const times: number[] = [];
  let clock = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((clock += delta));
  let first = -1;
  let last = -1;
  profile.samples.forEach((id, index) => {
    if (!inWindow(id)) return;
    if (first < 0) first = index;
    last = index;
  });
  if (first < 0) throw new Error(`no sample matches ${windowPattern}`);
  const from = times[first] + Number(skipArg) * 1e6;
  const self = new Map<number, number>();
  for (let index = first; index <= last; index++) {
    if (times[index] < from) continue;
    const id = profile.samples[index];
    self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[index]);
  }
  const groups = new Map<string, number>();
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const group = GROUPS.find(([, test]) => test(functionName, url))![0];
    groups.set(group, (groups.get(group) ?? 0) + us);
    total += us;
    if (group === GROUPS[0][0]) continue;
    packages.set(packageOf(url), (packages.get(packageOf(url)) ?? 0) + us);
    const name = `${functionName || '(anonymous)'} ${packageOf(url)}:${lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const waiting = groups.get(GROUPS[0][0]) ?? 0;
  groups.delete(GROUPS[0][0]);
  const onCpu = total - waiting;
  const print = (title: string, sums: Map<string, number>, top: number) => {
    process.stdout.write(`--- ${title}\n`);
    for (const [name, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(
        `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / onCpu).toFixed(1).padStart(5)} %  ${name}\n`,
      );
    }
  };
  process.stdout.write(
    `window ${((times[last] - from) / 1e6).toFixed(1)} s: waiting ${(waiting / 1e6).toFixed(1)} s, on CPU ${(onCpu / 1e6).toFixed(1)} s (shares below are of the time on CPU)\n`,
  );
  print('by group', groups, GROUPS.length);
  print('by package', packages, 25);
  print('by function', functions, Number(topArg));
}

main();
