import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@mptf/platform';
import { DocumentKind, PartnerType, ProposalScope, ProposalStage, ProposalStatus } from '@mptf/proposals';
import { IsMoney, IsOrgCode, IsCountryCode, IsIsoDate } from '../common/formats';

export class MarkersDto {
  @ApiProperty({ minimum: 0, maximum: 3, description: 'UN gender marker 0–3' })
  @IsInt()
  @Min(0)
  @Max(3)
  gender: number;

  @ApiProperty({ minimum: 0, maximum: 3 })
  @IsInt()
  @Min(0)
  @Max(3)
  humanRights: number;

  @ApiProperty({ minimum: 0, maximum: 3 })
  @IsInt()
  @Min(0)
  @Max(3)
  childSensitivity: number;
}

export class GovernmentEndorsementDto {
  @ApiProperty() @IsBoolean() endorsed: boolean;

  @ApiPropertyOptional({ example: '2026-03-15', nullable: true, type: String })
  @IsOptional()
  @IsIsoDate()
  date?: string | null;
}

export class BudgetLineDto {
  @ApiProperty({ example: 'IOM' })
  @IsOrgCode()
  orgCode: string;

  @ApiProperty({
    minimum: 1,
    maximum: 8,
    description: 'UNSDG category 1–7; category 8 is computed and reported as a rule violation at submit',
  })
  @IsInt()
  @Min(1)
  @Max(8)
  categoryCode: number;

  @ApiProperty({ example: '250000.00', description: 'US$, decimal string' })
  @IsMoney()
  amount: string;
}

export class NationalPartnerDto {
  @ApiProperty({ example: 'Ministry of Labour, Employment and Social Security' })
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiProperty({ enum: PartnerType })
  @IsEnum(PartnerType)
  type: PartnerType;
}

export class CreateProposalDto {
  @ApiProperty({ example: 'Safe and regular labour mobility corridors between Nepal and Malaysia' })
  @IsString()
  @Length(1, 300)
  @Matches(/\S/, { message: 'must not be blank' })
  title: string;

  @ApiProperty()
  @IsString()
  @MaxLength(10000)
  summary: string;

  @ApiProperty({ enum: ProposalStage })
  @IsEnum(ProposalStage)
  stage: ProposalStage;

  @ApiProperty({ enum: ProposalScope })
  @IsEnum(ProposalScope)
  scope: ProposalScope;

