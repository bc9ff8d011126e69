import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PROPOSAL_ENTITIES } from './entities';
import { ProposalDocumentsService } from './proposal-documents.service';
import { ProposalStatusService } from './proposal-status.service';
import { ProposalsService } from './proposals.service';

@Module({
  imports: [TypeOrmModule.forFeature(PROPOSAL_ENTITIES)],
  providers: [ProposalStatusService, ProposalsService, ProposalDocumentsService],
  exports: [ProposalStatusService, ProposalsService, ProposalDocumentsService],
})
export class ProposalsModule {}
