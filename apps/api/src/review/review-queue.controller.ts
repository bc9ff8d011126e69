import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { ReviewQueueService } from '@mptf/review';
import { ReviewQueueQuery } from './review.dto';
import { ReviewQueueItemDto } from './review-responses.dto';

@ApiTags('review')
@ApiBearerAuth()
@Controller('review-queue')
export class ReviewQueueController {
  constructor(private readonly queue: ReviewQueueService) {}

  @Get()
  @RequirePermission(Permission.REVIEW_QUEUE)
  @ApiOperation({
    summary: 'My review queue',
    description:
      'Proposals UNDER_REVIEW that I have not reviewed in their current round and am not recused from (my organization is not a PUNO, no declared conflict), ordered by reviewDueDate; overdue ones flagged. One indexed query.',
  })
  @ApiOkResponse({ type: ReviewQueueItemDto, isArray: true })
  list(@CurrentUser() user: AuthUser, @Query() query: ReviewQueueQuery) {
    return this.queue.queue(user, query);
  }
}
