import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { FundEntryKind } from '@mptf/finance';
import { FUND_ENTRY_KINDS, PortfolioDimension, PROGRAMME_SORT_FIELDS } from '@mptf/finance';
import { PageQuery } from '../common/page-query';
import { PROGRAMME_STATUSES, ProposalStatus } from '@mptf/proposals';
import { IsOrgCode } from '../common/formats';
import { ExportableListQuery, SortParam } from '../common/list-query';

export class ProgrammeQueryDto extends ExportableListQuery {
  @ApiPropertyOptional({ enum: PROGRAMME_STATUSES })
  @IsOptional()
  @IsIn(PROGRAMME_STATUSES, { message: `must be one of ${PROGRAMME_STATUSES.join(', ')}` })
  status?: ProposalStatus;

  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(99)
  thematicArea?: number;

  @ApiPropertyOptional({
    example: 'IOM',
    description: 'Programmes this organization takes part in (PUNO or convener)',
  })
  @IsOptional()
  @IsOrgCode()
  organization?: string;

  @SortParam(PROGRAMME_SORT_FIELDS, '-allocated,reference')
  sort?: string;
}

export class ExpenditureQueryDto {
  @ApiPropertyOptional({ example: 'IOM' })
  @IsOptional()
  @IsOrgCode()
  orgCode?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class FundStatusQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'Reporting year; since inception without it' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class PortfolioQueryDto {
  @ApiProperty({ enum: PortfolioDimension })
  @IsEnum(PortfolioDimension, { message: `must be one of ${Object.values(PortfolioDimension).join(', ')}` })
  groupBy: PortfolioDimension;
}

export class FundEntryQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: FUND_ENTRY_KINDS })
  @IsOptional()
  @IsIn(FUND_ENTRY_KINDS, { message: `must be one of ${FUND_ENTRY_KINDS.join(', ')}` })
  kind?: FundEntryKind;

  @ApiPropertyOptional({ example: 2026, description: 'Reporting year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}
