import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum DocumentKind {
  CONCEPT_NOTE = 'CONCEPT_NOTE',
  PROGRAMME_DOCUMENT = 'PROGRAMME_DOCUMENT',
  ENDORSEMENT_LETTER = 'ENDORSEMENT_LETTER',
  BUDGET = 'BUDGET',
  OTHER = 'OTHER',
}

/** Metadata of an uploaded file; the bytes live in ArtifactStorage under `storageKey`. */
@Entity('proposal_documents')
export class ProposalDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  proposalId: string;

  @Column({ type: 'text' })
  kind: DocumentKind;

  @Column({ type: 'text' })
  filename: string;

  /** Detected from the content, never taken from the client. */
  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'integer' })
  bytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'text', unique: true })
  storageKey: string;

  @Column({ type: 'uuid' })
  uploadedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  uploadedAt: Date;
}
