import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { FundEntryKind } from '@mptf/finance';
import { FUND_ENTRY_KINDS } from '@mptf/finance';
import { DATE, DATE_MESSAGE, MONEY, MONEY_MESSAGE } from './finance-validation';

/** Interest, other income, direct costs and bank charges of the fund, recorded by the AA. */
export class RecordFundEntryDto {
  @ApiProperty({ enum: FUND_ENTRY_KINDS })
  @IsIn(FUND_ENTRY_KINDS)
  kind: FundEntryKind;

  @ApiProperty({ example: '1520.35' })
  @IsString()
  @Matches(MONEY, { message: MONEY_MESSAGE })
  amount: string;

  @ApiProperty({ example: '2026-06-30' })
  @IsString()
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  date: string;

  @ApiPropertyOptional({ example: 'Interest Q2 2026' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}
