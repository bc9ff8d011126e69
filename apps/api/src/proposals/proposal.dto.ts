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
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  DocumentKind,
  PartnerType,
  PROPOSAL_SORT_FIELDS,
  ProposalScope,
  ProposalStage,
  ProposalStatus,
} from '@mptf/proposals';
import { IsMoney, IsOrgCode, IsCountryCode, IsIsoDate, IsNonBlankText } from '../common/formats';
import { ExportableListQuery } from '../common/list-query';

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
  @IsNonBlankText(1, 300)
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

export class ListProposalsQuery extends ExportableListQuery {
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

  @ApiPropertyOptional({
    example: 'Moldo',
    description:
      'search: reference, title, country or agency by part or prefix, a title or country with a typo, and full-text over title and summary',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  declare q?: string;

  @ApiPropertyOptional({
    example: '-submittedAt,reference',
    description: `field (ascending) or -field (descending), several comma-separated: ${Object.keys(PROPOSAL_SORT_FIELDS).join(', ')}`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sort?: string;
}

export class UploadDocumentDto {
  @ApiPropertyOptional({ enum: DocumentKind, default: DocumentKind.OTHER })
  @IsOptional()
  @IsEnum(DocumentKind)
  kind?: DocumentKind;
}
