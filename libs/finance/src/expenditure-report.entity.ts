import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One annual expenditure submission of a PUNO on a programme. Resubmitting the year adds a new
 * version; its ledger entries reverse the previous version's, so every version stays readable.
 */
@Entity('expenditure_reports')
export class ExpenditureReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  proposalId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'smallint' })
  year: number;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'uuid' })
  submittedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  submittedAt: Date;
}
