import type { Page } from '@mptf/platform';
import { formatMoney } from '@mptf/platform';
import { ProposalStatus } from '@mptf/proposals';
import { programmeFigures, ProgrammeMoneyCents } from './fund-math';
import { MOVEMENT_KINDS } from './ledger-kind';

/** The money of a programme (or of one PUNO on it) as the API shows it. */
export interface MoneyFigures {
  allocated: string;
  transferred: string;
  refunded: string;
  netFunded: string;
  expenditure: string;
  deliveryRate: string;
}

export interface ProgrammeSummary extends MoneyFigures {
  id: string;
  reference: string;
  title: string;
  status: ProposalStatus;
  scope: string;
  thematicAreaCode: number;
  convenerCode: string;
  organizationCodes: string[];
  countryCodes: string[];
  startDate: string | null;
}

export interface PunoFigures extends MoneyFigures {
  orgCode: string;
  name: string;
  /** Allocated, not yet transferred. */
  untransferred: string;
  /** Held by the PUNO: net funded − expenditure. */
  balance: string;
}

export interface MovementSummary {
  id: string;
  kind: `${(typeof MOVEMENT_KINDS)[number]}`;
  orgCode: string;
  /** Negative on a reversing entry. */
  amount: string;
  date: string;
  /** Set when the movement was reversed: the id of the reversing entry. */
  reversedBy: string | null;
  /** Set on a reversing entry: the id of the movement it reverses. */
  reverses: string | null;
  /** Why it was reversed (on the reversing entry). */
  reason: string | null;
}

export interface ProgrammeDetail extends ProgrammeSummary {
  gcmObjectiveCodes: number[];
  untransferred: string;
  balance: string;
  organizations: PunoFigures[];
  /** Allocations, transfers and refunds in date order, with their reversals. */
  movements: MovementSummary[];
}

export interface ProgrammeQuery {
  status?: ProposalStatus;
  thematicArea?: number;
  /** Programmes this organization (code) takes part in, as PUNO or convener. */
  organization?: string;
  /** Reference, title, country or PUNO code; prefixes match. */
  q?: string;
  /** `field` or `-field`, several comma-separated (PROGRAMME_SORT_FIELDS). */
  sort?: string;
  page: number;
  pageSize: number;
}

/** A page of programmes with the money of the whole filtered list (not just the page). */
export interface ProgrammePage extends Page<ProgrammeSummary> {
  totals: MoneyFigures;
}

export enum PortfolioDimension {
  THEMATIC_AREA = 'thematicArea',
  GCM_OBJECTIVE = 'gcmObjective',
  REGION = 'region',
  COUNTRY = 'country',
  ORGANIZATION = 'organization',
  STATUS = 'status',
}

export interface PortfolioGroup {
  key: string | number;
  label: string;
  programmes: number;
  allocated: string;
  transferred: string;
  expenditure: string;
  deliveryRate: string;
}

/** Programmes without any country (global scope) fall in this group for region and country. */
export const GLOBAL_GROUP = { key: 'GLOBAL', label: 'Global' };

/** A programme's (or PUNO's) money as the API shows it: decimal strings and the delivery rate. */
export function moneyFigures(money: ProgrammeMoneyCents): MoneyFigures {
  const figures = programmeFigures(money);
  return {
    allocated: formatMoney(figures.allocated),
    transferred: formatMoney(figures.transferred),
    refunded: formatMoney(figures.refunded),
    netFunded: formatMoney(figures.netFunded),
    expenditure: formatMoney(figures.expenditure),
    deliveryRate: figures.deliveryRate,
  };
}
