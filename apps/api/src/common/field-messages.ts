import type { ValidationError as ClassValidatorError } from '@nestjs/common';

/**
 * What a person filling the form calls each field. A field not listed is named by splitting its
 * property name ("reviewDueDate" → "Review due date").
 */
const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  summary: 'Summary',
  stage: 'Stage',
  scope: 'Scope',
  countryCodes: 'Countries',
  thematicAreaCode: 'Thematic area',
  gcmObjectiveCodes: 'GCM objectives',
  convenerCode: 'Convening organization',
  participatingOrgCodes: 'Participating organizations',
  durationMonths: 'Duration (months)',
  markers: 'Markers',
  gender: 'Gender marker',
  humanRights: 'Human rights marker',
  childSensitivity: 'Child sensitivity marker',
  governmentEndorsement: 'Government endorsement',
  budgetLines: 'Budget line',
  orgCode: 'Organization',
  categoryCode: 'Budget category',
  amount: 'Amount',
  usdAmount: 'Amount in US$',
  donorCode: 'Contributor',
  currency: 'Currency',
  date: 'Date',
  proposalIds: 'Proposals',
  justification: 'Justification',
  comment: 'Comment',
  narrative: 'Narrative',
  periodStart: 'Period start',
  periodEnd: 'Period end',
  value: 'Value',
  allocations: 'Allocation',
  criterionCode: 'Criterion',
  score: 'Score',
  scores: 'Scores',
  recommendation: 'Recommendation',
  reason: 'Reason',
  email: 'Email',
  password: 'Password',
};

function words(property: string): string {
  const spaced = property.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "budgetLines.2.amount" → "Budget line 3: amount"; "title" → "Title". */
export function fieldLabel(path: string): string {
  const parts = path.split('.');
  const named: string[] = [];
  for (const part of parts) {
    if (/^\d+$/.test(part) && named.length) named[named.length - 1] += ` ${Number(part) + 1}`;
    else named.push(FIELD_LABELS[part] ?? words(part));
  }
  return named
    .map((label, index) => (index ? label.charAt(0).toLowerCase() + label.slice(1) : label))
    .join(': ');
}

const NUMBER = /(-?\d+(?:\.\d+)?)/;
const numberIn = (text: string) => text.match(NUMBER)?.[1];
const isCodeField = (property: string) => /Codes?$/.test(property) || property === 'orgCode';

/**
 * One class-validator failure in plain words that name the field ("Title is required",
 * "Thematic area: choose one", "Summary must be at most 10,000 characters").
 */
export function plainMessage(error: ClassValidatorError, path: string, key: string, raw: string): string {
  const label = fieldLabel(path);
  const value = error.value as unknown;
  const empty =
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0);
  if (key === 'whitelistValidation') return raw;
  if (empty) {
    if (Array.isArray(value) || key === 'arrayMinSize') return `${label}: choose at least one`;
    return isCodeField(error.property) ? `${label}: choose one` : `${label} is required`;
  }
  const n = numberIn(raw);
  switch (key) {
    case 'isNotEmpty':
      return `${label} is required`;
    case 'matches':
      if (/must not be blank/.test(raw)) return `${label} is required`;
      break;
    case 'min':
      if (isCodeField(error.property)) return `${label}: choose one`;
      return `${label} must be at least ${Number(n).toLocaleString('en-US')}`;
    case 'max':
      if (isCodeField(error.property)) return `${label}: choose one from the list`;
      return `${label} must be at most ${Number(n).toLocaleString('en-US')}`;
    case 'isLength':
    case 'minLength':
    case 'maxLength': {
      const length = typeof value === 'string' ? value.length : 0;
      const bounds = raw.match(/(\d+)/g)?.map(Number) ?? [];
      if (/shorter|at most/.test(raw) || (bounds.length && length > bounds[bounds.length - 1]))
        return `${label} must be at most ${bounds[bounds.length - 1].toLocaleString('en-US')} characters`;
      return `${label} must be at least ${bounds[0]} characters`;
    }
    case 'arrayMinSize':
      return `${label}: choose at least ${n}`;
    case 'arrayMaxSize':
      return `${label}: at most ${n}`;
    case 'arrayUnique':
      return `${label}: each may be listed once`;
    case 'isUuid':
    case 'isUUID':
      return `${label}: not a valid id`;
    case 'isInt':
      return `${label} must be a whole number`;
    case 'isEnum':
    case 'isIn':
      return `${label}: choose one of ${raw.replace(/^.*following values: /, '')}`;
  }
  // A message written for this DTO already reads well: put the field's name in front.
  const stripped = raw.startsWith(`${error.property} `) ? raw.slice(error.property.length + 1) : raw;
  return `${label} ${stripped}`;
}
