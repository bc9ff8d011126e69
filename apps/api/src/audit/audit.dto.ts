import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../common/page-query';

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

/** The proposal or programme an event is about, named for people. */
export class AuditSubjectDto {
  @ApiProperty() proposalId: string;
  @ApiProperty({ example: 'MIG-2026-0007' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'approved and funded: its page is the programme’s' }) programme: boolean;
}

export class AuditEventDto {
  @ApiProperty({ example: '1042' }) id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorEmail: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Amina Diallo',
    description: 'The name of the user who acted (null for the system)',
  })
  actorName: string | null;
  @ApiProperty({ example: 'proposal.submit', description: 'dotted verb' }) action: string;
  @ApiProperty({ example: 'proposal' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  before: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) correlationId: string | null;
  @ApiProperty({
    type: AuditSubjectDto,
    nullable: true,
    description: 'The proposal or programme the event is about (null for other records)',
  })
  subject: AuditSubjectDto | null;
}

export class AuditPageDto {
  @ApiProperty({ type: AuditEventDto, isArray: true }) items: AuditEventDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
