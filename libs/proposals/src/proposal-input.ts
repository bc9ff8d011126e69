import type { AuthUser } from '@mptf/identity';
import { ErrorDetail, ForbiddenError, formatMoney, parseMoney, ValidationError } from '@mptf/platform';
import { BudgetLineInput } from './budget';
import { PartnerType } from './entities/proposal-parts.entity';
import { Proposal, ProposalScope, ProposalStage } from './entities/proposal.entity';
import { ProposalStatus } from './lifecycle';
import { Participation, participationViolations } from './participation-rules';
import { endorsementOf, markersOf, ProposalRecord } from './proposal.view';
import { KnownCodes, ProposalContent } from './repositories/proposal.repository';
import { ProposalParts } from './repositories/proposal-parts.sql';

/** A proposal as agencies write it (money as decimal strings). */
export interface ProposalInput {
  title: string;
  summary: string;
  stage: ProposalStage;
  scope: ProposalScope;
  countryCodes: string[];
  thematicAreaCode: number;
  gcmObjectiveCodes: number[];
  convenerCode: string;
  participatingOrgCodes: string[];
  durationMonths: number;
  markers: { gender: number; humanRights: number; childSensitivity: number };
  governmentEndorsement?: { endorsed: boolean; date?: string | null } | null;
  budgetLines: { orgCode: string; categoryCode: number; amount: string }[];
  nationalPartners?: { name: string; type: PartnerType }[];
}

/** Any subset of the input; lists given replace the stored ones. */
export type ProposalPatch = Partial<ProposalInput>;

/** The organization codes an input names, per field (a wrong one is a 400 naming the field). */
export function organizationFields(input: ProposalPatch): [string, string[]][] {
  return [
    ['convenerCode', input.convenerCode ? [input.convenerCode] : []],
    ['participatingOrgCodes', input.participatingOrgCodes ?? []],
    ['budgetLines', (input.budgetLines ?? []).map((line) => line.orgCode)],
  ];
}

/**
 * Every problem of an input's codes and lists at once: codes that do not exist (given what
 * exists, `known`), duplicate budget lines, an endorsement date without an endorsement.
 */
export function inputProblems(input: ProposalPatch, known: KnownCodes): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (input.thematicAreaCode !== undefined && known.areas.length === 0)
    details.push({ field: 'thematicAreaCode', message: `${input.thematicAreaCode} is not a thematic area` });
  if (input.gcmObjectiveCodes?.length) {
    const found = new Set(known.objectives.map(Number));
    const unknown = input.gcmObjectiveCodes.filter((code) => !found.has(code));
    if (unknown.length)
      details.push({ field: 'gcmObjectiveCodes', message: `unknown GCM objectives: ${unknown.join(', ')}` });
  }
  if (input.countryCodes?.length) {
    const found = new Set(known.countries.map((code) => code.trim()));
    const unknown = input.countryCodes.filter((code) => !found.has(code));
    if (unknown.length)
      details.push({
        field: 'countryCodes',
        message: `unknown ISO 3166-1 alpha-3 codes: ${unknown.join(', ')}`,
      });
  }
  const organizations = new Set(known.organizations.map((o) => o.code));
  for (const [field, codes] of organizationFields(input)) {
    const unknown = [...new Set(codes.filter((code) => !organizations.has(code)))];
    if (unknown.length) details.push({ field, message: `unknown organizations: ${unknown.join(', ')}` });
  }
  const seen = new Set<string>();
  for (const [index, line] of (input.budgetLines ?? []).entries()) {
    const key = `${line.orgCode}/${line.categoryCode}`;
    if (seen.has(key))
      details.push({
        field: `budgetLines.${index}`,
        message: `duplicate line for ${line.orgCode} in category ${line.categoryCode}`,
      });
    seen.add(key);
  }
  if (input.governmentEndorsement?.date && !input.governmentEndorsement.endorsed)
    details.push({ field: 'governmentEndorsement.date', message: 'is only recorded with an endorsement' });
  return details;
}

export function parseBudgetLines(lines: ProposalInput['budgetLines']): BudgetLineInput[] {
  return lines.map((line, index) => {
    try {
      return { orgCode: line.orgCode, categoryCode: line.categoryCode, amount: parseMoney(line.amount) };
    } catch {
      throw ValidationError.field(
        `budgetLines.${index}.amount`,
        'must be a decimal string with two decimals',
      );
    }
  });
}

/** The organizations of an input resolved to ids: the convener, the PUNOs (in order), any by code. */
export interface ResolvedOrganizations {
  convenerId: string;
  participants: { id: string; code: string }[];
  idByCode: Map<string, string>;
}

export function resolveOrganizations(
  input: Pick<ProposalInput, 'convenerCode' | 'participatingOrgCodes'>,
  found: ReadonlyMap<string, { id: string }>,
): ResolvedOrganizations {
  const idOf = (code: string, field: string) => {
    const organization = found.get(code);
    if (!organization) throw ValidationError.field(field, `unknown organization: ${code}`);
    return organization.id;
  };
  return {
    convenerId: idOf(input.convenerCode, 'convenerCode'),
    participants: [...new Set(input.participatingOrgCodes)].map((code) => ({
      id: idOf(code, 'participatingOrgCodes'),
      code,
    })),
    idByCode: new Map([...found.entries()].map(([code, organization]) => [code, organization.id])),
  };
}

