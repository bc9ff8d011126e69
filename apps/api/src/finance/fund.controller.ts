import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FinanceReadService, FundEntriesService } from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { parseMoney } from '@mptf/platform';
import { FundEntryQueryDto, FundStatusQueryDto, PortfolioQueryDto } from './finance-query.dto';
import { FundEntryDto, FundEntryPageDto, FundStatusDto, PortfolioGroupDto } from './finance-responses.dto';
import { RecordFundEntryDto } from './record-fund-entry.dto';
import { ReverseEntryDto } from './reverse-entry.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('money')
@ApiBearerAuth()
@Controller()
export class FundController {
  constructor(
    private readonly read: FinanceReadService,
    private readonly entries: FundEntriesService,
  ) {}

  @Get('fund/status')
  @RequirePermission(Permission.FUND_STATUS_READ)
  @ApiOkResponse({ type: FundStatusDto })
  @ApiOperation({ summary: 'The two ledgers of the fund for a reporting year, or since inception' })
  status(@Query() query: FundStatusQueryDto) {
    return this.read.fundStatusWithAvailable({ year: query.year });
  }

  @Post('fund/entries')
  @RequirePermission(Permission.FUND_ENTRY_RECORD)
  @ApiCreatedResponse({ type: FundEntryDto })
  @ApiOperation({ summary: 'Record interest, other income, a direct cost or a bank charge' })
  recordEntry(@CurrentUser() actor: AuthUser, @Body() body: RecordFundEntryDto) {
    return this.entries.record(actor, {
      kind: body.kind,
      amount: parseMoney(body.amount),
      date: body.date,
      description: body.description ?? null,
    });
  }

  @Get('fund/entries')
  @RequirePermission(Permission.FUND_STATUS_READ)
  @ApiOkResponse({ type: FundEntryPageDto })
  @ApiOperation({ summary: 'Interest, other income, direct costs and bank charges, with their reversals' })
  listEntries(@Query() query: FundEntryQueryDto) {
    return this.entries.list(query);
  }

  @Post('fund/entries/:id/reverse')
  @RequirePermission(Permission.FUND_ENTRY_RECORD)
  @ApiCreatedResponse({ type: FundEntryDto, description: 'The reversing entry; 409 when already reversed' })
  @ApiOperation({ summary: 'Correct a fund entry recorded by mistake with a reversing entry' })
  reverseEntry(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: ReverseEntryDto,
  ) {
    return this.entries.reverse(actor, id, body.reason);
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
