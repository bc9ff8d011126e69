import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/page-query';
import { IsIsoDate, IsMoney, IsOrgCode } from '../common/formats';
import { ReversalFieldsDto } from './reverse-entry.dto';

/** Interest a participating UN organization earned on the fund's money it holds, recorded by the AA. */
export class RecordAgencyInterestDto {
  @ApiProperty({ example: 'IOM', description: 'The participating UN organization that earned it' })
  @IsOrgCode()
  orgCode: string;

  @ApiProperty({ example: '1520.35' })
  @IsMoney()
  amount: string;

  @ApiProperty({ example: '2026-06-30' })
  @IsIsoDate()
  date: string;

  @ApiPropertyOptional({ example: 'Interest 2026 as reported in the annual financial statement' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class AgencyInterestQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'IOM' })
  @IsOptional()
  @IsOrgCode()
  organization?: string;

  @ApiPropertyOptional({ example: 2026, description: 'Reporting year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class AgencyInterestDto extends ReversalFieldsDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'IOM' }) orgCode: string;
  @ApiProperty({ example: 'International Organization for Migration' }) orgName: string;
  @ApiProperty({ example: '1520.35', description: 'Negative on a reversing entry' }) amount: string;
  @ApiProperty() date: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() recordedAt: string;
}

export class AgencyInterestPageDto {
  @ApiProperty({ type: AgencyInterestDto, isArray: true }) items: AgencyInterestDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
