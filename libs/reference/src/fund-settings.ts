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
  /** Document kinds a proposal must carry to be submitted (eligibility rule REQUIRED_DOCUMENTS). */
  requiredDocuments: string[];
}

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
    requiredDocuments: [...(row.requiredDocumentKinds ?? [])],
  };
}
