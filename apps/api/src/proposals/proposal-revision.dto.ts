import { ApiProperty, OmitType } from '@nestjs/swagger';
import { DocumentKind } from '@mptf/proposals';
import { ProposalDto } from './proposal.dto';

export class RevisionAuthorDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

export class RevisionSummaryDto {
  @ApiProperty() version: number;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ type: RevisionAuthorDto }) submittedBy: RevisionAuthorDto;
}

export class SnapshotDocumentDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: DocumentKind }) kind: DocumentKind;
  @ApiProperty() filename: string;
  @ApiProperty() sha256: string;
}

/** What a revision froze: the proposal's content as submitted, with the documents it carried. */
export class ProposalSnapshotDto extends OmitType(ProposalDto, [
  'id',
  'status',
  'version',
  'reviewDueDate',
  'startDate',
  'submittedAt',
  'createdAt',
  'updatedAt',
] as const) {
  @ApiProperty({ type: SnapshotDocumentDto, isArray: true }) documents: SnapshotDocumentDto[];
}

export class RevisionDto extends ProposalSnapshotDto {
  @ApiProperty() proposalId: string;
  @ApiProperty() version: number;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ type: RevisionAuthorDto }) submittedBy: RevisionAuthorDto;
  @ApiProperty({ type: ProposalSnapshotDto, description: 'the stored snapshot verbatim (also spread above)' })
  snapshot: ProposalSnapshotDto;
}
