import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock, DomainError, ErrorCode } from '@mptf/platform';
import { DataSource } from 'typeorm';
import { LoginAttemptRepository } from './login-attempt.repository';

export interface ThrottleCounts {
  /** Failures of this account from this address in the window. */
  pair: number;
  /** Failures of this account from every address. */
  account: number;
  /** Failures from this address on every account (made-up emails included). */
  address: number;
}

export interface ThrottleLimits {
  pairLimit: number;
  accountLimit: number;
  addressLimit: number;
}

/**
 * How many failures an address may have on an account before it is refused: the pair limit, or a
 * single one while the account (from all addresses) or the address (on all accounts) is over its
 * wider limit. An address with no failure on an account is never refused, so neither another
 * address's guesses nor this address's failures on other accounts keep a user with the right
 * password out; an attacker's guesses on one account from one address stop at the pair limit.
 */
export function isThrottled(counts: ThrottleCounts, limits: ThrottleLimits): boolean {
  const underAttack = counts.account >= limits.accountLimit || counts.address >= limits.addressLimit;
  return counts.pair >= (underAttack ? 1 : limits.pairLimit);
}

/**
 * Failed logins, kept in PostgreSQL (the API runs as several processes). An attempt is recorded as
 * a failure *before* its password is checked, in one transaction holding a lock on the account and
 * on the address, so parallel guesses count each other; a success forgets its own record.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly attempts: LoginAttemptRepository,
  ) {}

  /** Records the attempt as a failure and returns its id, or refuses it (429) without recording. */
  async reserve(email: string, address: string): Promise<string> {
    const { env } = this.config;
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - env.LOGIN_THROTTLE_TTL_SECONDS * 1000);
    return this.dataSource.transaction(async (manager) => {
      // Always account first, then address: two attempts never wait for each other in a cycle.
      await this.attempts.lock(manager, email, address);
      const counts = await this.attempts.counts(manager, email, address, windowStart);
      const limits = {
        pairLimit: env.LOGIN_THROTTLE_LIMIT,
        accountLimit: env.LOGIN_THROTTLE_ACCOUNT_LIMIT,
        addressLimit: env.LOGIN_THROTTLE_ADDRESS_LIMIT,
      };
      if (isThrottled(counts, limits)) {
        throw new DomainError(
          ErrorCode.TOO_MANY_REQUESTS,
          `Too many failed logins for this account from this address; try again in ${env.LOGIN_THROTTLE_TTL_SECONDS} seconds`,
        );
      }
      return this.attempts.add(manager, email, address, now);
    });
  }

  /** The password was right: the attempt was not a failure. */
  async forget(attemptId: string): Promise<void> {
    await this.attempts.remove(this.dataSource, attemptId);
  }
}
