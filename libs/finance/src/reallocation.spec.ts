import { reallocationChanges } from './reallocation';

describe('reallocationChanges', () => {
  it('moves each PUNO its budgeted total (direct + 7%) difference', () => {
    expect(
      reallocationChanges(
        [
          { orgCode: 'IOM', before: 10_000_00n, after: 8_000_00n },
          { orgCode: 'UNICEF', before: 5_000_00n, after: 7_000_00n },
          { orgCode: 'UNDP', before: 1_000_00n, after: 1_000_00n },
        ],
        '0.07',
      ),
    ).toEqual([
      { orgCode: 'IOM', amount: -2_140_00n },
      { orgCode: 'UNICEF', amount: 2_140_00n },
    ]);
  });

  it('nets to zero when the per-PUNO rounding of indirect costs leaves a cent short', () => {
    // 7% of 14 cents rounds to 1, of 7 cents to 0: A loses 8 cents, B would gain only 7.
    const changes = reallocationChanges(
      [
        { orgCode: 'A', before: 14n, after: 7n },
        { orgCode: 'B', before: 0n, after: 7n },
      ],
      '0.07',
    );
    expect(changes.reduce((sum, c) => sum + c.amount, 0n)).toBe(0n);
    expect(changes).toEqual([
      { orgCode: 'A', amount: -8n },
      { orgCode: 'B', amount: 8n },
    ]);
  });
});
