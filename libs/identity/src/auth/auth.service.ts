import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode } from '@mptf/platform';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from '../roles';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { AuthUser } from './auth-user';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';

export interface TokenClaims {
  sub: string;
  /** Expiry (seconds since the epoch): required, a token without one is refused. */
  exp?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LoginResult {
  accessToken: string;
  user: { id: string; email: string; name: string; roles: Role[]; organizationCode: string | null };
}

/** Tokens whose signature a process has checked, kept at most (oldest forgotten first). */
export const VERIFIED_TOKENS_KEPT = 10_000;

/** Same message for an unknown user and a wrong password, so logins cannot probe emails. */
const BAD_CREDENTIALS = 'Invalid email or password';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly users: UserRepository,
  ) {}

  /** A hash of a random password, checked for unknown emails so they cost the same work. */
  private dummyHash?: Promise<string>;

  async login(emailInput: string, password: string, ip: string | null): Promise<LoginResult> {
    const email = emailInput.trim().toLowerCase();
    const attempt = await this.throttle.reserve(email, ip ?? 'unknown');
    const user = await this.users.withPasswordHash(this.dataSource.manager, email);
    // One password check whoever asks: an unknown email answers no faster than a real one.
    this.dummyHash ??= this.hasher.hash(randomBytes(24).toString('base64'));
    const matches = await this.hasher.verify(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !user.active || !matches) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS);
    }
    await this.throttle.forget(attempt);
    const accessToken = await this.jwt.signAsync({ sub: user.id } satisfies TokenClaims);
    return {
      accessToken,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        roles: user.roles,
        organizationCode: user.organization?.code ?? null,
      },
    };
  }

  /**
   * Tokens this process has verified, with their subject and expiry. A token's signature and
   * claims never change, so checking its HMAC (and parsing it) again on each of a session's
   * requests proves nothing new: a token seen before is only checked for expiry. Only what
   * passed verification is kept; the user is still read on every request.
   */
  private readonly verified = new Map<string, { sub: string; exp: number }>();

  /** Verifies the token and loads the user; a deactivated user's token stops working at once. */
  async authenticate(token: string): Promise<AuthUser> {
    const claims = this.verified.get(token) ?? (await this.verify(token));
    // Expired since it was verified (jsonwebtoken's rule: invalid from the second `exp` on).
    if (Math.floor(Date.now() / 1000) >= claims.exp) {
      this.verified.delete(token);
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The access token is invalid or has expired');
    }
    // Every request passes here: one plain statement (the repository's query building cost more
    // than the query itself).
    const user = await this.users.activeAuthUser(this.dataSource, claims.sub);
    if (!user) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The account is not active');
    return user;
  }

  private async verify(token: string): Promise<{ sub: string; exp: number }> {
    let claims: TokenClaims & { nbf?: unknown };
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The access token is invalid or has expired');
    }
    // A token that never expires is never one of ours.
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || !UUID.test(claims.sub)) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The access token is invalid or has expired');
    }
    const verified = { sub: claims.sub, exp: claims.exp };
    // Ours carry no "not before"; one that does is verified on every use, as before.
    if (claims.nbf === undefined) {
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) {
        this.verified.delete(this.verified.keys().next().value as string);
      }
      this.verified.set(token, verified);
    }
    return verified;
  }
}

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    organizationId: user.organizationId,
    organizationCode: user.organization?.code ?? null,
    organizationType: user.organization?.type ?? null,
  };
}
