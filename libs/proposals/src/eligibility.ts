import { Cents, formatUsd, parseMoney } from '@mptf/platform';
import type { FundSettings } from '@mptf/reference';
import { BudgetLineInput, computeBudget, INDIRECT_CATEGORY_CODE, isDirectCategory } from './budget';
import { ProposalScope } from './entities/proposal.entity';

/**
 * Eligibility rules of domain.md, run at submit. Each rule is a pure function over the proposal
 * and its context (fund settings, the objective ↔ area mapping, which codes are UN entities) and
 * returns every violation it finds; thresholds come from the settings, never from code.
 */
export interface EligibilityInput {
  scope: ProposalScope;
  countryCodes: readonly string[];
  thematicAreaCode: number;
  gcmObjectiveCodes: readonly number[];
  convenerCode: string;
  participatingOrgCodes: readonly string[];
  durationMonths: number;
  markers: { gender: number; humanRights: number; childSensitivity: number };
  governmentEndorsement: { endorsed: boolean; date: string | null } | null;
  budgetLines: readonly BudgetLineInput[];
  /** Kinds of the documents attached to it (optional: absent means none). */
  documentKinds?: readonly string[];
}

export interface EligibilityContext {
  settings: FundSettings;
  /** The GCM objectives mapped to the proposal's primary thematic area (editable reference data). */
  areaObjectiveCodes: readonly number[];
  /** Which of the organizations the proposal names are UN entities. */
  unEntityCodes: ReadonlySet<string>;
}

export interface EligibilityViolation {
  rule: EligibilityRuleCode;
  field: string;
  message: string;
}

export enum EligibilityRuleCode {
  MIN_PUNOS = 'MIN_PUNOS',
  CONVENER_IS_PUNO = 'CONVENER_IS_PUNO',
  PUNO_UN_ENTITY = 'PUNO_UN_ENTITY',
  GCM_OBJECTIVE_REQUIRED = 'GCM_OBJECTIVE_REQUIRED',
  OBJECTIVE_IN_AREA = 'OBJECTIVE_IN_AREA',
  MARKER_MINIMUM = 'MARKER_MINIMUM',
  BUDGET_CATEGORY = 'BUDGET_CATEGORY',
  BUDGET_ORGANIZATION = 'BUDGET_ORGANIZATION',
  BUDGET_REQUIRED = 'BUDGET_REQUIRED',
  BUDGET_CEILING = 'BUDGET_CEILING',
  DURATION = 'DURATION',
  SCOPE_COUNTRIES = 'SCOPE_COUNTRIES',
  GOVERNMENT_ENDORSEMENT = 'GOVERNMENT_ENDORSEMENT',
  REQUIRED_DOCUMENTS = 'REQUIRED_DOCUMENTS',
}

export interface EligibilityRule {
  code: EligibilityRuleCode;
  /** What the rule requires, for documentation and the UI. */
  description: string;
  check(input: EligibilityInput, context: EligibilityContext): EligibilityViolation[];
}

const R = EligibilityRuleCode;

function violation(rule: EligibilityRuleCode, field: string, message: string): EligibilityViolation {
  return { rule, field, message };
}

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export const minParticipatingOrganizations: EligibilityRule = {
  code: R.MIN_PUNOS,
  description: 'A joint programme has at least the fund minimum of participating UN organizations',
  check(input, { settings }) {
    const count = distinct(input.participatingOrgCodes).length;
    const minimum = settings.minParticipatingOrganizations;
    return count >= minimum
      ? []
      : [
          violation(
            R.MIN_PUNOS,
            'participatingOrgCodes',
            `A joint programme needs at least ${minimum} participating UN organizations; this one has ${count}`,
          ),
        ];
  },
};

export const convenerIsParticipating: EligibilityRule = {
  code: R.CONVENER_IS_PUNO,
  description: 'The convening agency is one of the participating UN organizations',
  check(input) {
    return input.participatingOrgCodes.includes(input.convenerCode)
      ? []
      : [
          violation(
            R.CONVENER_IS_PUNO,
            'convenerCode',
            `The convening agency ${input.convenerCode} must be one of the participating UN organizations`,
          ),
        ];
  },
};

