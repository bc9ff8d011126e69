import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditActor, AuditService } from '@mptf/audit';
import { NotFoundError, parseMoney, ValidationError } from '@mptf/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { FundSettings, toFundSettings } from './fund-settings';
import {
  BudgetCategory,
  Country,
  FundSettingsRow,
  GcmObjective,
  GuidingPrinciple,
  ReviewCriterion,
  ThematicArea,
} from './reference.entities';
import { FUND_SETTINGS_JSON_SQL, ReferenceRepository } from './reference.repository';

export interface ThematicAreaView {
  code: number;
  title: string;
  shortTitle: string;
  gcmObjectiveCodes: number[];
}

export interface GcmObjectiveView {
  code: number;
  title: string;
  shortTitle: string;
  thematicAreaCodes: number[];
}

/** The ledger's reporting years start in 2000 (a CHECK); an inception before it is a typo. */
const EARLIEST_INCEPTION = '2000-01-01';

/** The reporting calendar's and the revisions' settings: stored as given (the API validates them). */
const PROGRAMME_WORK_SETTINGS = [
  'narrativeReportDeadline',
  'finalNarrativeMonths',
  'finalFinancialMonths',
  'revisionMaxMoveRate',
  'revisionMaxExtensionMonths',
  'revisionsPerYearByFundUnit',
] as const;

export type FundSettingsPatch = Partial<Omit<FundSettings, 'minMarkers'>> & {
  minMarkers?: Partial<FundSettings['minMarkers']>;
};

