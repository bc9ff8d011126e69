import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import {
  CurrentUser,
  OrganizationsService,
  Permission,
  RequirePermission,
  UsersService,
} from '@mptf/identity';
import {
  CreateUserDto,
  ListOrganizationsQuery,
  ListUsersQuery,
  OrganizationDto,
  UserDto,
  UserPageDto,
} from './identity.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('identity')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Post('users')
  @RequirePermission(Permission.USER_MANAGE)
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateUserDto) {
    return this.users.create(actor, body);
  }

  @Get('users')
  @RequirePermission(Permission.USER_MANAGE)
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQuery) {
    return this.users.list(query);
  }

  @Post('users/:id/deactivate')
  @HttpCode(200)
  @RequirePermission(Permission.USER_MANAGE)
  @ApiOkResponse({ type: UserDto })
  deactivate(@CurrentUser() actor: AuthUser, @Param('id', new ParseIdPipe()) id: string) {
    return this.users.deactivate(actor, id);
  }

  @Get('organizations')
  @RequirePermission(Permission.ORGANIZATION_READ)
  @ApiOkResponse({ type: OrganizationDto, isArray: true })
  organizationsList(@Query() query: ListOrganizationsQuery) {
    return this.organizations.list(query.type);
  }
}
