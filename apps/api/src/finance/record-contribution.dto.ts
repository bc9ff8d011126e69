import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { ContributionKind } from '@mptf/finance';
import { CONTRIBUTION_KINDS } from '@mptf/finance';
import { PageQuery } from '@mptf/platform';
import { DATE, DATE_MESSAGE, MONEY, MONEY_MESSAGE } from './finance-validation';

export class EarmarkDto {
  @ApiProperty({ example: 2, description: 'Thematic area 1–5 the money is reserved for' })
  @IsInt()
  @Min(1)
  @Max(99)
  thematicAreaCode: number;
}

export class RecordContributionDto {
  @ApiProperty({ example: 'DEU', description: 'Contributor organization code (Member States by ISO3)' })
  @IsString()
  @Matches(/^[A-Z0-9_]{2,20}$/, { message: 'must be an organization code like DEU' })
  donorCode: string;

  @ApiProperty({ enum: CONTRIBUTION_KINDS })
  @IsIn(CONTRIBUTION_KINDS)
  kind: ContributionKind;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code of the donor currency' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 currency code like EUR' })
  currency: string;

  @ApiProperty({ example: '1000000.00', description: 'Amount in `currency`' })
  @IsString()
  @Matches(MONEY, { message: MONEY_MESSAGE })
  amount: string;

  @ApiPropertyOptional({
    example: '1085000.00',
    description: 'US$ value; may be omitted when currency is USD',
  })
  @IsOptional()
  @IsString()
  @Matches(MONEY, { message: MONEY_MESSAGE })
  usdAmount?: string;

  @ApiProperty({ example: '2026-03-15' })
  @IsString()
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
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

export class ContributionQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'DEU' })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{2,20}$/, { message: 'must be an organization code like DEU' })
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
}

export class ContributionDto {
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
  @ApiProperty({ example: '10850.00', nullable: true, description: 'AA fee posted with a deposit' })
  aaFee: string | null;
  @ApiProperty({ nullable: true }) reference: string | null;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ nullable: true, description: 'Id of the entry that reversed (corrected) it' })
  reversedBy: string | null;
}

export class ReverseContributionDto {
  @ApiProperty({ example: 'Recorded twice: bank statement 2026-03 shows one deposit' })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;
}
