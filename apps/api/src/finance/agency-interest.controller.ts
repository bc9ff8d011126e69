import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgencyInterestService } from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { parseMoney } from '@mptf/platform';
import { ParseIdPipe } from '../common/parse-id.pipe';
import {
  AgencyInterestDto,
  AgencyInterestPageDto,
  AgencyInterestQueryDto,
  RecordAgencyInterestDto,
} from './agency-interest.dto';
import { ReverseEntryDto } from './reverse-entry.dto';

/** Interest earned by agencies: recorded by the AA, reported beside the PUNOs' money, in no balance. */
@ApiTags('money')
@ApiBearerAuth()
@Controller('agency-interest')
export class AgencyInterestController {
  constructor(private readonly interest: AgencyInterestService) {}

  @Post()
  @RequirePermission(Permission.AGENCY_INTEREST_RECORD)
  @ApiCreatedResponse({ type: AgencyInterestDto })
  @ApiOperation({
    summary: 'Record interest a participating UN organization earned on the funds it holds',
    description: '422 when the organization is not a UN entity the fund transferred money to.',
  })
  record(@CurrentUser() actor: AuthUser, @Body() body: RecordAgencyInterestDto) {
    return this.interest.record(actor, {
      orgCode: body.orgCode,
      amount: parseMoney(body.amount),
      date: body.date,
      description: body.description ?? null,
    });
  }

  @Get()
  @RequirePermission(Permission.AGENCY_INTEREST_READ)
  @ApiOkResponse({ type: AgencyInterestPageDto })
  @ApiOperation({
    summary: 'Agency interest entries and their reversals, newest first (a focal point: its own)',
  })
  list(@CurrentUser() user: AuthUser, @Query() query: AgencyInterestQueryDto) {
    return this.interest.list(user, query);
  }

  @Get(':id')
  @RequirePermission(Permission.AGENCY_INTEREST_READ)
  @ApiOkResponse({ type: AgencyInterestDto })
  @ApiOperation({ summary: 'One agency interest entry' })
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe()) id: string) {
    return this.interest.get(user, id);
  }

  @Post(':id/reverse')
  @RequirePermission(Permission.AGENCY_INTEREST_RECORD)
  @ApiCreatedResponse({
    type: AgencyInterestDto,
    description: 'The reversing entry; 409 when already reversed',
  })
  @ApiOperation({ summary: 'Correct an agency interest entry recorded by mistake with a reversing entry' })
  reverse(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseIdPipe()) id: string,
    @Body() body: ReverseEntryDto,
  ) {
    return this.interest.reverse(actor, id, body.reason);
  }
}
