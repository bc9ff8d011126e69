import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  FinanceReadService,
  LedgerKind,
  ProgrammeMoneyService,
  ProgrammeReversalsService,
} from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { parseMoney } from '@mptf/platform';
import { CloseProgrammeDto } from './close-programme.dto';
import { ExpenditureQueryDto, ProgrammeQueryDto } from './finance-query.dto';
import { ProgrammeDetailDto, ProgrammePageDto } from './finance-responses.dto';
import { ExpenditureReportDto, RecordExpenditureDto } from './record-expenditure.dto';
import { MovementDto, RecordTransferDto } from './record-transfer.dto';
import { ReverseEntryDto } from './reverse-entry.dto';
import { PROGRAMME_CSV } from '../common/list-csv-columns';
import { ListExports } from '../common/list-query';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** Programmes are approved proposals; this is their money. */
@ApiTags('money')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(
    private readonly money: ProgrammeMoneyService,
    private readonly read: FinanceReadService,
    private readonly reversals: ProgrammeReversalsService,
    private readonly exports: ListExports,
  ) {}

  @Get()
  @RequirePermission(Permission.PROGRAMME_READ)
  @ApiOperation({
    summary: 'Programmes with their money, by reference unless sorted; totals over the whole filtered list',
    description:
      'With `format=csv` the whole list (same filters, search and sort, every page) as a CSV file.',
  })
  @ApiOkResponse({ type: ProgrammePageDto })
  list(@Query() query: ProgrammeQueryDto, @Res({ passthrough: true }) response: Response) {
    return this.exports.listOrCsv(
      query,
      response,
      (page, manager) => this.read.programmes(manager, { ...query, ...page }),
      {
        fileName: 'programmes.csv',
        columns: PROGRAMME_CSV,
      },
    );
  }

  @Get(':id')
  @RequirePermission(Permission.PROGRAMME_READ)
  @ApiOkResponse({ type: ProgrammeDetailDto, description: 'With the money per PUNO' })
  get(@Param('id', new ParseIdPipe()) id: string) {
    return this.read.programme(undefined, id);
  }

  @Post(':id/transfers')
  @RequirePermission(Permission.TRANSFER_RECORD)
  @ApiCreatedResponse({ type: MovementDto, description: 'The first transfer makes the programme ACTIVE' })
  transfer(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: RecordTransferDto,
  ) {
    return this.money.transfer(actor, id, {
      orgCode: body.orgCode,
      amount: parseMoney(body.amount),
      date: body.date,
    });
  }

  @Post(':id/refunds')
  @RequirePermission(Permission.REFUND_RECORD)
  @ApiCreatedResponse({ type: MovementDto })
  refund(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: RecordTransferDto,
  ) {
    return this.money.refund(actor, id, {
      orgCode: body.orgCode,
      amount: parseMoney(body.amount),
      date: body.date,
    });
  }

  @Post(':id/transfers/:transferId/reverse')
  @RequirePermission(Permission.TRANSFER_RECORD)
  @ApiCreatedResponse({
    type: MovementDto,
    description:
      'The reversing entry; 409 when already reversed or when the PUNO no longer holds the money. Reversing the last standing transfer of an ACTIVE programme returns it to APPROVED.',
  })
  reverseTransfer(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Param('transferId', new ParseIdPipe()) transferId: string,
    @Body() body: ReverseEntryDto,
  ) {
    return this.reversals.reverseMovement(actor, id, LedgerKind.TRANSFER, transferId, body.reason);
  }

  @Post(':id/refunds/:refundId/reverse')
  @RequirePermission(Permission.REFUND_RECORD)
  @ApiCreatedResponse({
    type: MovementDto,
    description: 'The reversing entry; 409 when already reversed or the money is no longer available',
  })
  reverseRefund(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Param('refundId', new ParseIdPipe()) refundId: string,
    @Body() body: ReverseEntryDto,
  ) {
    return this.reversals.reverseMovement(actor, id, LedgerKind.REFUND, refundId, body.reason);
  }

  @Post(':id/expenditures')
  @RequirePermission(Permission.EXPENDITURE_RECORD)
  @ApiCreatedResponse({
    type: ExpenditureReportDto,
    description: 'Resubmitting a year replaces it (history kept)',
  })
  recordExpenditure(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: RecordExpenditureDto,
  ) {
    return this.money.recordExpenditure(actor, id, {
      orgCode: body.orgCode,
      year: body.year,
      lines: body.lines.map((line) => ({ categoryCode: line.categoryCode, amount: parseMoney(line.amount) })),
    });
  }

  @Post(':id/expenditures/:reportId/reverse')
  @RequirePermission(Permission.EXPENDITURE_RECORD)
  @ApiCreatedResponse({
    type: ExpenditureReportDto,
    description:
      'By a focal point of that PUNO: a new version without lines reversing the current one; 409 when already reversed or superseded',
  })
  reverseExpenditure(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Param('reportId', new ParseIdPipe()) reportId: string,
    @Body() body: ReverseEntryDto,
  ) {
    return this.reversals.reverseExpenditure(actor, id, reportId, body.reason);
  }

  @Get(':id/expenditures')
  @RequirePermission(Permission.PROGRAMME_READ)
  @ApiOkResponse({ type: ExpenditureReportDto, isArray: true, description: 'Every version, newest first' })
  expenditures(@Param('id', new ParseIdPipe()) id: string, @Query() query: ExpenditureQueryDto) {
    return this.money.expenditureReports(undefined, id, query);
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequirePermission(Permission.PROGRAMME_CLOSE)
  @ApiOkResponse({ type: ProgrammeDetailDto })
  async close(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: CloseProgrammeDto,
  ) {
    await this.money.close(actor, id, body.kind);
    return this.read.programme(undefined, id);
  }
}
