import { Module } from '@nestjs/common';
import { FinanceModule } from '@mptf/finance';
import { ProposalsModule } from '@mptf/proposals';
import { DecisionPackService } from './decision-pack.service';
import { DecisionsService } from './decisions.service';
import { MeetingsService } from './meetings.service';
import { PipelineService } from './pipeline.service';
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
  imports: [ProposalsModule, FinanceModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class ReviewModule {}
