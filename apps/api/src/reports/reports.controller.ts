import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { ValidationError } from '@mptf/platform';
import { ReportsService } from '@mptf/reporting';
import type { Response } from 'express';
import { CreateReportDto, ListReportsQuery, ReportRunDto, ReportRunPageDto } from './reports.dto';
import { attachmentDisposition } from '../common/content-disposition';
import { ApiFileResponse } from '../common/file-response';
import { ParseIdPipe } from '../common/parse-id.pipe';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @HttpCode(202)
  @RequirePermission(Permission.REPORT_GENERATE)
  @ApiOperation({
    summary: 'Request a report; a background worker generates it',
    description:
      'FMU and AA officers may request any report; a donor viewer its own contributor statement and the annual report. A repeat with the same Idempotency-Key returns the first run.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key (per user) → same run' })
  @ApiAcceptedResponse({ type: ReportRunDto })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateReportDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
      throw ValidationError.field('Idempotency-Key', 'must be 1–200 visible ASCII characters');
    const { run, created } = await this.reports.request(user, body, idempotencyKey);
    response.setHeader('Location', `/api/v1/reports/${run.id}`);
    if (!created) response.setHeader('Idempotent-Replayed', 'true');
    return run;
  }

  @Get()
  @RequirePermission(Permission.REPORT_READ)
  @ApiOperation({ summary: 'Report runs I may see, newest first (scheduled runs included)' })
  @ApiOkResponse({ type: ReportRunPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListReportsQuery) {
    return this.reports.list(user, query);
  }

  @Get(':id')
  @RequirePermission(Permission.REPORT_READ)
  @ApiOkResponse({ type: ReportRunDto })
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe()) id: string) {
    return this.reports.get(user, id);
  }

  @Get(':id/file')
  @RequirePermission(Permission.REPORT_READ)
  @ApiOperation({ summary: 'Download the generated file (409 while the run has not succeeded)' })
  @ApiFileResponse(
    'The generated file',
    'application/pdf',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  async file(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.reports.openFile(user, id);
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('Content-Disposition', attachmentDisposition(file.fileName));
    response.setHeader('Content-Length', String(file.bytes));
    response.setHeader('ETag', `"${file.sha256}"`);
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(file.stream);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @RequirePermission(Permission.REPORT_GENERATE)
  @ApiOperation({ summary: 'Queue a FAILED run again (409 naming the state otherwise)' })
  @ApiAcceptedResponse({ type: ReportRunDto })
  retry(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe()) id: string) {
    return this.reports.retry(user, id);
  }
}
