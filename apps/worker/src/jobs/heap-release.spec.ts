import { HEAP_RELEASE_GROWTH_BYTES, HeapRelease } from './heap-release';

/**
 * Leaves about `mb` MB of garbage in the old space: kept alive while allocated (so scavenges
 * promote it), unreachable once this returns.
 */
function leaveGarbage(mb: number): number {
  const kept: number[][] = [];
  for (let i = 0; i < mb * 16; i += 1) kept.push(Array.from({ length: 8_192 }, (_, j) => i + j + 0.5));
  return kept.length;
}

const heapUsed = () => process.memoryUsage().heapUsed;

describe('HeapRelease', () => {
  it('gives garbage back with a full collection, without a node flag', () => {
    const heap = new HeapRelease();
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    leaveGarbage(64);
    const before = heapUsed();
    heap.release();
    expect(before - heapUsed()).toBeGreaterThan(40 * 2 ** 20);
    expect(heap.released).toBe(1);
    // The flag was only on while V8's collector was taken: nothing else sees a global gc.
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });

  it('gives a job that grew the old generation a release at its progress and when the worker falls idle', () => {
    const heap = new HeapRelease();
    heap.jobsStarted();
    expect(heap.jobProgressed()).toBe(false);
    leaveGarbage((2 * HEAP_RELEASE_GROWTH_BYTES) / 2 ** 20);
    expect(heap.jobProgressed()).toBe(true);
    expect(heap.jobProgressed()).toBe(false);
    // What the large job left since its last release goes too, before the next job starts.
    expect(heap.jobsEnded()).toBe(true);
    expect(heap.released).toBe(2);
    expect(heap.jobsEnded()).toBe(false);
  });

  it("leaves to V8 what earlier jobs left: only the running jobs' growth counts", () => {
    const heap = new HeapRelease();
    heap.release();
    leaveGarbage((2 * HEAP_RELEASE_GROWTH_BYTES) / 2 ** 20);
    heap.jobsStarted();
    expect(heap.jobProgressed()).toBe(false);
    expect(heap.jobsEnded()).toBe(false);
    expect(heap.released).toBe(1);
  });

  it('leaves what is still young to the scavenges: a release needs the old generation to grow', () => {
    const heap = new HeapRelease();
    heap.release();
    heap.jobsStarted();
    // 24 MB in use but young (V8 allocates an array this large in its young large-object space):
    // the heap in use grew past the threshold, the old generation did not.
    const young = new Array<number>(3_000_000).fill(0.5);
    expect(heapUsed()).toBeGreaterThan(HEAP_RELEASE_GROWTH_BYTES);
    expect(heap.jobProgressed()).toBe(false);
    expect(young.length).toBe(3_000_000);
  });
});