export const participantsAreUnEntities: EligibilityRule = {
  code: R.PUNO_UN_ENTITY,
  description: 'Every participating organization (and the convener) is a UN entity',
  check(input, { unEntityCodes }) {
    const named = distinct([input.convenerCode, ...input.participatingOrgCodes]);
    return named
      .filter((code) => !unEntityCodes.has(code))
      .map((code) =>
        violation(
          R.PUNO_UN_ENTITY,
          code === input.convenerCode ? 'convenerCode' : 'participatingOrgCodes',
          `${code} is not a UN entity; only UN entities can be participating organizations`,
        ),
      );
  },
};

export const objectiveRequired: EligibilityRule = {
  code: R.GCM_OBJECTIVE_REQUIRED,
  description: 'The proposal addresses at least one GCM objective',
  check(input) {
    return input.gcmObjectiveCodes.length > 0
      ? []
      : [violation(R.GCM_OBJECTIVE_REQUIRED, 'gcmObjectiveCodes', 'At least one GCM objective is required')];
  },
};

export const objectiveInThematicArea: EligibilityRule = {
  code: R.OBJECTIVE_IN_AREA,
  description: 'At least one of the GCM objectives is mapped to the primary thematic area',
  check(input, { areaObjectiveCodes }) {
    if (input.gcmObjectiveCodes.length === 0) return []; // GCM_OBJECTIVE_REQUIRED says it
    if (input.gcmObjectiveCodes.some((code) => areaObjectiveCodes.includes(code))) return [];
    return [
      violation(
        R.OBJECTIVE_IN_AREA,
        'gcmObjectiveCodes',
        `None of the GCM objectives ${input.gcmObjectiveCodes.join(', ')} is mapped to thematic area ` +
          `${input.thematicAreaCode} (its objectives: ${areaObjectiveCodes.join(', ') || 'none'})`,
      ),
    ];
  },
};

const MARKERS = [
  { key: 'gender', label: 'gender marker' },
  { key: 'humanRights', label: 'human rights marker' },
  { key: 'childSensitivity', label: 'child-sensitivity marker' },
] as const;

export const markersAtMinimum: EligibilityRule = {
  code: R.MARKER_MINIMUM,
  description: 'The gender, human rights and child-sensitivity markers are at or above the fund minimum',
  check(input, { settings }) {
    return MARKERS.filter(({ key }) => input.markers[key] < settings.minMarkers[key]).map(({ key, label }) =>
      violation(
        R.MARKER_MINIMUM,
        `markers.${key}`,
        `The ${label} is ${input.markers[key]}; the fund minimum is ${settings.minMarkers[key]}`,
      ),
    );
  },
};

export const directCategoriesOnly: EligibilityRule = {
  code: R.BUDGET_CATEGORY,
  description:
    'Budget lines are in categories 1–7 only; category 8 (indirect support costs) is computed at the fund rate per PUNO',
  check(input, { settings }) {
    return input.budgetLines
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => !isDirectCategory(line.categoryCode))
      .map(({ line, index }) =>
        violation(
          R.BUDGET_CATEGORY,
          `budgetLines.${index}.categoryCode`,
          line.categoryCode === INDIRECT_CATEGORY_CODE
            ? `Budget line ${index + 1} (${line.orgCode}) is in category 8: indirect support costs are computed ` +
                `at ${settings.indirectRate} of categories 1–7 per PUNO and must not be entered`
            : `Budget line ${index + 1} (${line.orgCode}) is in category ${line.categoryCode}; only categories 1–7 are allowed`,
        ),
      );
  },
};

export const budgetForParticipantsOnly: EligibilityRule = {
  code: R.BUDGET_ORGANIZATION,
  description: 'Every budget line belongs to a participating organization',
  check(input) {
    const outsiders = distinct(
      input.budgetLines
        .map((line) => line.orgCode)
        .filter((code) => !input.participatingOrgCodes.includes(code)),
    );
    return outsiders.map((code) =>
      violation(
        R.BUDGET_ORGANIZATION,
        'budgetLines',
        `The budget has lines for ${code}, which is not a participating organization`,
      ),
    );
  },
};

export const budgetRequired: EligibilityRule = {
  code: R.BUDGET_REQUIRED,
  description: 'The budget has direct costs (categories 1–7) above zero',
  check(input, { settings }) {
    const budget = computeBudget(input.budgetLines, settings.indirectRate);
    return budget.direct > 0n
      ? []
      : [violation(R.BUDGET_REQUIRED, 'budgetLines', 'The budget has no direct costs in categories 1–7')];
  },
};

