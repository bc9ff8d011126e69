import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { IsMoney, IsOrgCode } from '../common/formats';
import { ReversalFieldsDto } from './reverse-entry.dto';

export class ExpenditureLineDto {
  @ApiProperty({ example: 1, minimum: 1, maximum: 8 })
  @IsInt()
  @Min(1)
  @Max(8)
  categoryCode: number;

  @ApiProperty({ example: '120000.00' })
  @IsMoney()
  amount: string;
}

/** One PUNO's expenditure for one year; resubmitting the year replaces the previous version. */
export class RecordExpenditureDto {
  @ApiProperty({ example: 'IOM' })
  @IsOrgCode()
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

export class ExpenditureReportDto extends ReversalFieldsDto {
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
  @ApiProperty({ nullable: true, type: String }) submittedBy: string | null;
}
