import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@mptf/notifications';
import { PROPOSAL_ENTITIES } from './entities';
import { ProposalCommandsService } from './proposal-commands.service';
import { ProposalDocumentsService } from './proposal-documents.service';
import { ProposalQueriesService } from './proposal-queries.service';
import { ProposalStatusService } from './proposal-status.service';
import { ProposalRepository } from './repositories/proposal.repository';
import { ProposalRevisionRepository } from './repositories/proposal-revision.repository';
import { ProposalSearchRepository } from './repositories/proposal-search.repository';
import { ProposalStatusRepository } from './repositories/proposal-status.repository';

const SERVICES = [
  ProposalStatusService,
  ProposalQueriesService,
  ProposalCommandsService,
  ProposalDocumentsService,
];

@Module({
  imports: [TypeOrmModule.forFeature(PROPOSAL_ENTITIES), NotificationsModule],
  providers: [
    ProposalRepository,
    ProposalRevisionRepository,
    ProposalSearchRepository,
    ProposalStatusRepository,
    ...SERVICES,
  ],
  exports: SERVICES,
})
export class ProposalsModule {}
