import { shareOnTrack } from './rollup-rules';

describe('share on track', () => {
  it('shares on-track over assessed indicators with four decimals', () => {
    expect(shareOnTrack(2, 3)).toBe('0.6667');
    expect(shareOnTrack(1, 1)).toBe('1.0000');
    expect(shareOnTrack(0, 0)).toBeNull();
  });
});
