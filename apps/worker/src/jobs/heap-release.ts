import { Injectable, Logger } from '@nestjs/common';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type CollectGarbage = () => void;

/** Growth of the old generation during jobs that makes a collection worth its pause. */
export const HEAP_RELEASE_GROWTH_BYTES = 16 * 2 ** 20;

/**
 * Gives a large report's garbage back as it renders and once it is done.
 *
 * V8 runs a full collection only when the old generation reaches a limit that it raises as the
 * heap grows. A worker that renders one large report after another therefore kept several
 * reports' garbage: over four annual PDFs, the heap in use grew from 75 to 170 MB (the process's
 * RSS from 165 to 290 MB) while the live data stayed near 60 MB. Here a job that has grown the
 * old generation by HEAP_RELEASE_GROWTH_BYTES (since it started, or since the last release) gets
 * a full collection at its next progress report, and one more when the worker falls idle after
 * it, so the next job starts from the live data. An annual PDF pays two or three (tens of
 * milliseconds each). Small jobs (a mail, one donor's statement) never reach the threshold and
 * are left to V8: forcing collections for what many of them leave together made a batch of
 * statements on two workers 20 % slower. V8's `gc` takes no options here (Node 20 runs a minor
 * collection when given any), so every release is one plain full collection.
 */
@Injectable()
export class HeapRelease {
  private readonly logger = new Logger('Worker');
  private readonly collect: CollectGarbage = exposedCollector();
  /** Where the old generation's growth is counted from: the jobs' start or the last release. */
  private baseline = oldGenerationUsed();
  /** Whether the jobs running since the worker was last idle needed a release. */
  private largeJobs = false;
  /** Releases done so far (tests read it). */
  released = 0;

  /** A job starts on an idle worker: what earlier jobs left is not its growth. */
  jobsStarted(): void {
    this.baseline = oldGenerationUsed();
    this.largeJobs = false;
  }

  /** A running job reported progress: releases if the jobs have grown the old generation enough. */
  jobProgressed(): boolean {
    if (oldGenerationUsed() - this.baseline < HEAP_RELEASE_GROWTH_BYTES) return false;
    this.largeJobs = true;
    this.release();
    return true;
  }

  /** The worker fell idle: releases what large jobs left (or jobs that grew enough on their own). */
  jobsEnded(): boolean {
    if (!this.largeJobs && oldGenerationUsed() - this.baseline < HEAP_RELEASE_GROWTH_BYTES) return false;
    this.largeJobs = false;
    this.release();
    return true;
  }

  /** One full, blocking collection (tens of milliseconds at a report's size). */
  release(): void {
    const started = performance.now();
    const before = process.memoryUsage().heapUsed;
    this.collect();
    this.baseline = oldGenerationUsed();
    this.released += 1;
    this.logger.debug(
      {
        heapUsedBeforeMb: Math.round(before / 2 ** 20),
        heapUsedAfterMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
        durationMs: Math.round(performance.now() - started),
      },
      'heap released',
    );
  }
}

/**
 * Bytes in use in the old generation: what only a full collection frees. Not the heap in use,
 * which counts the young generation too: that fills and empties with every few MB allocated, and
 * scavenges free it. V8's large-object figure includes the young large objects, hence the
 * subtraction.
 */
function oldGenerationUsed(): number {
  const used = new Map(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]));
  const at = (name: string) => used.get(name) ?? 0;
  return at('old_space') + at('large_object_space') - at('new_large_object_space');
}

/**
 * V8's own `gc`: the global one when node runs with --expose-gc, else one taken from a fresh
 * context with the flag switched on for that moment (as jest's leak detector takes it), so the
 * worker needs no node flag and nothing else in the process sees a global `gc`.
 */
function exposedCollector(): CollectGarbage {
  const global = (globalThis as { gc?: CollectGarbage }).gc;
  if (typeof global === 'function') return global;
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as CollectGarbage;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
