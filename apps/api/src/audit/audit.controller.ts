import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { PageQuery } from '@mptf/platform';
import { auditScopeOf } from './audit-visibility';

export class AuditQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'proposal' }) @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @ApiPropertyOptional({ example: 'proposal.submit' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() actorId?: string;
}

@ApiTags('operations')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission(Permission.AUDIT_READ)
  @ApiOperation({
    summary: 'Who did what, when, before and after: the events of the entities the caller may see',
    description:
      'Each event is shown only to a caller who may see its entity (a draft proposal stays with its agencies, users with user managers, a decision pack report with those who read every review); an entity type without a visibility rule is shown to nobody.',
  })
  list(@CurrentUser() user: AuthUser, @Query() query: AuditQueryDto) {
    return this.audit.list(query, auditScopeOf(user));
  }
}
