import { parseMoney } from '@mptf/platform';
import {
  aaFeeOn,
  availableFromPools,
  formatFundStatus,
  fundStatusFrom,
  impliedRate,
  poolAvailability,
  programmeFigures,
} from './fund-math';
import { LedgerKind } from './ledger-kind';

const $ = parseMoney;
const K = LedgerKind;

// Worked examples with figures computed by hand. How the ledger's sums behave over random
// sequences of entries and reversals is tested through the API (tests/finance/fund-balances).

describe('contributions and AA fees', () => {
  it('1,000,000.00 EUR at 1.0850 and 500,000.00 US$ give 1,585,000.00 of contributions and 15,850.00 of fees', () => {
    const eurUsd = $('1085000.00');
    expect(impliedRate(eurUsd, $('1000000.00'))).toBe('1.0850');
    expect(impliedRate($('500000.00'), $('500000.00'))).toBe('1.0000');
    const status = formatFundStatus(
      fundStatusFrom({
        [K.DEPOSIT]: eurUsd + $('500000.00'),
        [K.AA_FEE]: aaFeeOn(eurUsd, '0.01') + aaFeeOn($('500000.00'), '0.01'),
      }),
    );
    expect(status.withAdministrativeAgent).toMatchObject({
      contributions: '1585000.00',
      aaFees: '15850.00',
      totalSources: '1585000.00',
      totalUses: '15850.00',
      balance: '1569150.00',
    });
  });

  it('rounds the fee to the cent, half away from zero, at the configured rate', () => {
    expect(aaFeeOn($('1234.50'), '0.01')).toBe($('12.35'));
    expect(aaFeeOn($('1234.49'), '0.01')).toBe($('12.34'));
    expect(aaFeeOn($('100000.00'), '0.015')).toBe($('1500.00'));
    expect(aaFeeOn($('100000.00'), '0')).toBe(0n);
  });

  it('shows the rate a NOK or GBP deposit implies with four decimals', () => {
    expect(impliedRate($('950000.00'), $('10000000.00'))).toBe('0.0950');
    expect(impliedRate($('1271234.56'), $('1000000.00'))).toBe('1.2712');
  });

  it('does not count commitments (unpaid pledges) as sources of funds', () => {
    const status = fundStatusFrom({ [K.COMMITMENT]: $('2000000.00') });
    expect(status.withAdministrativeAgent.totalSources).toBe(0n);
  });
});

describe('the funding-status table', () => {
  it('keeps sources − uses = balance with the AA and transfers − expenses = balance with PUNOs', () => {
    const status = formatFundStatus(
      fundStatusFrom({
        [K.DEPOSIT]: $('1585000.00'),
        [K.AA_FEE]: $('15850.00'),
        [K.INTEREST]: $('1200.55'),
        [K.OTHER_INCOME]: $('300.00'),
        [K.ALLOCATION]: $('1000000.00'),
        [K.TRANSFER]: $('600000.00'),
        [K.EXPENDITURE]: $('252780.00'),
        [K.REFUND]: $('10000.00'),
        [K.DIRECT_COST]: $('5000.00'),
        [K.BANK_CHARGE]: $('25.10'),
        // Earned by the agencies: shown beside, in neither balance.
        [K.AGENCY_INTEREST]: $('4321.00'),
      }),
    );
    expect(status).toEqual({
      withAdministrativeAgent: {
        contributions: '1585000.00',
        interest: '1200.55',
        otherIncome: '300.00',
        totalSources: '1586500.55',
        transfers: '600000.00',
        refunds: '10000.00',
        aaFees: '15850.00',
        directCosts: '5000.00',
        bankCharges: '25.10',
        totalUses: '610875.10',
        balance: '975625.45',
      },
      withParticipatingOrganizations: {
        transfers: '600000.00',
        expenditure: '252780.00',
        refunds: '10000.00',
        balance: '337220.00',
        agencyInterest: '4321.00',
      },
      totalBalance: '1312845.45',
    });
  });
});

describe('programme money', () => {
  it('net funded = transfers − refunds; delivery rate = expenditure ÷ net funded', () => {
    const figures = programmeFigures({
      allocated: $('1000000.00'),
      transferred: $('950000.00'),
      refunded: $('50000.00'),
      expenditure: $('379170.00'),
    });
    expect(figures.netFunded).toBe($('900000.00'));
    expect(figures.deliveryRate).toBe('0.4213');
    expect(figures.untransferred).toBe($('50000.00'));
    expect(figures.balance).toBe($('520830.00'));
  });

  it('has a delivery rate of 0.0000 before any transfer', () => {
    expect(
      programmeFigures({ allocated: $('10.00'), transferred: 0n, refunded: 0n, expenditure: 0n })
        .deliveryRate,
    ).toBe('0.0000');
  });
});

describe('available funds and earmarks', () => {
  const pools = (resources: [number | null, string][], claims: [number | null, string][] = []) => ({
    resources: new Map(resources.map(([area, amount]) => [area, $(amount)])),
    claims: new Map(claims.map(([area, amount]) => [area, $(amount)])),
  });

  it('is the balance with the AA minus allocations not yet transferred', () => {
    // 1,569,150.00 held; 400,000.00 transferred and 600,000.00 still allocated to area 2.
    const fund = pools([[null, '1969150.00']], [[2, '1000000.00']]);
    expect(availableFromPools(fund)).toBe($('969150.00'));
    expect(availableFromPools(fund, 2)).toBe($('969150.00'));
  });

  it('keeps earmarked money for its thematic area', () => {
    const fund = pools([
      [null, '100000.00'],
      [3, '500000.00'],
    ]);
    expect(availableFromPools(fund, 3)).toBe($('600000.00'));
    expect(availableFromPools(fund, 1)).toBe($('100000.00'));
    expect(availableFromPools(fund)).toBe($('600000.00'));
  });

  it('pays an area’s claims from its earmark first, the excess from unearmarked money', () => {
    const fund = pools(
      [
        [null, '100000.00'],
        [3, '500000.00'],
      ],
      [[3, '550000.00']],
    );
    expect(poolAvailability(fund)).toEqual({ unearmarked: $('50000.00'), byArea: new Map() });
    expect(availableFromPools(fund, 3)).toBe($('50000.00'));
    expect(availableFromPools(fund, 1)).toBe($('50000.00'));
    expect(availableFromPools(fund)).toBe($('50000.00'));
  });

  it('never uses money earmarked for another area', () => {
    const fund = pools([[4, '800000.00']], [[4, '100000.00']]);
    expect(availableFromPools(fund, 2)).toBe(0n);
    expect(availableFromPools(fund, 4)).toBe($('700000.00'));
  });
});
