import { Injectable } from '@nestjs/common';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError, ErrorCode } from '../errors/domain-error';

/**
 * Where files live (uploaded documents, generated reports). Behind this interface so a
 * deployment can swap the local folder for an S3-compatible store.
 */
export type StorageArea = 'reports' | 'uploads';

/** A stored file that is gone (deleted or lost outside the application): 404 naming what it was. */
export class StoredFileMissingError extends DomainError {
  constructor(what: string) {
    super(ErrorCode.NOT_FOUND, `The file of ${what} is no longer stored`, [
      { rule: 'FILE_STORED', message: `the stored file of ${what} is missing` },
    ]);
  }
}

export abstract class ArtifactStorage {
  /** Writes a stream under `key` atomically: readers never see a half-written file. */
  abstract write(key: string, content: Readable | Buffer): Promise<{ bytes: number }>;
  abstract read(key: string): Promise<Readable>;
  abstract exists(key: string): Promise<boolean>;
  abstract remove(key: string): Promise<void>;
  /**
   * Removes what interrupted writes of `key` left behind (a process killed mid-write never gets
   * to clean up). Call it only while no other writer of `key` can be running. Returns how many.
   */
  abstract removeIncomplete(key: string): Promise<number>;

  /**
   * The file of `what` (e.g. "document <id>") for a download: a StoredFileMissingError (404)
   * when it is not there, also when it goes between the check and the read.
   */
  async open(key: string, what: string): Promise<Readable> {
    if (!(await this.exists(key))) throw new StoredFileMissingError(what);
    try {
      return await this.read(key);
    } catch (error) {
      if (!(await this.exists(key))) throw new StoredFileMissingError(what);
      throw error;
    }
  }
}

@Injectable()
export class LocalArtifactStorage extends ArtifactStorage {
  private readonly roots: Record<StorageArea, string>;

  /** Keys start with their area (`reports/…`, `uploads/…`); each area has its own folder. */
  constructor(roots: Record<StorageArea, string>) {
    super();
    this.roots = { reports: resolve(roots.reports), uploads: resolve(roots.uploads) };
  }

  async write(key: string, content: Readable | Buffer): Promise<{ bytes: number }> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.${Date.now()}.part`;
    const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
    const sink: Writable = createWriteStream(temporary);
    try {
      await pipeline(source, sink);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { bytes: (await stat(target)).size };
  }

  async read(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path);
    return createReadStream(path);
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async removeIncomplete(key: string): Promise<number> {
    const target = this.pathOf(key);
    const prefix = `${basename(target)}.`;
    const names = await readdir(dirname(target)).catch(() => [] as string[]);
    const partials = names.filter((name) => name.startsWith(prefix) && /\.\d+\.\d+\.part$/.test(name));
    await Promise.all(partials.map((name) => rm(join(dirname(target), name), { force: true })));
    return partials.length;
  }

  private pathOf(key: string): string {
    const [area, ...rest] = key.split('/');
    const root = this.roots[area as StorageArea];
    if (!root || rest.length === 0)
      throw new Error(`storage key must start with reports/ or uploads/: ${key}`);
    const path = resolve(root, rest.join('/'));
    if (!path.startsWith(root + sep)) throw new Error(`storage key escapes its folder: ${key}`);
    return path;
  }
}
