import { Body, Controller, Get, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { PipelineService } from '@mptf/review';
import { RankPipelineDto } from './review.dto';
import { PipelineItemDto } from './review-responses.dto';

/** Endorsed-but-unfunded programmes, ranked: funded in rank order when money arrives. */
@ApiTags('review')
@ApiBearerAuth()
@Controller('pipeline')
export class PipelineController {
  constructor(private readonly pipeline: PipelineService) {}

  @Get()
  @RequirePermission(Permission.PIPELINE_READ)
  @ApiOkResponse({ type: PipelineItemDto, isArray: true })
  list() {
    return this.pipeline.list();
  }

  @Put()
  @RequirePermission(Permission.PIPELINE_MANAGE)
  @ApiOperation({
    summary: 'Re-rank the pipeline: proposalIds must be exactly its proposals, in the new order',
  })
  @ApiOkResponse({ type: PipelineItemDto, isArray: true })
  @ApiUnprocessableEntityResponse({ description: 'Missing, extra or repeated proposals (each listed)' })
  rank(@CurrentUser() user: AuthUser, @Body() body: RankPipelineDto) {
    return this.pipeline.rank(user, body.proposalIds);
  }
}
