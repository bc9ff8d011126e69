import { Module } from '@nestjs/common';
import { FinanceModule } from '@mptf/finance';
import { NotificationsModule } from '@mptf/notifications';
import { ProposalsModule } from '@mptf/proposals';
import { DecisionPackService } from './decision-pack.service';
import { DecisionsService } from './decisions.service';
import { MeetingsService } from './meetings.service';
import { PipelineService } from './pipeline.service';
import { DecisionPackRepository } from './repositories/decision-pack.repository';
import { DecisionRepository } from './repositories/decision.repository';
import { MeetingRepository } from './repositories/meeting.repository';
import { PipelineRepository } from './repositories/pipeline.repository';
import { ReviewRepository } from './repositories/review.repository';
import { ReviewNotices } from './review-notices';
import { ReviewQueueService } from './review-queue.service';
import { ReviewsService } from './reviews.service';
import { ScreeningService } from './screening.service';

const SERVICES = [
  ScreeningService,
  ReviewQueueService,
  ReviewsService,
  MeetingsService,
  DecisionPackService,
  DecisionsService,
  PipelineService,
];

/** Screening, review queues, conflicts of interest, scorecards, meetings, packs, decisions, pipeline. */
@Module({
  imports: [ProposalsModule, FinanceModule, NotificationsModule],
  providers: [
    ReviewRepository,
    MeetingRepository,
    DecisionRepository,
    PipelineRepository,
    DecisionPackRepository,
    ReviewNotices,
    ...SERVICES,
  ],
  exports: SERVICES,
})
export class ReviewModule {}
