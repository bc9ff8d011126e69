import { Proposal } from './proposal.entity';
import { ProposalDocument } from './proposal-document.entity';
import {
  ProposalBudgetLine,
  ProposalCountry,
  ProposalObjective,
  ProposalOrganization,
  ProposalPartner,
} from './proposal-parts.entity';
import { ProposalRevision } from './proposal-revision.entity';
import { ProposalStatusChange } from './proposal-status-change.entity';

export * from './cents.transformer';
export * from './proposal.entity';
export * from './proposal-parts.entity';
export * from './proposal-revision.entity';
export * from './proposal-document.entity';
export * from './proposal-status-change.entity';

export const PROPOSAL_ENTITIES = [
  Proposal,
  ProposalCountry,
  ProposalObjective,
  ProposalOrganization,
  ProposalBudgetLine,
  ProposalPartner,
  ProposalRevision,
  ProposalDocument,
  ProposalStatusChange,
];
