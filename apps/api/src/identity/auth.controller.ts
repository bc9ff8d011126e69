import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import {
  AuthService,
  CurrentUser,
  Permission,
  permissionsOf,
  Public,
  RequirePermission,
} from '@mptf/identity';
import { LoginDto, LoginResponseDto, MeDto } from './identity.dto';

@ApiTags('identity')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a bearer token' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Unknown email or wrong password (same message for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this email or address' })
  login(@Body() body: LoginDto, @Ip() ip: string) {
    return this.auth.login(body.email, body.password, ip ?? null);
  }

  @Get('me')
  @RequirePermission(Permission.PROFILE_READ)
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthUser): MeDto {
    const { id, email, name, roles, organizationCode, organizationType } = user;
    const permissions = [...permissionsOf(roles)].sort();
    return { id, email, name, roles, organizationCode, organizationType, permissions };
  }
}
