import { Column, Entity, JoinTable, ManyToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('gcm_objectives')
export class GcmObjective {
  @PrimaryColumn({ type: 'smallint' })
  code: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  shortTitle: string;
}

@Entity('thematic_areas')
export class ThematicArea {
  @PrimaryColumn({ type: 'smallint' })
  code: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  shortTitle: string;

  /** The editable objective ↔ area mapping (seeded; never hard-coded). */
  @ManyToMany(() => GcmObjective)
  @JoinTable({
    name: 'thematic_area_objectives',
    joinColumn: { name: 'thematic_area_code', referencedColumnName: 'code' },
    inverseJoinColumn: { name: 'gcm_objective_code', referencedColumnName: 'code' },
  })
  objectives: GcmObjective[];
}

@Entity('guiding_principles')
export class GuidingPrinciple {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'smallint' })
  position: number;
}

@Entity('budget_categories')
export class BudgetCategory {
  @PrimaryColumn({ type: 'smallint' })
  code: number;

  @Column({ type: 'text' })
  title: string;

  /** Category 8 (indirect support costs) is computed, never entered. */
  @Column({ type: 'boolean' })
  direct: boolean;
}

@Entity('review_criteria')
export class ReviewCriterion {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  /** Percent; the active criteria sum to 100. */
  @Column({ type: 'smallint' })
  weight: number;

  @Column({ type: 'smallint' })
  position: number;
}

@Entity('countries')
export class Country {
  @PrimaryColumn({ type: 'char', length: 3 })
  code: string;

  @Column({ type: 'char', length: 2 })
  alpha2: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'char', length: 3 })
  regionCode: string;

  @Column({ type: 'text' })
  subRegion: string;
}

/** One row (id = 1): the fund's configurable rules. */
@Entity('fund_settings')
export class FundSettingsRow {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'smallint' })
  minParticipatingOrganizations: number;

  @Column({ type: 'smallint' })
  minMarkerGender: number;

  @Column({ type: 'smallint' })
  minMarkerHumanRights: number;

  @Column({ type: 'smallint' })
  minMarkerChildSensitivity: number;

  /** Cents. */
  @Column({ type: 'bigint' })
  budgetCeiling: string;

  @Column({ type: 'smallint' })
  minDurationMonths: number;

  @Column({ type: 'smallint' })
  maxDurationMonths: number;

  @Column({ type: 'numeric', precision: 6, scale: 4 })
  indirectRate: string;

  @Column({ type: 'numeric', precision: 6, scale: 4 })
  aaFeeRate: string;

  @Column({ type: 'smallint' })
  reviewWindowDays: number;

  /** MM-DD of the following year. */
  @Column({ type: 'text' })
  expenditureDeadline: string;

  /** No money entry may be dated before the fund's inception (YYYY-MM-DD). */
  @Column({ type: 'date' })
  inceptionDate: string;

  /** Cents: the largest amount one money entry may carry (a plausibility bound against typos). */
  @Column({ type: 'bigint' })
  maxEntryAmount: string;

  /** Named in the donor reports. */
  @Column({ type: 'text' })
  administrativeAgentName: string;

  /** The fund's IATI organisation identifier; null: the IATI_ORG_PREFIX setting. */
  @Column({ type: 'text', nullable: true })
  iatiOrganisationId: string | null;

  /** Contact details the IATI activities carry. */
  @Column({ type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;
  /** MM-DD of the following year: annual narrative progress reports (programmes lib). */
  @Column({ type: 'text' })
  narrativeReportDeadline: string;

  /** Months after operational closure the final narrative report is due. */
  @Column({ type: 'smallint' })
  finalNarrativeMonths: number;

  /** Months after operational closure the final financial report is due. */
  @Column({ type: 'smallint' })
  finalFinancialMonths: number;

  /** Share of the budget a revision may move and still be approved by the fund unit. */
  @Column({ type: 'numeric', precision: 6, scale: 4 })
  revisionMaxMoveRate: string;

  /** Months a no-cost extension may add and still be approved by the fund unit. */
  @Column({ type: 'smallint' })
  revisionMaxExtensionMonths: number;

  /** Revisions per programme and year the fund unit may approve; more go to the Committee. */
  @Column({ type: 'smallint' })
  revisionsPerYearByFundUnit: number;
  /** Document kinds a proposal must carry to be submitted (e.g. CONCEPT_NOTE). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  requiredDocumentKinds: string[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

export const REFERENCE_ENTITIES = [
  GcmObjective,
  ThematicArea,
  GuidingPrinciple,
  BudgetCategory,
  ReviewCriterion,
  Country,
  FundSettingsRow,
];
