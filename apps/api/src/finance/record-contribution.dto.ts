import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { ContributionKind } from '@mptf/finance';
import { CONTRIBUTION_KINDS, CONTRIBUTION_SORT_FIELDS } from '@mptf/finance';
import { IsMoney, IsOrgCode, IsIsoDate } from '../common/formats';
import { ExportableListQuery, SortParam } from '../common/list-query';
import { ReversalFieldsDto } from './reverse-entry.dto';

export class EarmarkDto {
  @ApiProperty({ example: 2, description: 'Thematic area 1–5 the money is reserved for' })
  @IsInt()
  @Min(1)
  @Max(99)
  thematicAreaCode: number;
}

export class RecordContributionDto {
  @ApiProperty({
    example: 'DEU',
    description: 'A contributor (MEMBER_STATE or OTHER organization; Member States by ISO3)',
  })
  @IsOrgCode()
  donorCode: string;

  @ApiProperty({ enum: CONTRIBUTION_KINDS })
  @IsIn(CONTRIBUTION_KINDS)
  kind: ContributionKind;

  @ApiProperty({ example: 'EUR', description: 'Active ISO 4217 code of the donor currency' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 currency code like EUR' })
  currency: string;

  @ApiProperty({ example: '1000000.00', description: 'Amount in `currency`' })
  @IsMoney()
  amount: string;

  @ApiPropertyOptional({
    example: '1085000.00',
    description: 'US$ value; may be omitted when currency is USD',
  })
  @IsOptional()
  @IsMoney()
  usdAmount?: string;

  @ApiProperty({ example: '2026-03-15' })
  @IsIsoDate()
  date: string;

  @ApiPropertyOptional({ type: EarmarkDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EarmarkDto)
  earmark?: EarmarkDto;

  @ApiPropertyOptional({
    example: 'DEU-2026-001',
    description: 'Donor agreement or deposit reference (unique)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string;
}

export class ContributionQueryDto extends ExportableListQuery {
  @ApiPropertyOptional({ example: 'DEU' })
  @IsOptional()
  @IsOrgCode()
  donor?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: CONTRIBUTION_KINDS })
  @IsOptional()
  @IsIn(CONTRIBUTION_KINDS)
  kind?: ContributionKind;

  @SortParam(CONTRIBUTION_SORT_FIELDS, '-usdAmount')
  sort?: string;
}

export class ContributionDto extends ReversalFieldsDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'DEU' }) donorCode: string;
  @ApiProperty() donorName: string;
  @ApiProperty({ enum: CONTRIBUTION_KINDS }) kind: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '1000000.00' }) amount: string;
  @ApiProperty({ example: '1085000.00' }) usdAmount: string;
  @ApiProperty({ example: '1.0850', description: 'US$ per unit of currency implied by the amounts' })
  exchangeRate: string;
  @ApiProperty({ example: '2026-03-15' }) date: string;
  @ApiProperty({ type: EarmarkDto, nullable: true }) earmark: EarmarkDto | null;
  @ApiProperty({
    example: '10850.00',
    nullable: true,
    type: String,
    description: 'AA fee posted with a deposit',
  })
  aaFee: string | null;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty() recordedAt: string;
}

export class ContributionTotalsDto {
  @ApiProperty({ example: '20260000.00', description: 'US$ of the deposits (reversals count negative)' })
  deposits: string;
  @ApiProperty({ example: '5000000.00', description: 'US$ of the commitments (reversals count negative)' })
  commitments: string;
  @ApiProperty({ example: '202600.00', description: 'Sum of the AA fees' }) aaFee: string;
}

export class ContributionPageDto {
  @ApiProperty({ type: ContributionDto, isArray: true }) items: ContributionDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({
    type: ContributionTotalsDto,
    description: 'Over every contribution the filters and search let through (all pages)',
  })
  totals: ContributionTotalsDto;
}
