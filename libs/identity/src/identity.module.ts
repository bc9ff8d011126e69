import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey, KeyObject } from 'node:crypto';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@mptf/platform';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LoginAttempt } from './auth/login-attempt.entity';
import { LoginThrottle } from './auth/login-throttle';
import { PasswordHasher } from './auth/password-hasher';
import { Organization } from './organizations/organization.entity';
import { OrganizationsService } from './organizations/organizations.service';
import { User } from './users/user.entity';
import { UsersService } from './users/users.service';
import { UserRepository } from './users/user.repository';
import { LoginAttemptRepository } from './auth/login-attempt.repository';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([Organization, User, LoginAttempt]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // A key object, made once: given a string, jsonwebtoken rebuilds the key on every verify
        // (after first trying to read it as a public key), about 1 ms of every request. Made on
        // first use: processes that never sign or verify (the worker, seeds) need no JWT_SECRET.
        let key: KeyObject | undefined;
        return {
          secretOrKeyProvider: () => (key ??= createSecretKey(Buffer.from(config.jwtSecret, 'utf8'))),
          signOptions: { algorithm: 'HS256', expiresIn: config.env.JWT_EXPIRES_IN_SECONDS },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
  ],
  providers: [
    AuthService,
    AuthGuard,
    LoginThrottle,
    LoginAttemptRepository,
    PasswordHasher,
    UserRepository,
    UsersService,
    OrganizationsService,
  ],
  exports: [AuthService, AuthGuard, PasswordHasher, UsersService, OrganizationsService],
})
export class IdentityModule {}
