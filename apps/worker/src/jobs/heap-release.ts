import { Injectable, Logger } from '@nestjs/common';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type CollectGarbage = () => void;

/** Growth of the heap in use since the last release that makes the next one worth its pause. */
export const HEAP_RELEASE_GROWTH_BYTES = 16 * 2 ** 20;

/**
 * Gives a report's garbage back as it renders and before the worker waits for its next job.
 *
 * V8 runs a full collection only when the old space reaches a limit that it raises as the heap
 * grows. A worker that renders one large report after another therefore keeps several reports'
 * garbage: over four annual PDFs, the heap in use grew from 75 to 170 MB (and the process's RSS
 * from 165 to 290 MB) while the live data stayed near 60 MB. The dispatcher asks for a release
 * when a job reports progress and when the worker falls idle; one happens only once the heap has
 * grown by HEAP_RELEASE_GROWTH_BYTES since the last, so an annual PDF pays two or three full
 * collections (tens of milliseconds each) and a batch of small jobs (mails, one donor's statement
 * each) one per many jobs. V8's `gc` takes no options here (Node 20 runs a minor collection
 * when given any), so every release is one plain full collection.
 */
@Injectable()
export class HeapRelease {
  private readonly logger = new Logger('Worker');
  private readonly collect: CollectGarbage = exposedCollector();
  private usedAfterLastRelease = process.memoryUsage().heapUsed;
  /** Releases done so far (tests read it). */
  released = 0;

  /** Releases when the heap has grown enough since the last time. */
  releaseIfGrown(): boolean {
    if (process.memoryUsage().heapUsed - this.usedAfterLastRelease < HEAP_RELEASE_GROWTH_BYTES) {
      return false;
    }
    this.release();
    return true;
  }

  /** One full, blocking collection (tens of milliseconds at a report's size). */
  release(): void {
    const started = performance.now();
    const before = process.memoryUsage().heapUsed;
    this.collect();
    this.usedAfterLastRelease = process.memoryUsage().heapUsed;
    this.released += 1;
    this.logger.debug(
      {
        heapUsedBeforeMb: Math.round(before / 2 ** 20),
        heapUsedAfterMb: Math.round(this.usedAfterLastRelease / 2 ** 20),
        durationMs: Math.round(performance.now() - started),
      },
      'heap released',
    );
  }
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
