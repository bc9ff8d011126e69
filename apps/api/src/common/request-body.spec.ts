import { nestsDeeperThan } from './request-body';

const depthOf = (text: string, limit: number) => nestsDeeperThan(Buffer.from(text, 'utf8'), limit);

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(depthOf('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(depthOf('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(depthOf(JSON.stringify({ a: '[[[[{{{{', b: 'quote \\" [[[' }), 1)).toBe(false);
    expect(depthOf(JSON.stringify({ name: 'résumé [[[ 💥' }), 1)).toBe(false);
    expect(depthOf('', 1)).toBe(false);
  });

  it('stops at the first level too deep of a huge body', () => {
    const huge = Buffer.from(`{"email":${'['.repeat(1_000_000)}`);
    expect(nestsDeeperThan(huge, 32)).toBe(true);
    expect(nestsDeeperThan(Buffer.from(`[${'[]'.repeat(100_000)}]`), 2)).toBe(false);
  });
});
