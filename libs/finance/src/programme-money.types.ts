import { Cents } from '@mptf/platform';
import { ProposalStatus } from '@mptf/proposals';
import { FundEntryKind } from './ledger-kind';

export interface MoneyMovementInput {
  orgCode: string;
  amount: Cents;
  date: string;
}

export interface MovementView {
  id: string;
  programmeId: string;
  kind: 'TRANSFER' | 'REFUND';
  orgCode: string;
  amount: string;
  date: string;
  programmeStatus: ProposalStatus;
  /** Set when the movement was reversed: the id of the reversing entry. */
  reversedBy: string | null;
  /** Set on a reversing entry: the id of the movement it reverses (its amount is negative). */
  reverses: string | null;
  /** Why it was reversed (on the reversing entry). */
  reason: string | null;
}

export interface ExpenditureInput {
  orgCode: string;
  year: number;
  lines: { categoryCode: number; amount: Cents }[];
}

export interface ExpenditureReportView {
  id: string;
  programmeId: string;
  orgCode: string;
  year: number;
  version: number;
  /** True for the version that counts (the latest of its year). */
  current: boolean;
  lines: { categoryCode: number; amount: string }[];
  total: string;
  submittedAt: string;
  submittedBy: string | null;
  /** Set when the report was reversed: the id of the report (version) that reversed it. */
  reversedBy: string | null;
  /** Set on a reversing version: the id of the report it reverses (its lines are empty). */
  reverses: string | null;
  /** Why it was reversed (on the reversing version). */
  reason: string | null;
}

export enum ClosureKind {
  OPERATIONAL = 'OPERATIONAL',
  FINANCIAL = 'FINANCIAL',
}

export interface FundEntryInput {
  kind: FundEntryKind;
  amount: Cents;
  date: string;
  description?: string | null;
}

export interface FundEntryView {
  id: string;
  kind: FundEntryKind;
  amount: string;
  date: string;
  description: string | null;
  recordedAt: string;
  /** Set when the entry was reversed: the id of the reversing entry. */
  reversedBy: string | null;
  /** Set on a reversing entry: the id of the entry it reverses (its amount is negative). */
  reverses: string | null;
  /** Why it was reversed (on the reversing entry). */
  reason: string | null;
}

export interface FundEntryQuery {
  kind?: FundEntryKind;
  year?: number;
  page: number;
  pageSize: number;
}

/** Interest a PUNO earned on the fund's money it holds, as the AA records it. */
export interface AgencyInterestInput {
  orgCode: string;
  amount: Cents;
  date: string;
  description?: string | null;
}

export interface AgencyInterestView {
  id: string;
  orgCode: string;
  orgName: string;
  amount: string;
  date: string;
  description: string | null;
  recordedAt: string;
  /** Set when the entry was reversed: the id of the reversing entry. */
  reversedBy: string | null;
  /** Set on a reversing entry: the id of the entry it reverses (its amount is negative). */
  reverses: string | null;
  /** Why it was reversed (on the reversing entry). */
  reason: string | null;
}

export interface AgencyInterestQuery {
  organization?: string;
  year?: number;
  page: number;
  pageSize: number;
}
