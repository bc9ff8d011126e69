import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { ObligationsService, ProgressReportsService, RevisionsService } from '@mptf/programmes';
import {
  CreateProgressReportDto,
  DecideRevisionDto,
  ObligationQueryDto,
  RequestRevisionDto,
  ReviewProgressReportDto,
  ReviewRevisionDto,
  RevisionQueryDto,
  ScheduleRevisionDto,
  VersionQueryDto,
  WriteSectionsDto,
} from './programme-work.dto';
import {
  ObligationCountsDto,
  ObligationPageDto,
  ProgrammeRevisionDto,
  ProgrammeVersionEntryDto,
  ProgressReportDto,
  ProgressReportSummaryDto,
} from './programme-work-responses.dto';

function query(dto: ObligationQueryDto) {
  return {
    status: dto.status,
    programmeId: dto.programme,
    orgCode: dto.org,
    q: dto.q,
    sort: dto.sort,
    page: dto.page,
    pageSize: dto.pageSize,
  };
}

/** The reporting calendar and the programme's versions. */
@ApiTags('programme work')
@ApiBearerAuth()
@Controller()
export class ObligationsController {
  constructor(
    private readonly obligations: ObligationsService,
    private readonly revisions: RevisionsService,
  ) {}

  @Get('programmes/:id/obligations')
  @RequirePermission(Permission.PROGRAMME_WORK_READ)
  @ApiOkResponse({
    type: ObligationPageDto,
    description:
      "The programme's reporting obligations: status DUE, OVERDUE (daysOverdue), SUBMITTED, ACCEPTED",
  })
  ofProgramme(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Query() dto: ObligationQueryDto,
  ) {
    return this.obligations.ofProgramme(user, id, query(dto));
  }

  @Get('obligations')
  @RequirePermission(Permission.PROGRAMME_WORK_READ)
  @ApiOkResponse({
    type: ObligationPageDto,
    description: "Fund-wide for the fund unit and the AA; the own agency's programmes for a focal point",
  })
  list(@CurrentUser() user: AuthUser, @Query() dto: ObligationQueryDto) {
    return this.obligations.list(user, query(dto));
  }

  @Get('obligations/summary')
  @RequirePermission(Permission.PROGRAMME_WORK_READ)
  @ApiOkResponse({
    type: ObligationCountsDto,
    description: "{DUE, OVERDUE, SUBMITTED, ACCEPTED} counts in the caller's scope (home, portfolio)",
  })
  summary(@CurrentUser() user: AuthUser) {
    return this.obligations.counts(user);
  }

  @Get('programmes/:id/versions')
  @RequirePermission(Permission.PROGRAMME_WORK_READ)
  @ApiExtraModels(ProgrammeVersionEntryDto)
  @ApiOkResponse({
    description:
      'Version 0 (the approved proposal) and one per approved revision, each with what it changed; with ?at= the one version in force that day',
    schema: {
      oneOf: [
        { type: 'array', items: { $ref: getSchemaPath(ProgrammeVersionEntryDto) } },
        { $ref: getSchemaPath(ProgrammeVersionEntryDto) },
      ],
    },
  })
  versionsOf(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Query() dto: VersionQueryDto,
  ) {
    return this.revisions.versionsOf(user, id, dto.at);
  }
}

/** Narrative progress reports: written by the convening agency with the PUNOs, reviewed by the fund unit. */
@ApiTags('programme work')
@ApiBearerAuth()
@Controller()
export class ProgressReportsController {
  constructor(private readonly reports: ProgressReportsService) {}

  @Post('programmes/:id/progress-reports')
  @RequirePermission(Permission.PROGRESS_REPORT_WRITE)
  @ApiCreatedResponse({
    type: ProgressReportDto,
    description: 'A DRAFT report for a narrative obligation (convening agency only)',
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: CreateProgressReportDto,
  ) {
    return this.reports.create(user, id, body.obligationId);
  }

  @Get('programmes/:id/progress-reports')
  @RequirePermission(Permission.PROGRAMME_WORK_READ)
  @ApiOkResponse({ type: ProgressReportSummaryDto, isArray: true })
  list(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe()) id: string) {
    return this.reports.list(user, id);
  }

