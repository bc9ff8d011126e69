import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock, DomainError, ErrorCode } from '@mptf/platform';
import { DataSource } from 'typeorm';
import { Role } from '../roles';
import { User } from '../users/user.entity';
import { AuthUser } from './auth-user';
import { LoginAttempt } from './login-attempt.entity';
import { PasswordHasher } from './password-hasher';

export interface TokenClaims {
  sub: string;
}

export interface LoginResult {
  accessToken: string;
  user: { id: string; email: string; name: string; roles: Role[]; organizationCode: string | null };
}

/** Same message for an unknown user and a wrong password, so logins cannot probe emails. */
const BAD_CREDENTIALS = 'Invalid email or password';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async login(emailInput: string, password: string, ip: string | null): Promise<LoginResult> {
    const email = emailInput.trim().toLowerCase();
    await this.refuseWhenThrottled(email, ip);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.organization', 'o')
      .where('u.email = :email', { email })
      .getOne();
    const valid = user !== null && user.active && (await this.hasher.verify(user.passwordHash, password));
    if (!user || !valid) {
      await this.dataSource.getRepository(LoginAttempt).insert({ email, ip });
      throw new DomainError(ErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS);
    }
    await this.dataSource.getRepository(LoginAttempt).delete({ email });
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

  /** Verifies the token and loads the user; a deactivated user's token stops working at once. */
  async authenticate(token: string): Promise<AuthUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The access token is invalid or has expired');
    }
    // Every request passes here: one plain statement (the repository's query building cost more
    // than the query itself).
    const [user] = (await this.dataSource.query(
      `SELECT u.id, u.email, u.name, u.roles, u.organization_id AS "organizationId",
              o.code AS "organizationCode", o.type AS "organizationType"
         FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
        WHERE u.id = $1 AND u.active`,
      [claims.sub],
    )) as AuthUser[];
    if (!user) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The account is not active');
    return user;
  }

  private async refuseWhenThrottled(email: string, ip: string | null): Promise<void> {
    const windowStart = new Date(
      this.clock.now().getTime() - this.config.env.LOGIN_THROTTLE_TTL_SECONDS * 1000,
    );
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE email = $1)::int AS by_email,
              count(*) FILTER (WHERE $2::text IS NOT NULL AND ip = $2)::int AS by_ip
         FROM login_attempts WHERE attempted_at > $3`,
      [email, ip, windowStart],
    )) as { by_email: number; by_ip: number }[];
    const limit = this.config.env.LOGIN_THROTTLE_LIMIT;
    // An address may try a handful of accounts; a wide spray from one address is stopped too.
    if (row.by_email >= limit || row.by_ip >= limit * 5) {
      throw new DomainError(
        ErrorCode.TOO_MANY_REQUESTS,
        `Too many failed logins; try again in ${this.config.env.LOGIN_THROTTLE_TTL_SECONDS} seconds`,
      );
    }
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
