import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { snapshotTime } from '../compose/snapshot.sql';
import { SharedPartsRepository, StoredPartRow as StoredPart } from './shared-parts.repository';

/**
 * Parts of a report that are the same for every run of one batch (the fund-level part of a
 * contributor statement: the fund's uses, totals, breakdowns and programmes), computed once and
 * reused by the batch's other runs, in this worker process and in the others.
 *
 * A part is stored with a version read in the snapshot it was computed in (for the fund-level
 * part: the ledger's state). A run reuses it only when its own snapshot reads the same version,
 * so a run never mixes a stored part with money its own snapshot sees differently; otherwise it
 * computes its own (and does not store it). A batch's parts are kept for a day.
 */
export interface SharedParts {
  /**
   * The part `name`: reused when one with the same `version` was computed for this batch,
   * otherwise `compute()` in the run's snapshot (stored for the batch's other runs).
   */
  get<T>(name: string, version: () => Promise<string>, compute: () => Promise<T>): Promise<T>;
  /** The parts this run reused: name → the snapshot time they were read in. */
  readonly reused: Record<string, string>;
}

/** A run outside any batch computes everything itself. */
export function unshared(): SharedParts {
  return { get: (_name, _version, compute) => compute(), reused: {} };
}

/** Parts kept in this process (most recent batches first out): a batch's runs follow each other. */
const MEMORY_LIMIT = 4;
const RETENTION = '1 day';

@Injectable()
export class SharedPartsStore {
  private readonly logger = new Logger('SharedParts');
  private readonly memory = new Map<string, StoredPart>();

  constructor(private readonly repository: SharedPartsRepository) {}

  /** The shared parts of one run: `manager` is the run's snapshot (for its snapshot time). */
  forRun(batchId: string | null, manager: EntityManager): SharedParts {
    if (!batchId) return unshared();
    const reused: Record<string, string> = {};
    return {
      reused,
      get: async <T>(name: string, version: () => Promise<string>, compute: () => Promise<T>) => {
        const wanted = await version();
        const reuse = (part: StoredPart): T => {
          reused[name] = part.snapshotAt;
          return part.data as T;
        };
        const found = await this.find(batchId, name);
        if (found) return found.version === wanted ? reuse(found) : compute();
        // None stored yet: the batch's runs that start together (one per worker) would each
        // compute it. One does; the others wait for its lock (held to the end of its snapshot's
        // transaction, by then the part is stored) and reuse what it stored.
        await this.repository.lockPart(manager, batchId, name);
        const stored = await this.find(batchId, name);
        if (stored) return stored.version === wanted ? reuse(stored) : compute();
        const data = await compute();
        await this.store(batchId, name, wanted, manager, data);
        return data;
      },
    };
  }

  private async find(batchId: string, name: string): Promise<StoredPart | null> {
    const key = `${batchId}:${name}`;
    const known = this.memory.get(key);
    if (known) return known;
    // Outside the run's snapshot: a part another process stored after it began counts too.
    const row = await this.repository.find(batchId, name);
    return row ? this.remember(key, row) : null;
  }

  private async store(
    batchId: string,
    name: string,
    version: string,
    manager: EntityManager,
    data: unknown,
  ): Promise<void> {
    const snapshotAt = await snapshotTime(manager);
    // Stored as JSON and remembered as read back, so this process reuses exactly what the others do.
    const json = JSON.stringify(data);
    try {
      await this.repository.insert(batchId, name, { version, snapshotAt, json }, RETENTION);
    } catch (error) {
      // Sharing saves work; a run whose part cannot be stored still has its own.
      this.logger.warn({ err: error, batchId, part: name }, 'could not store a shared report part');
      return;
    }
    this.remember(`${batchId}:${name}`, { version, snapshotAt, data: JSON.parse(json) as unknown });
  }

  private remember(key: string, part: StoredPart): StoredPart {
    this.memory.delete(key);
    this.memory.set(key, part);
    while (this.memory.size > MEMORY_LIMIT) this.memory.delete(this.memory.keys().next().value as string);
    return part;
  }
}
