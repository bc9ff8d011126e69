import { parseMoney } from '@mptf/platform';
import type { FundSettings } from '@mptf/reference';
import {
  budgetForParticipantsOnly,
  budgetRequired,
  checkEligibility,
  convenerIsParticipating,
  countriesMatchScope,
  directCategoriesOnly,
  durationWithinLimits,
  ELIGIBILITY_RULES,
  EligibilityContext,
  EligibilityInput,
  EligibilityRuleCode as R,
  markersAtMinimum,
  minParticipatingOrganizations,
  nationalEndorsement,
  objectiveInThematicArea,
  objectiveRequired,
  participantsAreUnEntities,
  requiredDocumentsAttached,
  withinBudgetCeiling,
} from './eligibility';
import { ProposalScope } from './entities/proposal.entity';

const settings: FundSettings = {
  minParticipatingOrganizations: 2,
  minMarkers: { gender: 2, humanRights: 2, childSensitivity: 1 },
  budgetCeiling: '5000000.00',
  minDurationMonths: 12,
  maxDurationMonths: 36,
  indirectRate: '0.07',
  aaFeeRate: '0.01',
  reviewWindowDays: 21,
  expenditureDeadline: '04-30',
  narrativeReportDeadline: '03-31',
  finalNarrativeMonths: 3,
  finalFinancialMonths: 6,
  revisionMaxMoveRate: '0.20',
  revisionMaxExtensionMonths: 6,
  revisionsPerYearByFundUnit: 1,
  inceptionDate: '2019-01-01',
  maxEntryAmount: '1000000000.00',
  administrativeAgentName: 'UNDP Multi-Partner Trust Fund Office',
  iatiOrganisationId: null,
  contactEmail: null,
  website: null,
  requiredDocuments: [],
};

const context: EligibilityContext = {
  settings,
  areaObjectiveCodes: [5, 6, 18, 19, 20, 22, 23],
  unEntityCodes: new Set(['IOM', 'UNICEF', 'ILO', 'UNDP']),
};

/** An eligible national proposal of IOM with UNICEF in thematic area 4. */
const eligible: EligibilityInput = {
  scope: ProposalScope.NATIONAL,
  countryCodes: ['NPL'],
  thematicAreaCode: 4,
  gcmObjectiveCodes: [6, 7],
  convenerCode: 'IOM',
  participatingOrgCodes: ['IOM', 'UNICEF'],
  durationMonths: 24,
  markers: { gender: 2, humanRights: 3, childSensitivity: 1 },
  governmentEndorsement: { endorsed: true, date: '2026-01-15' },
  budgetLines: [
    { orgCode: 'IOM', categoryCode: 1, amount: parseMoney('600000.00') },
    { orgCode: 'UNICEF', categoryCode: 6, amount: parseMoney('400000.00') },
  ],
};

const withInput = (patch: Partial<EligibilityInput>): EligibilityInput => ({ ...eligible, ...patch });
const withSettings = (patch: Partial<FundSettings>): EligibilityContext => ({
  ...context,
  settings: { ...settings, ...patch },
});

