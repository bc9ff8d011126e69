import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DonorPositionService } from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';

export class DonorQueryDto {
  @ApiPropertyOptional({ description: 'Prefix of the name (any word) or of the code', example: 'Ger' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Only donors with a commitment or deposit recorded' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  contributed?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 300, default: 50 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(300)
  limit?: number;
}

export class DonorOptionDto {
  @ApiProperty({ example: 'DEU' }) code: string;
  @ApiProperty({ example: 'Germany' }) name: string;
  @ApiProperty({ example: 'MEMBER_STATE' }) type: string;
  @ApiProperty() hasContributed: boolean;
}

class CurrencyPositionDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '18000000.00' }) committed: string;
  @ApiProperty({ example: '18000000.00' }) paid: string;
  @ApiProperty({ example: '0.00' }) outstanding: string;
  @ApiProperty({ description: 'US$ at the rate of each commitment’s date' }) committedUsd: string;
  @ApiProperty({ description: 'US$ received, at the rate of each deposit’s date' }) paidUsd: string;
  @ApiProperty({ description: 'paidUsd less the paid part valued at the pledge rate' })
  exchangeDifferenceUsd: string;
}

class FundedAreaDto {
  @ApiProperty() thematicAreaCode: number;
  @ApiProperty() title: string;
  @ApiProperty() earmarkedUsd: string;
  @ApiProperty({ description: 'Transfers to programmes in the area net of refunds × the donor’s share' })
  attributedTransfersUsd: string;
}

export class DonorPositionDto {
  @ApiProperty() donorCode: string;
  @ApiProperty() donorName: string;
  @ApiProperty({ type: CurrencyPositionDto, isArray: true }) byCurrency: CurrencyPositionDto[];
  @ApiProperty() netDepositsUsd: string;
  @ApiProperty({ example: '0.2311' }) shareOfFund: string;
  @ApiProperty({ type: FundedAreaDto, isArray: true }) funds: FundedAreaDto[];
}

/** Donors: the contributor picker, and a donor's own position in the fund. */
@ApiTags('money')
@ApiBearerAuth()
@Controller('donors')
export class DonorsController {
  constructor(private readonly donors: DonorPositionService) {}

  @Get()
  @RequirePermission(Permission.CONTRIBUTION_READ)
  @ApiOperation({ summary: 'Donors by name (Member States and other contributors), searchable with q' })
  @ApiOkResponse({ type: DonorOptionDto, isArray: true })
  list(@Query() query: DonorQueryDto) {
    return this.donors.donors({ q: query.q, contributedOnly: query.contributed, limit: query.limit });
  }

  @Get(':code/position')
  @RequirePermission(Permission.CONTRIBUTION_READ)
  @ApiOperation({
    summary:
      'A donor’s position: committed, paid and outstanding in the pledge’s currency, and what its money funds',
    description: 'A donor viewer reads its own only (403 otherwise).',
  })
  @ApiOkResponse({ type: DonorPositionDto })
  position(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.donors.position(user, code);
  }
}
