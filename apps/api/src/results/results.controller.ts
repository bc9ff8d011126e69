import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import {
  ActualsService,
  DisaggregationPart,
  FundIndicatorsService,
  normalizeDecimal,
  ResultsMatrixService,
  RollupService,
} from '@mptf/results';
import {
  ActualDto,
  ActualsQueryDto,
  CreateActualDto,
  CreateFundIndicatorDto,
  DisaggregationDto,
  FundIndicatorDto,
  FundIndicatorsQuery,
  ON_TRACK_RULE,
  ResultsMatrixBodyDto,
  ReturnActualDto,
  RollupGroupDto,
  RollupQuery,
  UpdateActualDto,
  UpdateFundIndicatorDto,
} from './results.dto';
import { ActualPageDto, DueListDto, MatrixViewDto } from './results-views.dto';
import { ACTUAL_CSV } from '../common/list-csv-columns';
import { ListExports } from '../common/list-query';
import { ParseIdPipe } from '../common/parse-id.pipe';

const uuid = new ParseIdPipe();

function value(input: string | number | null | undefined): string | null {
  return input === null || input === undefined ? null : normalizeDecimal(input);
}

function parts(input: DisaggregationDto[] | undefined): DisaggregationPart[] | undefined {
  return input?.map((part) => ({
    dimension: part.dimension.trim(),
    category: part.category.trim(),
    value: normalizeDecimal(part.value) as string,
  }));
}

@ApiTags('results')
@ApiBearerAuth()
@Controller()
export class ResultsController {
  constructor(
    private readonly matrix: ResultsMatrixService,
    private readonly fundIndicators: FundIndicatorsService,
    private readonly actuals: ActualsService,
    private readonly rollups: RollupService,
    private readonly exports: ListExports,
  ) {}

  @Put('proposals/:id/results-matrix')
  @RequirePermission(Permission.RESULTS_EDIT)
  @ApiOperation({
    summary: 'Replace the whole results matrix',
    description:
      'Focal points of the proposal’s PUNOs and the FMU. Results and indicators are matched by key, so ids and ' +
      'actuals survive an edit. 400 on shape errors, 422 on rule violations (unique keys, outputs under an outcome, ' +
      'a value unless qualitative, percentages 0–100, periods not overlapping and inside the programme window: ' +
      'from the start date — or, before the first transfer, the first day of the month the proposal was created — ' +
      'for durationMonths), all at once with paths like results[1].indicators[0].targets[2].periodEnd; 409 when ' +
      'an indicator or period with an approved actual would be removed, or the proposal is not in an editable state.',
  })
  @ApiBody({ type: ResultsMatrixBodyDto })
  @ApiOkResponse({ type: MatrixViewDto, description: 'the matrix as GET returns it' })
  @ApiBadRequestResponse({ description: 'shape errors with field paths' })
  @ApiUnprocessableEntityResponse({ description: 'rule violations with field paths' })
  @ApiConflictResponse({ description: 'approved actuals would be lost, or wrong proposal state' })
  replaceMatrix(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    // Validated by parseMatrixShape (field paths with [index]), not by class-validator.
    @Body() body: unknown,
  ) {
    return this.matrix.replace(user, id, body);
  }

  @Get('proposals/:id/results-matrix')
  @RequirePermission(Permission.RESULTS_READ)
  @ApiOperation({ summary: 'The results matrix with ids, targets, actuals per period and progress' })
  @ApiOkResponse({ type: MatrixViewDto })
  getMatrix(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.matrix.get(user, id);
  }

  @Get('results/fund-indicators')
  @RequirePermission(Permission.RESULTS_READ)
  @ApiOkResponse({ type: FundIndicatorDto, isArray: true })
  listFundIndicators(@Query() query: FundIndicatorsQuery) {
    return this.fundIndicators.list({
      thematicAreaCode: query.thematicArea,
      includeInactive: query.includeInactive,
    });
  }

  @Post('results/fund-indicators')
  @RequirePermission(Permission.FUND_INDICATOR_MANAGE)
  @ApiCreatedResponse({ type: FundIndicatorDto })
  createFundIndicator(@CurrentUser() user: AuthUser, @Body() body: CreateFundIndicatorDto) {
    return this.fundIndicators.create(user, body);
  }

