import { MarkersView, ProposalStatus } from '@mptf/proposals';
import { BalanceShares } from './balance';
import { DecisionCapacity, ReviewVisibility } from './review-access';
import { Recommendation } from './scoring';

export interface PackProposal {
  proposalId: string;
  reference: string;
  title: string;
  summary: string;
  status: ProposalStatus;
  stage: string;
  scope: string;
  thematicAreaCode: number;
  thematicAreaTitle: string;
  gcmObjectiveCodes: number[];
  countryCodes: string[];
  /** Distinct UN M49 regions of its countries; ['Global'] without countries. */
  regions: string[];
  convenerCode: string;
  participatingOrgCodes: string[];
  durationMonths: number;
  markers: MarkersView;
  budget: {
    total: string;
    direct: string;
    indirect: string;
    byOrganization: { orgCode: string; total: string }[];
  };
  reviewRound: number;
  /** How the caller may record its decision (decisionAuthority): CHAIR, ACTING_CHAIR, or null. */
  recordableAs: DecisionCapacity | null;
  /**
   * Whether the caller sees the current round's reviews (the rule of GET /proposals/:id/reviews):
   * with OWN_ONLY, reviewCount, weightedScore and recommendations are null.
   */
  reviewVisibility: ReviewVisibility;
  reviewCount: number | null;
  /** Mean weighted score of the counted reviews of the current round, 0–100, two decimals (null: none). */
  weightedScore: string | null;
  recommendations: Record<Recommendation, number> | null;
  /** Funds available to its thematic area (unearmarked + earmarked for it) as of the pack. */
  availableForArea: string;
  /** Its requested total fits the funds available to its area as of the pack (false once allocated). */
  fundable: boolean;
  /** It already had an allocation as of the pack (a pipeline proposal funded before): in "current", not added again. */
  alreadyAllocated: boolean;
  /** The decision recorded on it at this meeting, if any. */
  decision: { id: string; outcome: string; decidedAt: string } | null;
}

export interface PackPipelineItem {
  proposalId: string;
  reference: string;
  title: string;
  thematicAreaCode: number;
  total: string;
  endorsedAt: string;
}

export interface DecisionPack {
  meeting: { id: string; title: string; date: string };
  generatedAt: string;
  /**
   * The moment the pack's figures stand for: when the agenda was last set (sc_meetings.agenda_set_at).
   * Funds, portfolio and pipeline count only what was recorded by then.
   */
  asOf: string;
  /** When the pack was kept (the meeting's first decision); null while the meeting has not decided. */
  keptAt: string | null;
  proposals: PackProposal[];
  /**
   * Shares of allocated US$ (decimal strings, four decimals, summing to 1 within rounding):
   * current = programmes' allocations; ifApproved[id] = current + that proposal's requested total.
   * By region an amount is split evenly across the programme's countries, each part in the
   * country's region ('Global' without countries). See balance.ts.
   */
  balance: {
    current: BalanceShares;
    ifApproved: Record<string, BalanceShares>;
    ifAllApproved: BalanceShares;
  };
  /** If every proposal on the agenda not yet allocated were approved as requested. */
  ifAllApproved: {
    requestedTotal: string;
    allocatedTotal: string;
    /** Available funds (whole fund) less the requested total; negative when they do not all fit. */
    availableAfter: string;
    fitsAvailableFunds: boolean;
  };
  /** The pipeline as it stood at `asOf` (endorsed, waiting for money). */
  pipeline: PackPipelineItem[];
  /** Allocated US$ behind the current shares. */
  allocatedTotal: string;
  /** Funds available for new allocations in the whole fund, US$. */
  availableFunds: string;
  availableFundsByThematicArea: Record<string, string>;
}
