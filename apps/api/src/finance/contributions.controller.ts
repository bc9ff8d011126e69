import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ContributionsService } from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { parseMoney } from '@mptf/platform';
import {
  ContributionDto,
  ContributionPageDto,
  ContributionQueryDto,
  RecordContributionDto,
} from './record-contribution.dto';
import { ReverseEntryDto } from './reverse-entry.dto';
import { CONTRIBUTION_CSV } from '../common/list-csv-columns';
import { ListExports } from '../common/list-query';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('money')
@ApiBearerAuth()
@Controller('contributions')
export class ContributionsController {
  constructor(
    private readonly contributions: ContributionsService,
    private readonly exports: ListExports,
  ) {}

  @Post()
  @RequirePermission(Permission.CONTRIBUTION_RECORD)
  @ApiCreatedResponse({ type: ContributionDto, description: 'A deposit also posts the AA fee' })
  record(@CurrentUser() actor: AuthUser, @Body() body: RecordContributionDto) {
    return this.contributions.record(actor, {
      donorCode: body.donorCode,
      kind: body.kind,
      currency: body.currency,
      amount: parseMoney(body.amount),
      // @IsOptional lets null through as well as undefined.
      usdAmount:
        body.usdAmount === undefined || body.usdAmount === null ? undefined : parseMoney(body.usdAmount),
      date: body.date,
      earmark: body.earmark ?? null,
      reference: body.reference ?? null,
    });
  }

  /** A correction: new entries reverse the contribution and its AA fee; nothing is updated. */
  @Post(':id/reverse')
  @RequirePermission(Permission.CONTRIBUTION_RECORD)
  @ApiCreatedResponse({
    type: ContributionDto,
    description:
      'The reversing entry (negative amounts, `reverses` naming the contribution); 409 when already reversed',
  })
  reverse(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: ReverseEntryDto,
  ) {
    return this.contributions.reverse(actor, id, body.reason);
  }

  /** Public figures: a contributor (DONOR_VIEWER) sees every donor's, another donor's reference excepted. */
  @Get()
  @RequirePermission(Permission.CONTRIBUTION_READ)
  @ApiOperation({
    summary: 'Contributions, newest first unless sorted; totals over the whole filtered list',
    description:
      'With `format=csv` the whole list (same filters, search and sort, every page) as a CSV file.',
  })
  @ApiOkResponse({ type: ContributionPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ContributionQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.exports.listOrCsv(
      query,
      response,
      (page, manager) => this.contributions.list(user, { ...query, ...page }, manager),
      {
        fileName: 'contributions.csv',
        columns: CONTRIBUTION_CSV,
      },
    );
  }
}
