import type { Proposal, ProposalBody } from '../../../api/models';
import { amountForApi, isEntered } from '../../../lib/money';

/** The proposal form as typed: pure conversions between it and the API's body. */
export type Scope = ProposalBody['scope'];
export type Stage = ProposalBody['stage'];

export interface FormState {
  title: string;
  summary: string;
  stage: Stage;
  scope: Scope;
  durationMonths: number | '';
  thematicAreaCode: string | null;
  gcmObjectiveCodes: string[];
  countryCodes: string[];
  convenerCode: string | null;
  participatingOrgCodes: string[];
  markers: { gender: string; humanRights: string; childSensitivity: string };
  endorsed: boolean;
  endorsementDate: string;
  /** `${orgCode}|${categoryCode}` → amount as typed */
  budget: Record<string, string>;
}

export function emptyForm(orgCode: string | null): FormState {
  return {
    title: '',
    summary: '',
    stage: 'CONCEPT_NOTE',
    scope: 'NATIONAL',
    durationMonths: 24,
    thematicAreaCode: null,
    gcmObjectiveCodes: [],
    countryCodes: [],
    convenerCode: orgCode,
    participatingOrgCodes: orgCode ? [orgCode] : [],
    markers: { gender: '2', humanRights: '2', childSensitivity: '2' },
    endorsed: false,
    endorsementDate: '',
    budget: {},
  };
}

export function formOf(p: Proposal): FormState {
  const budget: Record<string, string> = {};
  for (const line of p.budgetLines) budget[`${line.orgCode}|${line.categoryCode}`] = line.amount;
  return {
    title: p.title,
    summary: p.summary,
    stage: p.stage,
    scope: p.scope,
    durationMonths: p.durationMonths,
    thematicAreaCode: String(p.thematicAreaCode),
    gcmObjectiveCodes: p.gcmObjectiveCodes.map(String),
    countryCodes: p.countryCodes,
    convenerCode: p.convenerCode,
    participatingOrgCodes: p.participatingOrgCodes,
    markers: {
      gender: String(p.markers.gender),
      humanRights: String(p.markers.humanRights),
      childSensitivity: String(p.markers.childSensitivity),
    },
    endorsed: p.governmentEndorsement?.endorsed ?? false,
    endorsementDate: p.governmentEndorsement?.date ?? '',
    budget,
  };
}

/** The API body; amounts typed with thousands separators are read without them. */
export function bodyOf(form: FormState): ProposalBody {
  const budgetLines = Object.entries(form.budget)
    .map(([key, amount]) => {
      const [orgCode, category] = key.split('|');
      return { orgCode, categoryCode: Number(category), amount: amount.trim().replace(/,/g, '') };
    })
    .filter((line) => form.participatingOrgCodes.includes(line.orgCode) && isEntered(line.amount))
    .map((line) => ({ ...line, amount: amountForApi(line.amount) }));
  return {
    title: form.title,
    summary: form.summary,
    stage: form.stage,
    scope: form.scope,
    durationMonths: form.durationMonths === '' ? 0 : Number(form.durationMonths),
    thematicAreaCode: Number(form.thematicAreaCode ?? 0),
    gcmObjectiveCodes: form.gcmObjectiveCodes.map(Number),
    countryCodes: form.scope === 'GLOBAL' ? [] : form.countryCodes,
    convenerCode: form.convenerCode ?? '',
    participatingOrgCodes: form.participatingOrgCodes,
    markers: {
      gender: Number(form.markers.gender),
      humanRights: Number(form.markers.humanRights),
      childSensitivity: Number(form.markers.childSensitivity),
    },
    governmentEndorsement:
      form.scope === 'NATIONAL'
        ? { endorsed: form.endorsed, date: form.endorsementDate || undefined }
        : undefined,
    budgetLines,
  };
}

/** Where each violation shows: a section of the form, by the API's `field`. */
export function sectionOf(field: string | undefined): string {
  if (!field) return 'general';
  if (field.startsWith('budgetLines')) return 'budget';
  if (field.startsWith('markers')) return 'markers';
  if (['participatingOrgCodes', 'convenerCode'].includes(field)) return 'partners';
  if (['countryCodes', 'governmentEndorsement', 'scope'].some((f) => field.startsWith(f))) return 'geography';
  if (['gcmObjectiveCodes', 'thematicAreaCode'].includes(field)) return 'classification';
  return 'general';
}

export const SECTION_TITLE: Record<string, string> = {
  general: 'General',
  classification: 'Thematic area and GCM objectives',
  geography: 'Scope and countries',
  partners: 'Participating UN organizations',
  markers: 'Markers',
  budget: 'Budget',
};

export const sectionAnchor = (section: string) => `section-${section}`;
