import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { AUDIT_ACTOR_NAME_SQL, auditSubjectSql } from './audit-subjects.sql';
import { auditScopeOf } from './audit-access';
import { AuditPageDto, AuditQueryDto, AuditSubjectDto } from './audit.dto';

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
  @ApiOkResponse({ type: AuditPageDto })
  async list(@CurrentUser() user: AuthUser, @Query() query: AuditQueryDto) {
    const page = await this.audit.list(query, auditScopeOf(user));
    const described = await this.audit.describe(
      page.items.map((event) => event.id),
      { subject: auditSubjectSql, actorName: AUDIT_ACTOR_NAME_SQL },
    );
    return {
      ...page,
      items: page.items.map((event) => ({
        ...event,
        actorName: described.get(event.id)?.actorName ?? null,
        subject: (described.get(event.id)?.subject ?? null) as AuditSubjectDto | null,
      })),
    };
  }
}
