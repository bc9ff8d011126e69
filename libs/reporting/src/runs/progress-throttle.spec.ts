import { progressThrottle } from './progress-throttle';

describe('progressThrottle', () => {
  it('writes a run’s progress at most every quarter second, and only when it moved by 5 points', async () => {
    let clock = 0;
    const written: number[] = [];
    const progress = progressThrottle(
      async (percent) => void written.push(percent),
      () => clock,
    );
    // A fast run: twenty steps within 100 ms write nothing.
    for (let percent = 5; percent <= 95; percent += 5) {
      clock += 5;
      await progress(percent);
    }
    expect(written).toEqual([]);
    // A slow run: each step after a quarter second is written, small moves are not, 99 at most.
    clock += 250;
    await progress(50);
    clock += 300;
    await progress(52);
    clock += 300;
    await progress(120);
    expect(written).toEqual([50, 99]);
  });
});
