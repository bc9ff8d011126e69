import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MONEY, MONEY_MESSAGE } from './finance-validation';

export class ExpenditureLineDto {
  @ApiProperty({ example: 1, minimum: 1, maximum: 8 })
  @IsInt()
  @Min(1)
  @Max(8)
  categoryCode: number;

  @ApiProperty({ example: '120000.00' })
  @IsString()
  @Matches(MONEY, { message: MONEY_MESSAGE })
  amount: string;
}

/** One PUNO's expenditure for one year; resubmitting the year replaces the previous version. */
export class RecordExpenditureDto {
  @ApiProperty({ example: 'IOM' })
  @IsString()
  @Matches(/^[A-Z0-9_]{2,20}$/, { message: 'must be an organization code like IOM' })
  orgCode: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ type: ExpenditureLineDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(8)
  // Without it an element that is itself an array passes the nested validation empty.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ExpenditureLineDto)
  lines: ExpenditureLineDto[];
}

export class ExpenditureReportDto {
  @ApiProperty() id: string;
  @ApiProperty() programmeId: string;
  @ApiProperty({ example: 'IOM' }) orgCode: string;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ description: 'true for the latest version of its year (the one that counts)' })
  current: boolean;
  @ApiProperty({ type: ExpenditureLineDto, isArray: true }) lines: ExpenditureLineDto[];
  @ApiProperty({ example: '420000.00' }) total: string;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ nullable: true }) submittedBy: string | null;
}
