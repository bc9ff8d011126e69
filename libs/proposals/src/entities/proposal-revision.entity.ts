import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An immutable full snapshot of a proposal, one per submission, numbered from 1. */
@Entity('proposal_revisions')
export class ProposalRevision {
  @PrimaryColumn({ type: 'uuid' })
  proposalId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  snapshot: object;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  submittedAt: Date;

  @Column({ type: 'uuid' })
  submittedBy: string;
}
