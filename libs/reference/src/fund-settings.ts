import { formatMoney } from '@mptf/platform';
import { FundSettingsRow } from './reference.entities';

/** The fund settings as the API and the domain rules see them (money as decimal strings). */
export interface FundSettings {
  minParticipatingOrganizations: number;
  minMarkers: { gender: number; humanRights: number; childSensitivity: number };
  budgetCeiling: string;
  minDurationMonths: number;
  maxDurationMonths: number;
  indirectRate: string;
  aaFeeRate: string;
  reviewWindowDays: number;
  expenditureDeadline: string;
  /** YYYY-MM-DD: no money entry may be dated before it. */
  inceptionDate: string;
  /** The largest amount (US$, and in the original currency) one money entry may carry. */
  maxEntryAmount: string;
  /** The Administrative Agent as the donor reports name it. */
  administrativeAgentName: string;
  /** The fund's IATI organisation identifier (null: the IATI_ORG_PREFIX setting). */
  iatiOrganisationId: string | null;
  /** Contact details published with the IATI activities. */
  contactEmail: string | null;
  website: string | null;
  /** The reporting calendar (MPTF Office practice; programmes lib). */
  narrativeReportDeadline: string;
  finalNarrativeMonths: number;
  finalFinancialMonths: number;
  /** Programme revisions the fund unit approves alone; above them, the Steering Committee. */
  revisionMaxMoveRate: string;
  revisionMaxExtensionMonths: number;
  revisionsPerYearByFundUnit: number;
  /** Document kinds a proposal must carry to be submitted (eligibility rule REQUIRED_DOCUMENTS). */
  requiredDocuments: string[];
}

/** An IATI organisation identifier: agency prefix and code, none of "/ & | ?" (IATI's rule). */
export const IATI_ORGANISATION_ID = /^[A-Za-z0-9]{2,}-[A-Za-z0-9]+-[^\s/&|?]+$/;

/** Trims "0.0700" to "0.07" for display, keeping it a decimal string. */
export function normalizeRate(rate: string): string {
  const [whole, fraction = ''] = rate.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed ? `${whole}.${trimmed.padEnd(2, '0')}` : `${whole}.00`;
}

export function toFundSettings(row: Omit<FundSettingsRow, 'id' | 'updatedAt'>): FundSettings {
  return {
    minParticipatingOrganizations: row.minParticipatingOrganizations,
    minMarkers: {
      gender: row.minMarkerGender,
      humanRights: row.minMarkerHumanRights,
      childSensitivity: row.minMarkerChildSensitivity,
    },
    budgetCeiling: formatMoney(row.budgetCeiling),
    minDurationMonths: row.minDurationMonths,
    maxDurationMonths: row.maxDurationMonths,
    indirectRate: normalizeRate(row.indirectRate),
    aaFeeRate: normalizeRate(row.aaFeeRate),
    reviewWindowDays: row.reviewWindowDays,
    expenditureDeadline: row.expenditureDeadline,
    inceptionDate: row.inceptionDate,
    maxEntryAmount: formatMoney(row.maxEntryAmount),
    administrativeAgentName: row.administrativeAgentName,
    iatiOrganisationId: row.iatiOrganisationId,
    contactEmail: row.contactEmail,
    website: row.website,
    narrativeReportDeadline: row.narrativeReportDeadline,
    finalNarrativeMonths: row.finalNarrativeMonths,
    finalFinancialMonths: row.finalFinancialMonths,
    revisionMaxMoveRate: normalizeRate(row.revisionMaxMoveRate),
    revisionMaxExtensionMonths: row.revisionMaxExtensionMonths,
    revisionsPerYearByFundUnit: row.revisionsPerYearByFundUnit,
    requiredDocuments: [...(row.requiredDocumentKinds ?? [])],
  };
}
