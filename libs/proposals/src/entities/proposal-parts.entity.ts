import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CENTS_TRANSFORMER } from './cents.transformer';

/** Countries a proposal covers (one for national scope). */
@Entity('proposal_countries')
export class ProposalCountry {
  @PrimaryColumn({ type: 'uuid' })
  proposalId: string;

  @PrimaryColumn({ type: 'char', length: 3 })
  countryCode: string;
}

/** GCM objectives a proposal addresses. */
@Entity('proposal_objectives')
export class ProposalObjective {
  @PrimaryColumn({ type: 'uuid' })
  proposalId: string;

  @PrimaryColumn({ type: 'smallint' })
  gcmObjectiveCode: number;
}

/** The participating UN organizations (PUNOs), in the order the proposal lists them. */
@Entity('proposal_organizations')
export class ProposalOrganization {
  @PrimaryColumn({ type: 'uuid' })
  proposalId: string;

  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'smallint', default: 0 })
  position: number;
}

/** Direct costs of one PUNO in one budget category, in integer cents (category 8 is computed). */
@Entity('proposal_budget_lines')
export class ProposalBudgetLine {
  @PrimaryColumn({ type: 'uuid' })
  proposalId: string;

  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ type: 'smallint' })
  categoryCode: number;

  @Column({ type: 'bigint', transformer: CENTS_TRANSFORMER })
  amount: bigint;
}

export enum PartnerType {
  GOVERNMENT = 'GOVERNMENT',
  LOCAL_AUTHORITY = 'LOCAL_AUTHORITY',
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
  MIGRANT_ORGANIZATION = 'MIGRANT_ORGANIZATION',
  ACADEMIA = 'ACADEMIA',
  PRIVATE_SECTOR = 'PRIVATE_SECTOR',
  TRADE_UNION = 'TRADE_UNION',
  OTHER = 'OTHER',
}

/** National implementing partners (government, civil society…), not PUNOs. */
@Entity('proposal_partners')
export class ProposalPartner {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  proposalId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: PartnerType;

  @Column({ type: 'smallint', default: 0 })
  position: number;
}
