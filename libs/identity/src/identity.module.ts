import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@mptf/platform';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LoginAttempt } from './auth/login-attempt.entity';
import { PasswordHasher } from './auth/password-hasher';
import { Organization } from './organizations/organization.entity';
import { OrganizationsService } from './organizations/organizations.service';
import { User } from './users/user.entity';
import { UsersService } from './users/users.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([Organization, User, LoginAttempt]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { expiresIn: config.env.JWT_EXPIRES_IN_SECONDS },
      }),
    }),
  ],
  providers: [AuthService, AuthGuard, PasswordHasher, UsersService, OrganizationsService],
  exports: [AuthService, AuthGuard, PasswordHasher, UsersService, OrganizationsService],
})
export class IdentityModule {}
