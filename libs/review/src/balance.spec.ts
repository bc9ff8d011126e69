import { parseMoney } from '@mptf/platform';
import { balanceIfApproved, balanceShares, GLOBAL_REGION, regionParts } from './balance';

const groups = {
  thematicAreaCodes: [1, 2, 3, 4, 5],
  regions: ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania', GLOBAL_REGION],
};
const usd = (value: string) => parseMoney(value);

describe('portfolio balance shares', () => {
  it('splits an amount evenly across countries, each part in its region; global without countries', () => {
    expect(
      regionParts({
        thematicAreaCode: 2,
        countryRegions: ['Africa', 'Africa', 'Africa', 'Asia'],
        amount: 400n,
      }),
    ).toEqual(
      new Map([
        ['Africa', 300n],
        ['Asia', 100n],
      ]),
    );
    expect(
      regionParts({ thematicAreaCode: 2, countryRegions: ['Africa', 'Asia', 'Europe'], amount: 100n }),
    ).toEqual(
      new Map([
        ['Africa', 34n],
        ['Asia', 33n],
        ['Europe', 33n],
      ]),
    );
    expect(regionParts({ thematicAreaCode: 1, countryRegions: [], amount: 5n })).toEqual(
      new Map([[GLOBAL_REGION, 5n]]),
    );
  });

  it('gives shares of allocated US$ by area and region, every group listed', () => {
    const shares = balanceShares(
      [
        { thematicAreaCode: 2, countryRegions: ['Africa'], amount: usd('3000000.00') },
        { thematicAreaCode: 4, countryRegions: ['Asia', 'Asia'], amount: usd('1000000.00') },
      ],
      groups,
    );
    expect(shares.byThematicArea).toEqual({
      '1': '0.0000',
      '2': '0.7500',
      '3': '0.0000',
      '4': '0.2500',
      '5': '0.0000',
    });
    expect(shares.byRegion).toEqual({
      Africa: '0.7500',
      Americas: '0.0000',
      Asia: '0.2500',
      Europe: '0.0000',
      Oceania: '0.0000',
      Global: '0.0000',
    });
  });

  it('is all zeros when nothing is allocated', () => {
    const shares = balanceShares([], groups);
    expect(Object.values(shares.byThematicArea).every((share) => share === '0.0000')).toBe(true);
  });

  it('shows, per proposal, the balance if it alone were approved', () => {
    const current = [{ thematicAreaCode: 2, countryRegions: ['Africa'], amount: usd('1000000.00') }];
    const result = balanceIfApproved(
      current,
      [
        { proposalId: 'p1', thematicAreaCode: 4, countryRegions: ['Asia'], amount: usd('1000000.00') },
        { proposalId: 'p2', thematicAreaCode: 1, countryRegions: [], amount: usd('3000000.00') },
      ],
      groups,
    );
    expect(result.current.byThematicArea['2']).toBe('1.0000');
    expect(result.ifApproved.p1.byThematicArea).toMatchObject({ '2': '0.5000', '4': '0.5000' });
    expect(result.ifApproved.p2.byRegion).toMatchObject({ Africa: '0.2500', Global: '0.7500' });
  });

  it('sums to 1 within rounding', () => {
    const shares = balanceShares(
      [
        { thematicAreaCode: 1, countryRegions: ['Africa', 'Asia', 'Europe'], amount: 100000n },
        { thematicAreaCode: 2, countryRegions: ['Americas'], amount: 100000n },
        { thematicAreaCode: 3, countryRegions: ['Oceania'], amount: 100000n },
      ],
      groups,
    );
    for (const breakdown of [shares.byThematicArea, shares.byRegion]) {
      const sum = Object.values(breakdown).reduce((total, share) => total + Number(share) * 10000, 0);
      expect(Math.abs(sum - 10000)).toBeLessThanOrEqual(Object.keys(breakdown).length);
    }
  });
});
