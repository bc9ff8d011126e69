import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IATI_ORGANISATION_ID } from '@mptf/reference';
import { DocumentKind } from '@mptf/proposals';
import { IsIsoDate, IsMoney, IsMonthDay, IsNonBlankText, IsRate } from '../common/formats';

const REQUIRABLE_DOCUMENTS = Object.values(DocumentKind);

export class ThematicAreaDto {
  @ApiProperty({ example: 1 }) code: number;
  @ApiProperty() title: string;
  @ApiProperty() shortTitle: string;
  @ApiProperty({ type: Number, isArray: true }) gcmObjectiveCodes: number[];
}

export class GcmObjectiveDto {
  @ApiProperty({ example: 1 }) code: number;
  @ApiProperty() title: string;
  @ApiProperty() shortTitle: string;
  @ApiProperty({ type: Number, isArray: true }) thematicAreaCodes: number[];
}

export class GuidingPrincipleDto {
  @ApiProperty({ example: 'PEOPLE_CENTRED' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() position: number;
}

export class BudgetCategoryDto {
  @ApiProperty() code: number;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'false for category 8, which is computed' }) direct: boolean;
}

export class ReviewCriterionDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'percent; all weights sum to 100' }) weight: number;
}

export class CountryDto {
  @ApiProperty({ example: 'MEX' }) code: string;
  @ApiProperty({ example: 'MX' }) alpha2: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Americas' }) region: string;
  @ApiProperty({ example: '019' }) regionCode: string;
  @ApiProperty({ example: 'Latin America and the Caribbean' }) subRegion: string;
}

export class CountriesQuery {
  @ApiPropertyOptional({ example: 'Africa' })
  @IsOptional()
  @IsString()
  region?: string;
}

export class SetAreaObjectivesDto {
  @ApiProperty({ type: Number, isArray: true, example: [1, 3, 17, 23] })
  @IsArray()
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  gcmObjectiveCodes: number[];
}

export class MinMarkersDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 3 }) @IsOptional() @IsInt() @Min(0) @Max(3) gender?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3)
  humanRights?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3)
  childSensitivity?: number;
}

export class FundSettingsDto {
  @ApiProperty() minParticipatingOrganizations: number;
  @ApiProperty({ type: MinMarkersDto }) minMarkers: MinMarkersDto;
  @ApiProperty({ example: '5000000.00' }) budgetCeiling: string;
  @ApiProperty() minDurationMonths: number;
  @ApiProperty() maxDurationMonths: number;
  @ApiProperty({ example: '0.07' }) indirectRate: string;
  @ApiProperty({ example: '0.01' }) aaFeeRate: string;
  @ApiProperty() reviewWindowDays: number;
  @ApiProperty({ example: '04-30' }) expenditureDeadline: string;
  @ApiProperty({ example: '2019-01-01', description: 'No money entry may be dated before it' })
  inceptionDate: string;
  @ApiProperty({ example: '1000000000.00', description: 'The largest amount one money entry may carry' })
  maxEntryAmount: string;
  @ApiProperty({ example: 'UNDP Multi-Partner Trust Fund Office', description: 'Named in the donor reports' })
  administrativeAgentName: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'XI-IATI-MIGMPTF',
    description: 'The fund’s IATI organisation identifier (null: the IATI_ORG_PREFIX setting)',
  })
  iatiOrganisationId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Published as the IATI activities’ contact' })
  contactEmail: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'https://migrationnetwork.un.org/mptf' })
  website: string | null;
  @ApiProperty({ example: '03-31', description: 'Annual narrative progress reports, MM-DD of the next year' })
  narrativeReportDeadline: string;
  @ApiProperty({ example: 3, description: 'Final narrative report: months after operational closure' })
  finalNarrativeMonths: number;
  @ApiProperty({ example: 6, description: 'Final financial report: months after operational closure' })
  finalFinancialMonths: number;
  @ApiProperty({
    example: '0.20',
    description: 'Largest share of the budget the fund unit lets a revision move',
  })
  revisionMaxMoveRate: string;
  @ApiProperty({ example: 6, description: 'Longest no-cost extension the fund unit approves (months)' })
  revisionMaxExtensionMonths: number;
  @ApiProperty({ example: 1, description: 'Revisions per programme and year the fund unit approves' })
  revisionsPerYearByFundUnit: number;
  @ApiProperty({
    type: String,
    isArray: true,
    example: ['CONCEPT_NOTE', 'ENDORSEMENT_LETTER'],
    description: 'Document kinds a proposal must carry to be submitted',
  })
  requiredDocuments: string[];
}

export class PatchFundSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  minParticipatingOrganizations?: number;

  @ApiPropertyOptional({ type: MinMarkersDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MinMarkersDto)
  minMarkers?: MinMarkersDto;

  @ApiPropertyOptional({ example: '5000000.00' })
  @IsOptional()
  @IsMoney()
  budgetCeiling?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(120) minDurationMonths?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(120) maxDurationMonths?: number;

  @ApiPropertyOptional({ example: '0.07' })
  @IsOptional()
  @IsRate()
  indirectRate?: string;

  @ApiPropertyOptional({ example: '0.01' })
  @IsOptional()
  @IsRate()
  aaFeeRate?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(365) reviewWindowDays?: number;

  @ApiPropertyOptional({ example: '04-30' })
  @IsOptional()
  @IsMonthDay()
  expenditureDeadline?: string;

  @ApiPropertyOptional({ example: '2019-01-01', description: 'On or after 2000-01-01' })
  @IsOptional()
  @IsIsoDate()
  inceptionDate?: string;

  @ApiPropertyOptional({ example: '1000000000.00', description: 'Above zero' })
  @IsOptional()
  @IsMoney()
  maxEntryAmount?: string;

  @ApiPropertyOptional({ example: 'UNDP Multi-Partner Trust Fund Office' })
  @IsOptional()
  @IsNonBlankText(1, 200)
  administrativeAgentName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'XI-IATI-MIGMPTF' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @Matches(IATI_ORGANISATION_ID, {
    message:
      'must be an IATI organisation identifier (agency prefix and code, e.g. XI-IATI-MIGMPTF; none of / & | ?)',
  })
  iatiOrganisationId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'migration.mptf@example.org' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsEmail()
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://migrationnetwork.un.org/mptf' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  website?: string | null;
  @ApiPropertyOptional({ example: '03-31' })
  @IsOptional()
  @IsMonthDay()
  narrativeReportDeadline?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(24) finalNarrativeMonths?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(24) finalFinancialMonths?: number;

  @ApiPropertyOptional({ example: '0.20' })
  @IsOptional()
  @IsRate()
  revisionMaxMoveRate?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(60) revisionMaxExtensionMonths?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(12) revisionsPerYearByFundUnit?: number;
  @ApiPropertyOptional({ type: String, isArray: true, example: ['CONCEPT_NOTE', 'ENDORSEMENT_LETTER'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(REQUIRABLE_DOCUMENTS, {
    each: true,
    message: `each must be one of ${REQUIRABLE_DOCUMENTS.join(', ')}`,
  })
  requiredDocuments?: string[];
}
