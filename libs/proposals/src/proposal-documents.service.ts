import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import {
  AppConfig,
  ArtifactStorage,
  ConflictError,
  DomainError,
  ErrorCode,
  InvalidStateError,
  NotFoundError,
  ValidationError,
} from '@mptf/platform';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { detectDocumentType, safeFilename } from './document-type';
import { DocumentKind, ProposalDocument } from './entities/proposal-document.entity';
import { Proposal } from './entities/proposal.entity';
import { isEditable } from './lifecycle';
import { ProposalStatusService } from './proposal-status.service';
import { DocumentView, toDocumentView } from './proposal.view';
import { ProposalQueriesService } from './proposal-queries.service';
import { ProposalRevisionRepository } from './repositories/proposal-revision.repository';

export interface UploadedDocument {
  kind: DocumentKind;
  filename: string;
  content: Buffer;
}

/**
 * Files attached to a proposal (concept note, programme document, endorsement letter…): PDF, DOCX
 * or XLSX, recognized by content, size-limited, stored behind ArtifactStorage under `uploads/`.
 * Attaching and removing happen while the agency can edit; reading follows proposal visibility.
 */
@Injectable()
export class ProposalDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalQueriesService,
    private readonly revisions: ProposalRevisionRepository,
    private readonly statuses: ProposalStatusService,
    private readonly storage: ArtifactStorage,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  get maxBytes(): number {
    return this.config.env.MAX_UPLOAD_BYTES;
  }

  async upload(user: AuthUser, proposalId: string, file: UploadedDocument): Promise<DocumentView> {
    if (file.content.length === 0) throw ValidationError.field('file', 'is empty');
    if (file.content.length > this.maxBytes)
      throw new DomainError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `The file exceeds the limit of ${this.maxBytes} bytes`,
        [{ field: 'file', message: `must be at most ${this.maxBytes} bytes` }],
      );
    const type = detectDocumentType(file.content);
    if (!type)
      throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Only PDF, DOCX and XLSX files are accepted', [
        { field: 'file', message: 'is not a PDF, DOCX or XLSX file (checked by its content)' },
      ]);
    const id = randomUUID();
    const storageKey = `uploads/proposals/${proposalId}/${id}${type.extension}`;
    return this.dataSource.transaction(async (manager) => {
      const status = await this.statuses.lock(manager, proposalId);
      await this.proposals.assertEditable(user, proposalId, manager);
      if (!isEditable(status)) throw new InvalidStateError('proposal', status, 'attach documents to');
      await this.storage.write(storageKey, file.content);
      try {
        const document = manager.create(ProposalDocument, {
          id,
          proposalId,
          kind: file.kind,
          filename: safeFilename(file.filename, type.extension),
          contentType: type.contentType,
          bytes: file.content.length,
          sha256: createHash('sha256').update(file.content).digest('hex'),
          storageKey,
          uploadedBy: user.id,
        });
        await manager.insert(ProposalDocument, document);
        const saved = await manager.findOneByOrFail(ProposalDocument, { id });
        const view = toDocumentView(saved);
        await this.audit.record(manager, {
          actor: user,
          action: 'proposal.document.upload',
          entityType: 'proposal',
          entityId: proposalId,
          after: view,
        });
        return view;
      } catch (error) {
        await this.storage.remove(storageKey);
        throw error;
      }
    });
  }

  async list(user: AuthUser, proposalId: string): Promise<DocumentView[]> {
    await this.proposals.assertVisible(user, proposalId);
    const documents = await this.revisions.documents(this.dataSource.manager, proposalId);
    return documents.map(toDocumentView);
  }

  /** The file of a document, for those who may see the proposal; 404 when the file is gone. */
  async download(
    user: AuthUser,
    proposalId: string,
    documentId: string,
  ): Promise<{ document: DocumentView; content: Readable }> {
    await this.proposals.assertVisible(user, proposalId);
    const document = await this.dataSource.manager.findOneBy(ProposalDocument, {
      id: documentId,
      proposalId,
    });
    if (!document) throw new NotFoundError('Document', documentId);
    return {
      document: toDocumentView(document),
      content: await this.storage.open(document.storageKey, `document ${documentId}`),
    };
  }

  /** Removes a document added since the last submission; submitted revisions keep theirs. */
  async remove(user: AuthUser, proposalId: string, documentId: string): Promise<void> {
    const storageKey = await this.dataSource.transaction(async (manager) => {
      const status = await this.statuses.lock(manager, proposalId);
      await this.proposals.assertEditable(user, proposalId, manager);
      if (!isEditable(status)) throw new InvalidStateError('proposal', status, 'remove documents from');
      const document = await manager.findOneBy(ProposalDocument, { id: documentId, proposalId });
      if (!document) throw new NotFoundError('Document', documentId);
      const proposal = await manager.findOneByOrFail(Proposal, { id: proposalId });
      if (proposal.submittedAt && document.uploadedAt <= proposal.submittedAt)
        throw new ConflictError(
          `The document is part of submitted revision ${proposal.version} and is kept`,
          [{ rule: 'REVISION_DOCUMENT', message: `belongs to revision ${proposal.version}` }],
        );
      await manager.delete(ProposalDocument, { id: documentId });
      await this.audit.record(manager, {
        actor: user,
        action: 'proposal.document.delete',
        entityType: 'proposal',
        entityId: proposalId,
        before: toDocumentView(document),
      });
      return document.storageKey;
    });
    await this.storage.remove(storageKey);
  }
}
