import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { ProposalCommandsService, ProposalQueriesService } from '@mptf/proposals';
import type { Response } from 'express';
import {
  CreateProposalDto,
  ListProposalsQuery,
  UpdateProposalDto,
  WithdrawProposalDto,
} from './proposal.dto';
import {
  EligibilityDto,
  ProposalDetailDto,
  ProposalPageDto,
  RevisionDiffDto,
  TimelineEntryDto,
} from './proposal-responses.dto';
import { RevisionDto, RevisionSummaryDto } from './proposal-revision.dto';
import { PROPOSAL_CSV } from '../common/list-csv-columns';
import { ListExports } from '../common/list-query';
import { ParseIdPipe } from '../common/parse-id.pipe';

const uuid = new ParseIdPipe();

@ApiTags('proposals')
@ApiBearerAuth()
@Controller('proposals')
export class ProposalsController {
  constructor(
    private readonly commands: ProposalCommandsService,
    private readonly proposals: ProposalQueriesService,
    private readonly exports: ListExports,
  ) {}

  @Post()
  @RequirePermission(Permission.PROPOSAL_CREATE)
  @ApiOperation({ summary: "Create a draft; the caller's organization must be one of its PUNOs" })
  @ApiCreatedResponse({ type: ProposalDetailDto })
  @ApiForbiddenResponse({ description: "The caller's organization is not a participating organization" })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateProposalDto) {
    return this.commands.create(user, { ...body, nationalPartners: body.nationalPartners ?? [] });
  }

  @Get()
  @RequirePermission(Permission.PROPOSAL_READ)
  @ApiOperation({
    summary:
      'Proposals I may see, filtered; newest first (best match first with q); totals over the whole filtered list',
    description:
      "Focal points see their organization's proposals (drafts included); FMU, SC, AA and admins every submitted one. With `format=csv` the whole list (same filters, search and sort, every page) as a CSV file.",
  })
  @ApiOkResponse({ type: ProposalPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListProposalsQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.exports.listOrCsv(
      query,
      response,
      (page, manager) => this.proposals.list(user, { ...query, ...page }, manager),
      {
        fileName: 'proposals.csv',
        columns: PROPOSAL_CSV,
      },
    );
  }

  @Get(':id')
  @RequirePermission(Permission.PROPOSAL_READ)
  @ApiOkResponse({ type: ProposalDetailDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.proposals.get(user, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.PROPOSAL_UPDATE)
  @ApiOperation({ summary: 'Edit (its PUNOs’ focal points; only in DRAFT, RETURNED, REVISION_REQUESTED)' })
  @ApiOkResponse({ type: ProposalDetailDto })
  @ApiConflictResponse({ description: 'The proposal is not in an editable state (names the current one)' })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: UpdateProposalDto) {
    return this.commands.update(user, id, body);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission(Permission.PROPOSAL_SUBMIT)
  @ApiOperation({ summary: 'Run the eligibility rules and, if all pass, store a new revision and submit' })
  @ApiOkResponse({ type: ProposalDetailDto })
  @ApiUnprocessableEntityResponse({
    description: 'Every eligibility violation in details ({rule, field, message})',
  })
  @ApiConflictResponse({ description: 'Not in a state that can be submitted' })
  submit(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.commands.submit(user, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @RequirePermission(Permission.PROPOSAL_WITHDRAW)
  @ApiOperation({ summary: 'Withdraw (focal points of the convening agency; before a decision)' })
  @ApiOkResponse({ type: ProposalDetailDto })
  withdraw(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: WithdrawProposalDto) {
    return this.commands.withdraw(user, id, body?.comment);
  }

  @Get(':id/eligibility')
  @RequirePermission(Permission.PROPOSAL_READ)
  @ApiOperation({ summary: 'The eligibility rules against the current content, without submitting' })
  @ApiOkResponse({ type: EligibilityDto })
  eligibility(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.proposals.eligibility(user, id);
  }

  @Get(':id/timeline')
  @RequirePermission(Permission.PROPOSAL_READ)
  @ApiOperation({ summary: 'Status history, oldest first' })
  @ApiOkResponse({ type: TimelineEntryDto, isArray: true })
  timeline(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.proposals.timeline(user, id);
  }

  @Get(':id/revisions')
  @RequirePermission(Permission.PROPOSAL_READ)
  @ApiOperation({ summary: 'Submitted revisions, oldest first' })
  @ApiOkResponse({ type: RevisionSummaryDto, isArray: true })
  revisions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.proposals.revisions(user, id);
  }

  @Get(':id/revisions/:version')
  @RequirePermission(Permission.PROPOSAL_READ)
  @ApiOperation({ summary: 'One immutable revision: the full snapshot as submitted' })
  @ApiOkResponse({ type: RevisionDto })
  revision(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    return this.proposals.revision(user, id, version);
  }

  @Get(':id/revisions/:from/diff/:to')
  @RequirePermission(Permission.PROPOSAL_READ)
  @ApiOperation({ summary: 'Field-by-field differences from one revision to another' })
  @ApiOkResponse({ type: RevisionDiffDto })
  diff(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('from', ParseIntPipe) from: number,
    @Param('to', ParseIntPipe) to: number,
  ) {
    return this.proposals.diff(user, id, from, to);
  }
}
