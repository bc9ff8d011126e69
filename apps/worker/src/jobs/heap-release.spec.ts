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

  it('releases only once the heap has grown by the threshold since the last release', () => {
    const heap = new HeapRelease();
    heap.release();
    expect(heap.releaseIfGrown()).toBe(false);
    leaveGarbage((2 * HEAP_RELEASE_GROWTH_BYTES) / 2 ** 20);
    expect(heapUsed()).toBeGreaterThan(HEAP_RELEASE_GROWTH_BYTES);
    expect(heap.releaseIfGrown()).toBe(true);
    expect(heap.released).toBe(2);
    expect(heap.releaseIfGrown()).toBe(false);
  });
});
