import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReversalFieldsDto } from './reverse-entry.dto';

/** Response shapes of the money endpoints, for the OpenAPI document. */
export class MoneyFiguresDto {
  @ApiProperty({ example: '1500000.00' }) allocated: string;
  @ApiProperty({ example: '900000.00' }) transferred: string;
  @ApiProperty({ example: '0.00' }) refunded: string;
  @ApiProperty({ example: '900000.00', description: 'transferred − refunded' }) netFunded: string;
  @ApiProperty({ example: '379170.00' }) expenditure: string;
  @ApiProperty({ example: '0.4213', description: 'expenditure ÷ net funded' }) deliveryRate: string;
}

export class ProgrammeSummaryDto extends MoneyFiguresDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'MIG-2026-0007' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'ACTIVE' }) status: string;
  @ApiProperty({ example: 'NATIONAL' }) scope: string;
  @ApiProperty({ example: 2 }) thematicAreaCode: number;
  @ApiProperty({ example: 'IOM' }) convenerCode: string;
  @ApiProperty({ type: String, isArray: true, example: ['IOM', 'UNICEF'] }) organizationCodes: string[];
  @ApiProperty({ type: String, isArray: true, example: ['MEX'] }) countryCodes: string[];
  @ApiPropertyOptional({ example: '2026-04-01', nullable: true, type: String }) startDate: string | null;
}

export class ProgrammePageDto {
  @ApiProperty({ type: ProgrammeSummaryDto, isArray: true }) items: ProgrammeSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({
    type: MoneyFiguresDto,
    description: 'The money of every programme the filters and search let through (all pages)',
  })
  totals: MoneyFiguresDto;
}

export class PunoFiguresDto extends MoneyFiguresDto {
  @ApiProperty({ example: 'IOM' }) orgCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'allocated − transferred' }) untransferred: string;
  @ApiProperty({ description: 'held by the PUNO: net funded − expenditure' }) balance: string;
}

export class MovementSummaryDto extends ReversalFieldsDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['ALLOCATION', 'TRANSFER', 'REFUND'] }) kind: string;
  @ApiProperty() orgCode: string;
  @ApiProperty() amount: string;
  @ApiProperty() date: string;
}

export class ProgrammeDetailDto extends ProgrammeSummaryDto {
  @ApiProperty({ type: Number, isArray: true }) gcmObjectiveCodes: number[];
  @ApiProperty() untransferred: string;
  @ApiProperty() balance: string;
  @ApiProperty({ type: PunoFiguresDto, isArray: true }) organizations: PunoFiguresDto[];
  @ApiProperty({ type: MovementSummaryDto, isArray: true }) movements: MovementSummaryDto[];
}

export class WithAdministrativeAgentDto {
  @ApiProperty() contributions: string;
  @ApiProperty() interest: string;
  @ApiProperty() otherIncome: string;
  @ApiProperty() totalSources: string;
  @ApiProperty() transfers: string;
  @ApiProperty() refunds: string;
  @ApiProperty() aaFees: string;
  @ApiProperty() directCosts: string;
  @ApiProperty() bankCharges: string;
  @ApiProperty() totalUses: string;
  @ApiProperty({ description: 'totalSources − totalUses' }) balance: string;
}

export class WithParticipatingOrganizationsDto {
  @ApiProperty() transfers: string;
  @ApiProperty() expenditure: string;
  @ApiProperty() refunds: string;
  @ApiProperty({ description: 'transfers − expenditure − refunds' }) balance: string;
  @ApiProperty({
    example: '12500.00',
    description:
      'Interest earned by the agencies on the funds they hold, as recorded by the AA: reported separately, in neither balance',
  })
  agencyInterest: string;
}

export class FundStatusDto {
  @ApiProperty({ type: WithAdministrativeAgentDto }) withAdministrativeAgent: WithAdministrativeAgentDto;
  @ApiProperty({ type: WithParticipatingOrganizationsDto })
  withParticipatingOrganizations: WithParticipatingOrganizationsDto;
  @ApiProperty() totalBalance: string;
  @ApiProperty({
    example: '25980000.00',
    description:
      'Funds available for allocation now (whatever the year): balance with the AA − allocations not yet transferred, earmarks respected',
  })
  availableForAllocation: string;
}

export class PortfolioGroupDto {
  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'string' }],
    description:
      'Thematic area / GCM objective code (number), region, ISO3 country, organization code, or status',
  })
  key: string | number;
  @ApiProperty() label: string;
  @ApiProperty() programmes: number;
  @ApiProperty() allocated: string;
  @ApiProperty() transferred: string;
  @ApiProperty() expenditure: string;
  @ApiProperty({ example: '0.4213' }) deliveryRate: string;
}

export class FundEntryDto extends ReversalFieldsDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['INTEREST', 'OTHER_INCOME', 'DIRECT_COST', 'BANK_CHARGE'] }) kind: string;
  @ApiProperty({ example: '1520.35', description: 'Negative on a reversing entry' }) amount: string;
  @ApiProperty() date: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() recordedAt: string;
}

export class FundEntryPageDto {
  @ApiProperty({ type: FundEntryDto, isArray: true }) items: FundEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