export const withinBudgetCeiling: EligibilityRule = {
  code: R.BUDGET_CEILING,
  description: 'The total budget (direct and indirect costs) is within the fund ceiling',
  check(input, { settings }) {
    const total: Cents = computeBudget(input.budgetLines, settings.indirectRate).total;
    const ceiling = parseMoney(settings.budgetCeiling);
    return total <= ceiling
      ? []
      : [
          violation(
            R.BUDGET_CEILING,
            'budgetLines',
            `The total budget of ${formatUsd(total)} (including indirect support costs) exceeds the fund ceiling of ${formatUsd(ceiling)}`,
          ),
        ];
  },
};

export const durationWithinLimits: EligibilityRule = {
  code: R.DURATION,
  description: 'The duration is within the fund minimum and maximum (months)',
  check(input, { settings }) {
    const { minDurationMonths: min, maxDurationMonths: max } = settings;
    return input.durationMonths >= min && input.durationMonths <= max
      ? []
      : [
          violation(
            R.DURATION,
            'durationMonths',
            `The duration of ${input.durationMonths} months is outside the fund limits of ${min} to ${max} months`,
          ),
        ];
  },
};

export const countriesMatchScope: EligibilityRule = {
  code: R.SCOPE_COUNTRIES,
  description: 'A national proposal covers exactly one country; a regional one at least one',
  check(input) {
    const count = distinct(input.countryCodes).length;
    if (input.scope === ProposalScope.NATIONAL && count !== 1)
      return [
        violation(
          R.SCOPE_COUNTRIES,
          'countryCodes',
          `A national proposal covers exactly one country; this one lists ${count}`,
        ),
      ];
    if (input.scope === ProposalScope.REGIONAL && count === 0)
      return [violation(R.SCOPE_COUNTRIES, 'countryCodes', 'A regional proposal lists its countries')];
    return [];
  },
};

export const nationalEndorsement: EligibilityRule = {
  code: R.GOVERNMENT_ENDORSEMENT,
  description: 'A national proposal has the host government endorsement recorded (with its date)',
  check(input) {
    if (input.scope !== ProposalScope.NATIONAL) return [];
    const endorsement = input.governmentEndorsement;
    if (endorsement?.endorsed && endorsement.date) return [];
    return [
      violation(
        R.GOVERNMENT_ENDORSEMENT,
        'governmentEndorsement',
        endorsement?.endorsed
          ? 'The date of the government endorsement is missing'
          : 'A national proposal needs the host government endorsement recorded',
      ),
    ];
  },
};

/** How the checklist names each document kind. */
export const DOCUMENT_KIND_LABELS: Readonly<Record<string, string>> = {
  CONCEPT_NOTE: 'concept note',
  PROGRAMME_DOCUMENT: 'programme document',
  ENDORSEMENT_LETTER: 'endorsement letter',
  BUDGET: 'budget file',
  OTHER: 'supporting document',
};

export const requiredDocumentsAttached: EligibilityRule = {
  code: R.REQUIRED_DOCUMENTS,
  description: 'Every document the fund requires (fund setting requiredDocuments) is attached',
  check(input, { settings }) {
    const attached = new Set(input.documentKinds ?? []);
    return (settings.requiredDocuments ?? [])
      .filter((kind) => !attached.has(kind))
      .map((kind) =>
        violation(
          R.REQUIRED_DOCUMENTS,
          `documents.${kind}`,
          `Attach the ${DOCUMENT_KIND_LABELS[kind] ?? kind.toLowerCase()}: the fund requires it before submission`,
        ),
      );
  },
};

/** Every rule, in the order violations are listed. */
export const ELIGIBILITY_RULES: readonly EligibilityRule[] = [
  minParticipatingOrganizations,
  convenerIsParticipating,
  participantsAreUnEntities,
  objectiveRequired,
  objectiveInThematicArea,
  markersAtMinimum,
  directCategoriesOnly,
  budgetForParticipantsOnly,
  budgetRequired,
  withinBudgetCeiling,
  durationWithinLimits,
  countriesMatchScope,
  nationalEndorsement,
  requiredDocumentsAttached,
];

/** All violations of all rules (empty when the proposal is eligible). */
export function checkEligibility(
  input: EligibilityInput,
  context: EligibilityContext,
): EligibilityViolation[] {
  return ELIGIBILITY_RULES.flatMap((rule) => rule.check(input, context));
}
