import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FinanceReadService, ProgrammeMoneyService } from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { parseMoney } from '@mptf/platform';
import { FundStatusQueryDto, PortfolioQueryDto } from './finance-query.dto';
import { FundEntryDto, FundStatusDto, PortfolioGroupDto } from './finance-responses.dto';
import { RecordFundEntryDto } from './record-fund-entry.dto';

@ApiTags('money')
@ApiBearerAuth()
@Controller()
export class FundController {
  constructor(
    private readonly read: FinanceReadService,
    private readonly money: ProgrammeMoneyService,
  ) {}

  @Get('fund/status')
  @RequirePermission(Permission.FUND_STATUS_READ)
  @ApiOkResponse({ type: FundStatusDto })
  @ApiOperation({ summary: 'The two ledgers of the fund for a reporting year, or since inception' })
  status(@Query() query: FundStatusQueryDto) {
    return this.read.fundStatus(undefined, { year: query.year });
  }

  @Post('fund/entries')
  @RequirePermission(Permission.FUND_ENTRY_RECORD)
  @ApiCreatedResponse({ type: FundEntryDto })
  @ApiOperation({ summary: 'Record interest, other income, a direct cost or a bank charge' })
  recordEntry(@CurrentUser() actor: AuthUser, @Body() body: RecordFundEntryDto) {
    return this.money.recordFundEntry(actor, {
      kind: body.kind,
      amount: parseMoney(body.amount),
      date: body.date,
      description: body.description ?? null,
    });
  }

  @Get('portfolio')
  @RequirePermission(Permission.PORTFOLIO_READ)
  @ApiOkResponse({ type: PortfolioGroupDto, isArray: true })
  @ApiOperation({
    summary: 'The portfolio grouped by one dimension',
    description:
      'Programmes with several GCM objectives or countries count with their full amounts in each of their groups (groups overlap); organization groups show each PUNO’s own amounts; global programmes without countries are the group GLOBAL.',
  })
  portfolio(@Query() query: PortfolioQueryDto) {
    return this.read.portfolio(undefined, query.groupBy);
  }
}
