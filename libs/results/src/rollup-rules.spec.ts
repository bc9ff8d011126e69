import { indicatorOnTrack, isOnTrack, shareOnTrack } from './rollup-rules';

describe('on-track rule', () => {
  it('compares in the indicator’s direction, meeting the target counting as on track', () => {
    expect(isOnTrack(true, '100', '100')).toBe(true);
    expect(isOnTrack(true, '99.9999', '100')).toBe(false);
    expect(isOnTrack(false, '14', '14')).toBe(true);
    expect(isOnTrack(false, '14.5', '14')).toBe(false);
    expect(isOnTrack(false, '9', '14')).toBe(true);
  });

  it('judges an indicator on its latest period with both a target and an approved actual', () => {
    expect(
      indicatorOnTrack(true, [
        { periodEnd: '2025-12-31', target: '100', approvedActual: '50' },
        { periodEnd: '2026-12-31', target: '120', approvedActual: '130' },
        { periodEnd: '2027-12-31', target: '150', approvedActual: null },
      ]),
    ).toBe(true);
    expect(
      indicatorOnTrack(true, [
        { periodEnd: '2026-12-31', target: '120', approvedActual: '100' },
        { periodEnd: '2025-12-31', target: '100', approvedActual: '150' },
      ]),
    ).toBe(false);
    expect(
      indicatorOnTrack(true, [{ periodEnd: '2026-12-31', target: null, approvedActual: '5' }]),
    ).toBeNull();
  });

  it('shares on-track over assessed indicators with four decimals', () => {
    expect(shareOnTrack(2, 3)).toBe('0.6667');
    expect(shareOnTrack(1, 1)).toBe('1.0000');
    expect(shareOnTrack(0, 0)).toBeNull();
  });
});
