import { Module } from '@nestjs/common';
import { ProposalStatusService } from './proposal-status.service';

@Module({
  providers: [ProposalStatusService],
  exports: [ProposalStatusService],
})
export class ProposalsModule {}
