import { isThrottled } from './login-throttle';

const limits = { pairLimit: 10, accountLimit: 50, addressLimit: 50 };

describe('isThrottled', () => {
  it('stops one address on one account at the pair limit', () => {
    expect(isThrottled({ pair: 9, account: 9, address: 9 }, limits)).toBe(false);
    expect(isThrottled({ pair: 10, account: 10, address: 10 }, limits)).toBe(true);
  });

  it('never refuses an address that has not failed on the account, whatever else failed', () => {
    expect(isThrottled({ pair: 0, account: 10_000, address: 10_000 }, limits)).toBe(false);
  });

  it('gives one try per account while the account or the address is over its wider limit', () => {
    expect(isThrottled({ pair: 1, account: 50, address: 1 }, limits)).toBe(true);
    expect(isThrottled({ pair: 1, account: 1, address: 50 }, limits)).toBe(true);
    expect(isThrottled({ pair: 1, account: 49, address: 49 }, limits)).toBe(false);
  });
});
