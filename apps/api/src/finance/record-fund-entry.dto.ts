import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FundEntryKind } from '@mptf/finance';
import { FUND_ENTRY_KINDS } from '@mptf/finance';
import { IsMoney, IsIsoDate } from '../common/formats';

/** Interest, other income, direct costs and bank charges of the fund, recorded by the AA. */
export class RecordFundEntryDto {
  @ApiProperty({ enum: FUND_ENTRY_KINDS })
  @IsIn(FUND_ENTRY_KINDS)
  kind: FundEntryKind;

  @ApiProperty({ example: '1520.35' })
  @IsMoney()
  amount: string;

  @ApiProperty({ example: '2026-06-30' })
  @IsIsoDate()
  date: string;

  @ApiPropertyOptional({ example: 'Interest Q2 2026' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}