describe('eligibility rules', () => {
  it('passes an eligible proposal on every rule', () => {
    expect(checkEligibility(eligible, context)).toEqual([]);
  });

  it('has a distinct code and a description for every rule', () => {
    const codes = ELIGIBILITY_RULES.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.sort()).toEqual(Object.values(R).sort());
    expect(ELIGIBILITY_RULES.every((rule) => rule.description.length > 10)).toBe(true);
  });

  describe(R.MIN_PUNOS, () => {
    it('needs the settings minimum of distinct PUNOs', () => {
      const one = withInput({ participatingOrgCodes: ['IOM'] });
      expect(minParticipatingOrganizations.check(one, context)).toEqual([
        expect.objectContaining({
          rule: R.MIN_PUNOS,
          field: 'participatingOrgCodes',
          message: expect.stringMatching(/at least 2.*has 1/),
        }),
      ]);
      expect(
        minParticipatingOrganizations.check(withInput({ participatingOrgCodes: ['IOM', 'IOM'] }), context),
      ).toHaveLength(1);
      expect(minParticipatingOrganizations.check(eligible, context)).toEqual([]);
    });

    it('follows the setting', () => {
      expect(
        minParticipatingOrganizations.check(eligible, withSettings({ minParticipatingOrganizations: 3 })),
      ).toHaveLength(1);
      expect(
        minParticipatingOrganizations.check(
          withInput({ participatingOrgCodes: ['IOM'] }),
          withSettings({ minParticipatingOrganizations: 1 }),
        ),
      ).toEqual([]);
    });
  });

  it(`${R.CONVENER_IS_PUNO}: the convener is among the PUNOs`, () => {
    expect(convenerIsParticipating.check(withInput({ convenerCode: 'ILO' }), context)).toEqual([
      expect.objectContaining({
        rule: R.CONVENER_IS_PUNO,
        field: 'convenerCode',
        message: expect.stringContaining('ILO'),
      }),
    ]);
    expect(convenerIsParticipating.check(eligible, context)).toEqual([]);
  });

  it(`${R.PUNO_UN_ENTITY}: every PUNO and the convener are UN entities, one violation each`, () => {
    const violations = participantsAreUnEntities.check(
      withInput({ convenerCode: 'MPTFFMU', participatingOrgCodes: ['MPTFFMU', 'DEU', 'IOM'] }),
      context,
    );
    expect(violations.map((v) => [v.rule, v.field, v.message.split(' ')[0]])).toEqual([
      [R.PUNO_UN_ENTITY, 'convenerCode', 'MPTFFMU'],
      [R.PUNO_UN_ENTITY, 'participatingOrgCodes', 'DEU'],
    ]);
    expect(participantsAreUnEntities.check(eligible, context)).toEqual([]);
  });

  it(`${R.GCM_OBJECTIVE_REQUIRED}: at least one GCM objective`, () => {
    expect(objectiveRequired.check(withInput({ gcmObjectiveCodes: [] }), context)).toEqual([
      expect.objectContaining({ rule: R.GCM_OBJECTIVE_REQUIRED, field: 'gcmObjectiveCodes' }),
    ]);
    expect(objectiveRequired.check(eligible, context)).toEqual([]);
  });

  describe(R.OBJECTIVE_IN_AREA, () => {
    it('needs one objective mapped to the primary area', () => {
      const outside = withInput({ gcmObjectiveCodes: [9, 10] });
      expect(objectiveInThematicArea.check(outside, context)).toEqual([
        expect.objectContaining({
          rule: R.OBJECTIVE_IN_AREA,
          message: expect.stringContaining('thematic area 4'),
        }),
      ]);
      // One inside is enough, even next to objectives of other areas.
      expect(objectiveInThematicArea.check(withInput({ gcmObjectiveCodes: [9, 20] }), context)).toEqual([]);
    });

    it('uses the editable mapping and leaves "no objective" to its own rule', () => {
      expect(
        objectiveInThematicArea.check(eligible, { ...context, areaObjectiveCodes: [1, 3] }),
      ).toHaveLength(1);
      expect(objectiveInThematicArea.check(withInput({ gcmObjectiveCodes: [] }), context)).toEqual([]);
    });
  });

  describe(R.MARKER_MINIMUM, () => {
    it('reports each marker below the fund minimum', () => {
      const low = withInput({ markers: { gender: 1, humanRights: 1, childSensitivity: 0 } });
      expect(markersAtMinimum.check(low, context).map((v) => [v.rule, v.field])).toEqual([
        [R.MARKER_MINIMUM, 'markers.gender'],
        [R.MARKER_MINIMUM, 'markers.humanRights'],
        [R.MARKER_MINIMUM, 'markers.childSensitivity'],
      ]);
      expect(markersAtMinimum.check(low, context)[0].message).toBe(
        'The gender marker is 1; the fund minimum is 2',
      );
    });

    it('accepts markers at the minimum and follows the setting', () => {
      expect(
        markersAtMinimum.check(
          withInput({ markers: { gender: 2, humanRights: 2, childSensitivity: 1 } }),
          context,
        ),
      ).toEqual([]);
      const stricter = withSettings({ minMarkers: { gender: 3, humanRights: 2, childSensitivity: 1 } });
      expect(markersAtMinimum.check(eligible, stricter).map((v) => v.field)).toEqual(['markers.gender']);
    });
  });

  it(`${R.BUDGET_CATEGORY}: lines only in categories 1–7; category 8 is computed`, () => {
    const input = withInput({
      budgetLines: [...eligible.budgetLines, { orgCode: 'IOM', categoryCode: 8, amount: 4200000n }],
    });
    expect(directCategoriesOnly.check(input, context)).toEqual([
      {
        rule: R.BUDGET_CATEGORY,
        field: 'budgetLines.2.categoryCode',
        message: expect.stringContaining('category 8: indirect support costs are computed at 0.07'),
      },
    ]);
    expect(
      directCategoriesOnly.check(
        withInput({ budgetLines: [{ orgCode: 'IOM', categoryCode: 9, amount: 1n }] }),
        context,
      )[0].message,
    ).toMatch(/only categories 1–7/);
    expect(directCategoriesOnly.check(eligible, context)).toEqual([]);
  });

  it(`${R.BUDGET_ORGANIZATION}: budget lines only for PUNOs`, () => {
    const input = withInput({
      budgetLines: [
        ...eligible.budgetLines,
        { orgCode: 'UNDP', categoryCode: 1, amount: 100n },
        { orgCode: 'UNDP', categoryCode: 2, amount: 100n },
      ],
    });
    expect(budgetForParticipantsOnly.check(input, context)).toEqual([
      expect.objectContaining({ rule: R.BUDGET_ORGANIZATION, message: expect.stringContaining('UNDP') }),
    ]);
    expect(budgetForParticipantsOnly.check(eligible, context)).toEqual([]);
  });

  it(`${R.BUDGET_REQUIRED}: some direct costs`, () => {
    expect(budgetRequired.check(withInput({ budgetLines: [] }), context)).toHaveLength(1);
    expect(
      budgetRequired.check(
        withInput({ budgetLines: [{ orgCode: 'IOM', categoryCode: 1, amount: 0n }] }),
        context,
      ),
    ).toHaveLength(1);
    expect(budgetRequired.check(eligible, context)).toEqual([]);
  });

  describe(R.BUDGET_CEILING, () => {
    const atDirect = (amount: string) =>
      withInput({ budgetLines: [{ orgCode: 'IOM', categoryCode: 1, amount: parseMoney(amount) }] });

    it('counts indirect costs towards the ceiling', () => {
      // 4672897.20 + 327102.80 (0.804 rounded) = 5000000.00 exactly: fits; one more cent is over.
      expect(withinBudgetCeiling.check(atDirect('4672897.20'), context)).toEqual([]);
      expect(withinBudgetCeiling.check(atDirect('4672897.21'), context)).toEqual([
        expect.objectContaining({
          rule: R.BUDGET_CEILING,
          message:
            'The total budget of US$ 5,000,000.01 (including indirect support costs) exceeds the fund ceiling of US$ 5,000,000.00',
        }),
      ]);
    });

    it('follows the setting', () => {
      expect(withinBudgetCeiling.check(eligible, withSettings({ budgetCeiling: '1069999.99' }))).toHaveLength(
        1,
      );
      expect(withinBudgetCeiling.check(eligible, withSettings({ budgetCeiling: '1070000.00' }))).toEqual([]);
    });
  });

  describe(R.DURATION, () => {
    it.each([
      [11, 1],
      [12, 0],
      [36, 0],
      [37, 1],
    ])('%i months → %i violation(s)', (durationMonths, count) => {
      expect(durationWithinLimits.check(withInput({ durationMonths }), context)).toHaveLength(count);
    });

    it('follows the setting and names the limits', () => {
      const [v] = durationWithinLimits.check(
        eligible,
        withSettings({ minDurationMonths: 6, maxDurationMonths: 18 }),
      );
      expect(v).toEqual({
        rule: R.DURATION,
        field: 'durationMonths',
        message: expect.stringContaining('6 to 18 months'),
      });
    });
  });

  it(`${R.SCOPE_COUNTRIES}: national is one country, regional lists some, global any`, () => {
    expect(countriesMatchScope.check(withInput({ countryCodes: ['NPL', 'MYS'] }), context)).toHaveLength(1);
    expect(countriesMatchScope.check(withInput({ countryCodes: [] }), context)).toHaveLength(1);
    expect(
      countriesMatchScope.check(withInput({ scope: ProposalScope.REGIONAL, countryCodes: [] }), context),
    ).toHaveLength(1);
    expect(
      countriesMatchScope.check(
        withInput({ scope: ProposalScope.REGIONAL, countryCodes: ['NPL', 'MYS'] }),
        context,
      ),
    ).toEqual([]);
    expect(
      countriesMatchScope.check(withInput({ scope: ProposalScope.GLOBAL, countryCodes: [] }), context),
    ).toEqual([]);
  });

  describe(R.GOVERNMENT_ENDORSEMENT, () => {
    it('requires a dated endorsement for national scope', () => {
      expect(nationalEndorsement.check(withInput({ governmentEndorsement: null }), context)).toEqual([
        expect.objectContaining({
          rule: R.GOVERNMENT_ENDORSEMENT,
          message: expect.stringContaining('host government'),
        }),
      ]);
      expect(
        nationalEndorsement.check(
          withInput({ governmentEndorsement: { endorsed: false, date: null } }),
          context,
        ),
      ).toHaveLength(1);
      expect(
        nationalEndorsement.check(
          withInput({ governmentEndorsement: { endorsed: true, date: null } }),
          context,
        )[0].message,
      ).toMatch(/date/);
      expect(nationalEndorsement.check(eligible, context)).toEqual([]);
    });

    it('does not apply to regional and global proposals', () => {
      const regional = withInput({
        scope: ProposalScope.REGIONAL,
        countryCodes: ['NPL', 'MYS'],
        governmentEndorsement: null,
      });
      expect(nationalEndorsement.check(regional, context)).toEqual([]);
    });
  });

  it('lists every violation of an ineligible proposal at once, in rule order', () => {
    const input = withInput({
      participatingOrgCodes: ['IOM'],
      gcmObjectiveCodes: [9],
      markers: { gender: 1, humanRights: 2, childSensitivity: 1 },
      durationMonths: 48,
      governmentEndorsement: null,
      budgetLines: [
        { orgCode: 'IOM', categoryCode: 1, amount: parseMoney('4900000.00') },
        { orgCode: 'IOM', categoryCode: 8, amount: parseMoney('343000.00') },
      ],
    });
    expect(checkEligibility(input, context).map((v) => v.rule)).toEqual([
      R.MIN_PUNOS,
      R.OBJECTIVE_IN_AREA,
      R.MARKER_MINIMUM,
      R.BUDGET_CATEGORY,
      R.BUDGET_CEILING,
      R.DURATION,
      R.GOVERNMENT_ENDORSEMENT,
    ]);
  });
});

describe('REQUIRED_DOCUMENTS: the documents the fund requires are attached', () => {
  const requiring = {
    ...context,
    settings: { ...settings, requiredDocuments: ['CONCEPT_NOTE', 'ENDORSEMENT_LETTER'] },
  };
  it('names each missing document in plain words', () => {
    expect(
      requiredDocumentsAttached.check({ ...eligible, documentKinds: ['CONCEPT_NOTE', 'OTHER'] }, requiring),
    ).toEqual([
      {
        rule: R.REQUIRED_DOCUMENTS,
        field: 'documents.ENDORSEMENT_LETTER',
        message: 'Attach the endorsement letter: the fund requires it before submission',
      },
    ]);
  });
  it('passes when all are attached, or when the fund requires none', () => {
    expect(
      requiredDocumentsAttached.check(
        { ...eligible, documentKinds: ['ENDORSEMENT_LETTER', 'CONCEPT_NOTE'] },
        requiring,
      ),
    ).toEqual([]);
    expect(requiredDocumentsAttached.check(eligible, context)).toEqual([]);
  });
});