  @Patch('results/fund-indicators/:code')
  @RequirePermission(Permission.FUND_INDICATOR_MANAGE)
  @ApiOkResponse({ type: FundIndicatorDto })
  updateFundIndicator(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Body() body: UpdateFundIndicatorDto,
  ) {
    return this.fundIndicators.update(user, code, body);
  }

  @Get('results/rollup')
  @RequirePermission(Permission.RESULTS_READ)
  @ApiOperation({
    summary: 'Portfolio results by thematic area, GCM objective or fund indicator',
    description: ON_TRACK_RULE,
  })
  @ApiOkResponse({ type: RollupGroupDto, isArray: true })
  rollup(@Query() query: RollupQuery) {
    return this.rollups.rollup(query.by, query.year);
  }

  @Post('indicators/:id/actuals')
  @RequirePermission(Permission.ACTUAL_SUBMIT)
  @ApiOperation({
    summary: 'Enter an actual (DRAFT) for one of the indicator’s periods',
    description:
      'Focal points of the programme’s PUNOs. 422 when the period is not one of the indicator’s target periods ' +
      'or has not started, the value breaks the measure’s rule, or (UNIT) the parts of a disaggregation ' +
      'dimension do not add up to the value (the detail names the dimension); 409 when the period already has one.',
  })
  @ApiCreatedResponse({ type: ActualDto })
  createActual(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: CreateActualDto) {
    return this.actuals.create(user, id, {
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      value: value(body.value),
      narrative: body.narrative.trim(),
      disaggregation: parts(body.disaggregation) ?? [],
    });
  }

  @Get('actuals')
  @RequirePermission(Permission.RESULTS_READ)
  @ApiOperation({
    summary: 'Actuals I may see; status=SUBMITTED is the FMU approval queue (oldest first unless sorted)',
    description:
      'With `format=csv` the whole list (same filters, search and sort, every page) as a CSV file.',
  })
  @ApiOkResponse({ type: ActualPageDto })
  listActuals(
    @CurrentUser() user: AuthUser,
    @Query() query: ActualsQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.exports.listOrCsv(
      query,
      response,
      (page, manager) => this.actuals.list(user, { ...query, ...page }, manager),
      {
        fileName: 'actuals.csv',
        columns: ACTUAL_CSV,
      },
    );
  }

  @Get('actuals/:id')
  @RequirePermission(Permission.RESULTS_READ)
  @ApiOkResponse({ type: ActualDto })
  getActual(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.actuals.get(user, id);
  }

  @Patch('actuals/:id')
  @RequirePermission(Permission.ACTUAL_SUBMIT)
  @ApiOperation({ summary: 'Change a DRAFT or RETURNED actual (409 otherwise; approved actuals are locked)' })
  @ApiOkResponse({ type: ActualDto })
  updateActual(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: UpdateActualDto) {
    return this.actuals.update(user, id, {
      value: body.value === undefined ? undefined : value(body.value),
      narrative: body.narrative?.trim(),
      disaggregation: parts(body.disaggregation),
    });
  }

  @Post('actuals/:id/submit')
  @HttpCode(200)
  @RequirePermission(Permission.ACTUAL_SUBMIT)
  @ApiOkResponse({ type: ActualDto })
  submitActual(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.actuals.submit(user, id);
  }

  @Post('actuals/:id/approve')
  @HttpCode(200)
  @RequirePermission(Permission.ACTUAL_APPROVE)
  @ApiOkResponse({ type: ActualDto })
  approveActual(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.actuals.approve(user, id);
  }

  @Post('actuals/:id/return')
  @HttpCode(200)
  @RequirePermission(Permission.ACTUAL_APPROVE)
  @ApiOkResponse({ type: ActualDto })
  returnActual(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: ReturnActualDto) {
    return this.actuals.return(user, id, body.comment.trim());
  }

  @Get('programmes/:id/results/due')
  @RequirePermission(Permission.RESULTS_READ)
  @ApiOperation({
    summary: 'Reporting periods whose end has passed without an approved actual',
    description: 'DUE up to 30 days after the period end, OVERDUE after that.',
  })
  @ApiOkResponse({ type: DueListDto })
  due(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.actuals.due(user, id);
  }
}
