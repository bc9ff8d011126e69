import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '@mptf/identity';
import { can, Permission } from '@mptf/identity';
import { Clock, ForbiddenError, formatMoney } from '@mptf/platform';
import { DataSource } from 'typeorm';
import { isOverdue } from './queue-rules';
import { ReviewRepository } from './repositories/review.repository';

export interface ReviewQueueItem {
  proposalId: string;
  reference: string;
  title: string;
  thematicAreaCode: number;
  /** Requested budget total (direct + indirect), US$. */
  total: string;
  reviewDueDate: string | null;
  /** The due date has passed. */
  overdue: boolean;
  reviewRound: number;
}

/** A Steering Committee member's (or the chair's) review queue: one indexed query. */
@Injectable()
export class ReviewQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reviews: ReviewRepository,
    private readonly clock: Clock,
  ) {}

  async queue(user: AuthUser, page: { page: number; pageSize: number } = { page: 1, pageSize: 200 }) {
    if (!can(user, Permission.REVIEW_QUEUE))
      throw new ForbiddenError('Only Steering Committee members have a review queue');
    const rows = await this.reviews.queue(this.dataSource, user, page);
    const today = this.clock.today();
    return rows.map((row): ReviewQueueItem => ({
      proposalId: row.proposal_id,
      reference: row.reference,
      title: row.title,
      thematicAreaCode: row.thematic_area_code,
      total: formatMoney(row.total),
      reviewDueDate: row.review_due_date,
      overdue: isOverdue(row.review_due_date, today),
      reviewRound: row.review_round,
    }));
  }
}
