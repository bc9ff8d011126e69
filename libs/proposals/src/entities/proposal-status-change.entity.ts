import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ProposalStatus } from '../lifecycle';

/** One step of the status timeline (written by ProposalStatusService; creation has no `from`). */
@Entity('proposal_status_changes')
export class ProposalStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  proposalId: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: ProposalStatus | null;

  @Column({ type: 'text' })
  toStatus: ProposalStatus;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;
}