  @ApiProperty({ type: String, isArray: true, example: ['NPL', 'MYS'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(250)
  @IsCountryCode({ each: true })
  countryCodes: string[];

  @ApiProperty({ minimum: 1, example: 4 })
  @IsInt()
  @Min(1)
  @Max(99)
  thematicAreaCode: number;

  @ApiProperty({ type: Number, isArray: true, example: [5, 6] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(23)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(99, { each: true })
  gcmObjectiveCodes: number[];

  @ApiProperty({ example: 'IOM' })
  @IsOrgCode()
  convenerCode: string;

  @ApiProperty({ type: String, isArray: true, example: ['IOM', 'ILO'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(30)
  @IsOrgCode({ each: true })
  participatingOrgCodes: string[];

  @ApiProperty({ minimum: 1, maximum: 240, example: 24 })
  @IsInt()
  @Min(1)
  @Max(240)
  durationMonths: number;

  @ApiProperty({ type: MarkersDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MarkersDto)
  markers: MarkersDto;

  @ApiPropertyOptional({ type: GovernmentEndorsementDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GovernmentEndorsementDto)
  governmentEndorsement?: GovernmentEndorsementDto | null;

  @ApiProperty({ type: BudgetLineDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(500)
  // Without it an element that is itself an array passes the nested validation empty.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => BudgetLineDto)
  budgetLines: BudgetLineDto[];

  @ApiPropertyOptional({ type: NationalPartnerDto, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  // Without it an element that is itself an array passes the nested validation empty.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NationalPartnerDto)
  nationalPartners?: NationalPartnerDto[];
}

/** Any subset of the creation fields; lists given replace the stored ones. */
export class UpdateProposalDto extends PartialType(CreateProposalDto) {}

export class WithdrawProposalDto {
  @ApiPropertyOptional({ example: 'Merged into a regional programme' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

const list = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : [value]
        .flat()
        .flatMap((item) => String(item).split(','))
        .map((item) => item.trim().toUpperCase())
        .filter(Boolean);
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class ListProposalsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ProposalStatus, isArray: true, description: 'one or more, comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsEnum(ProposalStatus, { each: true })
  status?: ProposalStatus[];

  @ApiPropertyOptional({ example: 4 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  thematicArea?: number;

  @ApiPropertyOptional({ example: 6 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  gcmObjective?: number;

  @ApiPropertyOptional({ example: 'NPL' })
  @IsOptional()
  @Transform(upper)
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ example: 'Asia', description: 'UN M49 region name or code' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @ApiPropertyOptional({ example: 'UNICEF', description: 'a participating organization (or the convener)' })
  @IsOptional()
  @Transform(upper)
  @IsOrgCode()
  organization?: string;

  @ApiPropertyOptional({ example: 'IOM' })
  @IsOptional()
  @Transform(upper)
  @IsOrgCode()
  convener?: string;

  @ApiPropertyOptional({ enum: ProposalStage })
  @IsOptional()
  @IsEnum(ProposalStage)
  stage?: ProposalStage;

  @ApiPropertyOptional({ enum: ProposalScope })
  @IsOptional()
  @IsEnum(ProposalScope)
  scope?: ProposalScope;

  @ApiPropertyOptional({ example: 'labour mobility', description: 'full-text search over title and summary' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class UploadDocumentDto {
  @ApiPropertyOptional({ enum: DocumentKind, default: DocumentKind.OTHER })
  @IsOptional()
  @IsEnum(DocumentKind)
  kind?: DocumentKind;
}

// ---- responses (for the OpenAPI document) --------------------------------------------------------

export class OrganizationBudgetDto {
  @ApiProperty({ example: 'IOM' }) orgCode: string;
  @ApiProperty({ example: '500000.00' }) direct: string;
  @ApiProperty({ example: '35000.00', description: 'category 8, computed at the indirect rate' })
  indirect: string;
  @ApiProperty({ example: '535000.00' }) total: string;
}

export class BudgetDto {
  @ApiProperty({ type: OrganizationBudgetDto, isArray: true }) byOrganization: OrganizationBudgetDto[];
  @ApiProperty({ example: '800000.00' }) direct: string;
  @ApiProperty({ example: '56000.00' }) indirect: string;
  @ApiProperty({ example: '856000.00' }) total: string;
}

export class BudgetLineViewDto {
  @ApiProperty() orgCode: string;
  @ApiProperty() categoryCode: number;
  @ApiProperty({ example: '250000.00' }) amount: string;
}

export class EndorsementViewDto {
  @ApiProperty() endorsed: boolean;
  @ApiProperty({ nullable: true, type: String }) date: string | null;
}

export class ProposalDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'MIG-2026-0007' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: ProposalStage }) stage: ProposalStage;
  @ApiProperty({ enum: ProposalScope }) scope: ProposalScope;
  @ApiProperty({ enum: ProposalStatus }) status: ProposalStatus;
  @ApiProperty({ description: 'latest submitted revision; 0 while never submitted' }) version: number;
  @ApiProperty({ type: String, isArray: true }) countryCodes: string[];
  @ApiProperty() thematicAreaCode: number;
  @ApiProperty({ type: Number, isArray: true }) gcmObjectiveCodes: number[];
  @ApiProperty() convenerCode: string;
  @ApiProperty({ type: String, isArray: true }) participatingOrgCodes: string[];
  @ApiProperty() durationMonths: number;
  @ApiProperty({ type: MarkersDto }) markers: MarkersDto;
  @ApiProperty({ type: EndorsementViewDto, nullable: true }) governmentEndorsement: EndorsementViewDto | null;
  @ApiProperty({ type: NationalPartnerDto, isArray: true }) nationalPartners: NationalPartnerDto[];
  @ApiProperty({ type: BudgetLineViewDto, isArray: true }) budgetLines: BudgetLineViewDto[];
  @ApiProperty({ example: '0.07' }) indirectRate: string;
  @ApiProperty({ type: BudgetDto }) budget: BudgetDto;
  @ApiProperty({ nullable: true, type: String }) reviewDueDate: string | null;
  @ApiProperty({ nullable: true, type: String }) startDate: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class RevisionRefDto {
  @ApiProperty() version: number;
  @ApiProperty() submittedAt: string;
}

export class DocumentDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: DocumentKind }) kind: DocumentKind;
  @ApiProperty() filename: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty() bytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedAt: string;
  @ApiProperty() uploadedBy: string;
}

export class ProposalDetailDto extends ProposalDto {
  @ApiProperty({ type: RevisionRefDto, isArray: true }) revisions: RevisionRefDto[];
  @ApiProperty({ type: DocumentDto, isArray: true }) documents: DocumentDto[];
}

export class ProposalPageDto {
  @ApiProperty({ type: ProposalDto, isArray: true }) items: ProposalDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class FieldChangeDto {
  @ApiProperty({ example: 'budgetLines[IOM/1].amount' }) field: string;
  @ApiProperty({
    nullable: true,
    description: 'value in the earlier revision (null when absent)',
    oneOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: {} },
      { type: 'object' },
    ],
  })
  from: unknown;
  @ApiProperty({
    nullable: true,
    description: 'value in the later revision (null when absent)',
    oneOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: {} },
      { type: 'object' },
    ],
  })
  to: unknown;
}

export class RevisionDiffDto {
  @ApiProperty() proposalId: string;
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: FieldChangeDto, isArray: true }) changes: FieldChangeDto[];
}

export class EligibilityViolationDto {
  @ApiProperty({ example: 'MIN_PUNOS' }) rule: string;
  @ApiProperty({ example: 'participatingOrgCodes' }) field: string;
  @ApiProperty() message: string;
}

export class RequiredDocumentDto {
  @ApiProperty({ example: 'CONCEPT_NOTE' }) kind: string;
  @ApiProperty({ example: 'concept note' }) label: string;
  @ApiProperty() attached: boolean;
}

export class EligibilityDto {
  @ApiProperty() eligible: boolean;
  @ApiProperty({ type: EligibilityViolationDto, isArray: true }) violations: EligibilityViolationDto[];
  @ApiProperty({
    type: RequiredDocumentDto,
    isArray: true,
    description: 'The checklist of required documents',
  })
  requiredDocuments: RequiredDocumentDto[];
}

export class TimelineActorDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class TimelineEntryDto {
  @ApiProperty({ enum: ProposalStatus, nullable: true }) fromStatus: ProposalStatus | null;
  @ApiProperty({ enum: ProposalStatus }) toStatus: ProposalStatus;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: TimelineActorDto, nullable: true }) actor: TimelineActorDto | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
}