/** The row's content as the input gives it, at the fund's current indirect rate. */
export function contentOf(
  input: ProposalInput,
  organizations: ResolvedOrganizations,
  indirectRate: string,
): ProposalContent {
  const endorsement = input.governmentEndorsement ?? null;
  return {
    title: input.title.trim(),
    summary: input.summary.trim(),
    stage: input.stage,
    scope: input.scope,
    thematicAreaCode: input.thematicAreaCode,
    convenerOrgId: organizations.convenerId,
    durationMonths: input.durationMonths,
    markerGender: input.markers.gender,
    markerHumanRights: input.markers.humanRights,
    markerChildSensitivity: input.markers.childSensitivity,
    governmentEndorsed: endorsement ? endorsement.endorsed : null,
    governmentEndorsementDate: endorsement?.date ?? null,
    indirectRate,
  };
}

/** The child rows as the input gives them: codes once each, names trimmed. */
export function partsOf(
  input: ProposalInput,
  organizations: ResolvedOrganizations,
  lines: BudgetLineInput[],
): ProposalParts {
  return {
    countryCodes: [...new Set(input.countryCodes)],
    gcmObjectiveCodes: [...new Set(input.gcmObjectiveCodes)],
    participantIds: organizations.participants.map((participant) => participant.id),
    budgetLines: lines.map((line) => ({
      organizationId: organizations.idByCode.get(line.orgCode) as string,
      categoryCode: line.categoryCode,
      amount: line.amount,
    })),
    partners: (input.nationalPartners ?? []).map((partner) => ({
      name: partner.name.trim(),
      type: partner.type,
    })),
  };
}

/** The stored proposal with the patch applied, as a full input. */
export function mergedInput(record: ProposalRecord, patch: ProposalPatch): ProposalInput {
  const { proposal } = record;
  return {
    title: patch.title ?? proposal.title,
    summary: patch.summary ?? proposal.summary,
    stage: patch.stage ?? proposal.stage,
    scope: patch.scope ?? proposal.scope,
    countryCodes: patch.countryCodes ?? record.countryCodes,
    thematicAreaCode: patch.thematicAreaCode ?? proposal.thematicAreaCode,
    gcmObjectiveCodes: patch.gcmObjectiveCodes ?? record.gcmObjectiveCodes,
    convenerCode: patch.convenerCode ?? record.convenerCode,
    participatingOrgCodes: patch.participatingOrgCodes ?? record.participants.map((p) => p.code),
    durationMonths: patch.durationMonths ?? proposal.durationMonths,
    markers: { ...markersOf(proposal), ...(patch.markers ?? {}) },
    governmentEndorsement:
      patch.governmentEndorsement !== undefined ? patch.governmentEndorsement : endorsementOf(proposal),
    budgetLines:
      patch.budgetLines ??
      record.budgetLines.map((l) => ({
        orgCode: l.orgCode,
        categoryCode: l.categoryCode,
        amount: formatMoney(l.amount),
      })),
    nationalPartners: patch.nationalPartners ?? record.nationalPartners,
  };
}

export function participationOf(record: ProposalRecord): Participation {
  return { convenerCode: record.convenerCode, participatingOrgCodes: record.participants.map((p) => p.code) };
}

/** 403 naming each field and rule when the edit (or creation: `before` null) changes who takes part as it may not. */
export function assertParticipation(
  user: AuthUser,
  before: Participation | null,
  after: Participation,
): void {
  const problems = participationViolations(user.organizationCode, before, after);
  if (problems.length)
    throw new ForbiddenError(
      problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '),
      problems,
    );
}

/**
 * The record a new proposal's insert stores, known before the insert (the database adds only its
 * reference and times): what create audits in the insert's own statement. It reads back as
 * `recordPartsSql` orders it: countries and objectives sorted, PUNOs and partners as given, budget
 * lines by PUNO (others after them, by code) then category; `intake-lifecycle.e2e-spec.ts` checks
 * the audited view equals a later read.
 */
export function draftRecord(
  proposal: { id: string; createdBy: string; content: ProposalContent },
  input: ProposalInput,
  organizations: ResolvedOrganizations,
  parts: ProposalParts,
  lines: BudgetLineInput[],
): ProposalRecord {
  const position = new Map(organizations.participants.map((p, index) => [p.code, index]));
  const rank = (code: string) => position.get(code) ?? Number.MAX_SAFE_INTEGER;
  const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    proposal: Object.assign(new Proposal(), {
      id: proposal.id,
      reference: '',
      ...proposal.content,
      status: ProposalStatus.DRAFT,
      version: 0,
      reviewDueDate: null,
      startDate: null,
      submittedAt: null,
      createdBy: proposal.createdBy,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    }),
    convenerCode: input.convenerCode,
    participants: organizations.participants.map((p) => ({ id: p.id, code: p.code })),
    countryCodes: [...parts.countryCodes].sort(byCodeUnits),
    gcmObjectiveCodes: [...parts.gcmObjectiveCodes].sort((a, b) => a - b),
    budgetLines: [...lines].sort(
      (a, b) =>
        rank(a.orgCode) - rank(b.orgCode) ||
        byCodeUnits(a.orgCode, b.orgCode) ||
        a.categoryCode - b.categoryCode,
    ),
    nationalPartners: parts.partners.map((p) => ({ name: p.name, type: p.type })),
  };
}