  @Get('progress-reports/:id')
  @RequirePermission(Permission.PROGRAMME_WORK_READ)
  @ApiOkResponse({
    type: ProgressReportDto,
    description: 'With its sections, the actuals of its period, and every submitted version with its review',
  })
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe()) id: string) {
    return this.reports.get(user, id);
  }

  @Put('progress-reports/:id/sections')
  @RequirePermission(Permission.PROGRESS_REPORT_WRITE)
  @ApiOkResponse({ type: ProgressReportDto })
  writeSections(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: WriteSectionsDto,
  ) {
    return this.reports.writeSections(user, id, body.sections);
  }

  @Post('progress-reports/:id/submit')
  @HttpCode(200)
  @RequirePermission(Permission.PROGRESS_REPORT_WRITE)
  @ApiOkResponse({ type: ProgressReportDto })
  submit(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe()) id: string) {
    return this.reports.submit(user, id);
  }

  @Post('progress-reports/:id/review')
  @HttpCode(200)
  @RequirePermission(Permission.PROGRESS_REPORT_REVIEW)
  @ApiOkResponse({ type: ProgressReportDto })
  review(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: ReviewProgressReportDto,
  ) {
    return this.reports.review(user, id, body.outcome, body.comment);
  }
}

/** Programme revisions: requested by the convening agency, decided by the fund unit or the Committee. */
@ApiTags('programme work')
@ApiBearerAuth()
@Controller()
export class RevisionsController {
  constructor(private readonly revisions: RevisionsService) {}

  @Post('programmes/:id/revisions')
  @RequirePermission(Permission.REVISION_REQUEST)
  @ApiCreatedResponse({
    type: ProgrammeRevisionDto,
    description: 'SUBMITTED, with its route (FUND_UNIT or COMMITTEE), the reasons and the changes',
  })
  request(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: RequestRevisionDto,
  ) {
    return this.revisions.request(user, id, {
      ...body,
      results: body.results?.map((r) => ({ ...r, parentKey: r.parentKey ?? null })),
    });
  }

  @Get('programmes/:id/revisions')
  @RequirePermission(Permission.PROGRAMME_WORK_READ)
  @ApiOkResponse({ type: ProgrammeRevisionDto, isArray: true })
  list(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe()) id: string) {
    return this.revisions.ofProgramme(user, id);
  }

  @Get('revisions')
  @RequirePermission(Permission.PROGRAMME_WORK_READ)
  @ApiOkResponse({
    type: ProgrammeRevisionDto,
    isArray: true,
    description: 'Revisions waiting for a decision, oldest first',
  })
  pending(@CurrentUser() user: AuthUser, @Query() dto: RevisionQueryDto) {
    return this.revisions.pending(user, dto.route);
  }

  @Get('revisions/:id')
  @RequirePermission(Permission.PROGRAMME_WORK_READ)
  @ApiOkResponse({ type: ProgrammeRevisionDto })
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe()) id: string) {
    return this.revisions.get(user, id);
  }

  @Post('revisions/:id/review')
  @HttpCode(200)
  @RequirePermission(Permission.REVISION_APPROVE)
  @ApiOkResponse({ type: ProgrammeRevisionDto })
  review(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: ReviewRevisionDto,
  ) {
    return this.revisions.review(user, id, body.outcome, body.comment);
  }

  @Put('revisions/:id/meeting')
  @RequirePermission(Permission.MEETING_MANAGE)
  @ApiOkResponse({ type: ProgrammeRevisionDto })
  schedule(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: ScheduleRevisionDto,
  ) {
    return this.revisions.schedule(user, id, body.meetingId);
  }

  @Post('revisions/:id/decision')
  @HttpCode(200)
  @RequirePermission(Permission.DECISION_RECORD)
  @ApiOkResponse({ type: ProgrammeRevisionDto })
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: DecideRevisionDto,
  ) {
    return this.revisions.decide(user, id, body);
  }
}