@Injectable()
export class ReferenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReferenceRepository,
    private readonly audit: AuditService,
  ) {}

  async thematicAreas(): Promise<ThematicAreaView[]> {
    const areas = await this.dataSource.getRepository(ThematicArea).find({ order: { code: 'ASC' } });
    const mapping = await this.mapping();
    return areas.map((area) => ({
      code: area.code,
      title: area.title,
      shortTitle: area.shortTitle,
      gcmObjectiveCodes: mapping.filter((m) => m.area === area.code).map((m) => m.objective),
    }));
  }

  async gcmObjectives(): Promise<GcmObjectiveView[]> {
    const objectives = await this.dataSource.getRepository(GcmObjective).find({ order: { code: 'ASC' } });
    const mapping = await this.mapping();
    return objectives.map((objective) => ({
      code: objective.code,
      title: objective.title,
      shortTitle: objective.shortTitle,
      thematicAreaCodes: mapping.filter((m) => m.objective === objective.code).map((m) => m.area),
    }));
  }

  /** Replaces the objectives mapped to one thematic area (admins keep the mapping, not the code). */
  async setAreaObjectives(
    actor: AuditActor,
    areaCode: number,
    objectiveCodes: number[],
  ): Promise<ThematicAreaView> {
    const codes = [...new Set(objectiveCodes)].sort((a, b) => a - b);
    await this.dataSource.transaction(async (manager) => {
      if (!(await manager.exists(ThematicArea, { where: { code: areaCode } })))
        throw new NotFoundError('Thematic area', areaCode);
      const known = await manager.countBy(GcmObjective, { code: In(codes) });
      if (known !== codes.length)
        throw ValidationError.field('gcmObjectiveCodes', 'must be GCM objective codes 1–23');
      const before = await this.repository.areaObjectiveCodes(manager, areaCode);
      await this.repository.setAreaObjectives(manager, areaCode, codes);
      await this.audit.record(manager, {
        actor,
        action: 'reference.mapping.update',
        entityType: 'thematic_area',
        entityId: String(areaCode),
        before: { gcmObjectiveCodes: before },
        after: { gcmObjectiveCodes: codes },
      });
    });
    const updated = (await this.thematicAreas()).find((area) => area.code === areaCode);
    return updated as ThematicAreaView;
  }

  budgetCategories(): Promise<BudgetCategory[]> {
    return this.dataSource.getRepository(BudgetCategory).find({ order: { code: 'ASC' } });
  }

  reviewCriteria(): Promise<ReviewCriterion[]> {
    return this.dataSource.getRepository(ReviewCriterion).find({ order: { position: 'ASC' } });
  }

  guidingPrinciples(): Promise<GuidingPrinciple[]> {
    return this.dataSource.getRepository(GuidingPrinciple).find({ order: { position: 'ASC' } });
  }

  countries(region?: string): Promise<Country[]> {
    return this.dataSource
      .getRepository(Country)
      .find({ where: region ? { region } : {}, order: { name: 'ASC' } });
  }

  async fundSettings(manager: EntityManager = this.dataSource.manager): Promise<FundSettings> {
    const row = await this.repository.fundSettings(manager);
    if (!row) throw new NotFoundError('Fund settings', 1);
    return toFundSettings(row);
  }

  /**
   * The settings read by another lib's statement beside its own rows (one round trip less inside a
   * transaction that needs both): `sql` is an expression giving the row as one JSON value; `parse`
   * turns what it selected into the settings `fundSettings` returns (404 without a row).
   */
  fundSettingsRead(): { sql: string; parse(value: unknown): FundSettings } {
    return {
      sql: FUND_SETTINGS_JSON_SQL,
      parse: (value) => {
        if (!value) throw new NotFoundError('Fund settings', 1);
        return toFundSettings(value as Omit<FundSettingsRow, 'id' | 'updatedAt'>);
      },
    };
  }

  async updateFundSettings(actor: AuditActor, patch: FundSettingsPatch): Promise<FundSettings> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(FundSettingsRow, {
        where: { id: 1 },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new NotFoundError('Fund settings', 1);
      const before = toFundSettings(row);
      const next = { ...row };
      if (patch.minParticipatingOrganizations !== undefined)
        next.minParticipatingOrganizations = patch.minParticipatingOrganizations;
      if (patch.minMarkers?.gender !== undefined) next.minMarkerGender = patch.minMarkers.gender;
      if (patch.minMarkers?.humanRights !== undefined)
        next.minMarkerHumanRights = patch.minMarkers.humanRights;
      if (patch.minMarkers?.childSensitivity !== undefined)
        next.minMarkerChildSensitivity = patch.minMarkers.childSensitivity;
      if (patch.budgetCeiling !== undefined) next.budgetCeiling = parseMoney(patch.budgetCeiling).toString();
      if (patch.minDurationMonths !== undefined) next.minDurationMonths = patch.minDurationMonths;
      if (patch.maxDurationMonths !== undefined) next.maxDurationMonths = patch.maxDurationMonths;
      if (patch.indirectRate !== undefined) next.indirectRate = patch.indirectRate;
      if (patch.aaFeeRate !== undefined) next.aaFeeRate = patch.aaFeeRate;
      if (patch.reviewWindowDays !== undefined) next.reviewWindowDays = patch.reviewWindowDays;
      if (patch.expenditureDeadline !== undefined) next.expenditureDeadline = patch.expenditureDeadline;
      if (patch.inceptionDate !== undefined) next.inceptionDate = patch.inceptionDate;
      for (const key of PROGRAMME_WORK_SETTINGS) {
        if (patch[key] !== undefined) (next as Record<string, unknown>)[key] = patch[key];
      }
      if (patch.maxEntryAmount !== undefined)
        next.maxEntryAmount = parseMoney(patch.maxEntryAmount).toString();
      if (patch.administrativeAgentName !== undefined)
        next.administrativeAgentName = patch.administrativeAgentName.trim();
      if (patch.iatiOrganisationId !== undefined) next.iatiOrganisationId = patch.iatiOrganisationId;
      if (patch.contactEmail !== undefined) next.contactEmail = patch.contactEmail;
      if (patch.website !== undefined) next.website = patch.website;
      if (patch.requiredDocuments !== undefined)
        next.requiredDocumentKinds = [...new Set(patch.requiredDocuments)];
      if (BigInt(next.maxEntryAmount) <= 0n)
        throw ValidationError.field('maxEntryAmount', 'must be above zero');
      if (next.inceptionDate < EARLIEST_INCEPTION)
        throw ValidationError.field('inceptionDate', `must not be before ${EARLIEST_INCEPTION}`);
      if (next.minDurationMonths > next.maxDurationMonths) {
        throw new ValidationError('minDurationMonths must not exceed maxDurationMonths', [
          {
            field: 'minDurationMonths',
            message: `must not exceed maxDurationMonths (${next.maxDurationMonths})`,
          },
        ]);
      }
      await manager.save(FundSettingsRow, next);
      const saved = await manager.findOneOrFail(FundSettingsRow, { where: { id: 1 } });
      const after = toFundSettings(saved);
      await this.audit.record(manager, {
        actor,
        action: 'settings.update',
        entityType: 'fund_settings',
        entityId: '1',
        before,
        after,
      });
      return after;
    });
  }

  private mapping(): Promise<{ area: number; objective: number }[]> {
    return this.repository.mapping(this.dataSource);
  }
}
