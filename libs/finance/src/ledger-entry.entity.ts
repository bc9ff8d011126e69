import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LedgerKind } from './ledger-kind';

/**
 * One money movement. Append-only (a trigger refuses UPDATE and DELETE): a correction is a new
 * entry pointing at the one it corrects. Money is US$ cents in `bigint` columns, held as strings
 * here because that is how the driver returns them; services convert with BigInt().
 */
@Entity('ledger_entries')
export class LedgerEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Posting order (an identity column). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ type: 'text' })
  kind: LedgerKind;

  @Column({ type: 'date' })
  entryDate: string;

  /** Reporting year: the entry date's year, or the year an expenditure report covers. */
  @Column({ type: 'smallint' })
  year: number;

  /** US$ cents; negative only on a reversal. */
  @Column({ type: 'bigint' })
  amount: string;

  /** Contributions only: the donor's currency, amount in its cents, and the rate used. */
  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({ type: 'bigint', nullable: true })
  originalAmount: string | null;

  @Column({ type: 'numeric', precision: 20, scale: 10, nullable: true })
  exchangeRate: string | null;

  @Column({ type: 'uuid', nullable: true })
  donorOrgId: string | null;

  /** The programme (an approved proposal). */
  @Column({ type: 'uuid', nullable: true })
  proposalId: string | null;

  /** The PUNO. */
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ type: 'smallint', nullable: true })
  budgetCategoryCode: number | null;

  @Column({ type: 'smallint', nullable: true })
  earmarkThematicAreaCode: number | null;

  @Column({ type: 'uuid', nullable: true })
  expenditureReportId: string | null;

  /** The entry this one belongs to (an AA fee → its deposit). */
  @Column({ type: 'uuid', nullable: true })
  relatedEntryId: string | null;

  /** The entry this one corrects (reverses). */
  @Column({ type: 'uuid', nullable: true })
  correctsEntryId: string | null;

  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
