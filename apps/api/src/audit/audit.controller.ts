import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AuditService } from '@mptf/audit';
import { Permission, RequirePermission } from '@mptf/identity';
import { PageQuery } from '@mptf/platform';

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
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }
}
