import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FinanceService, programmeAllocations } from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { Permission, UsersService } from '@mptf/identity';
import { Clock, formatMoney, NotFoundError, parseMoney } from '@mptf/platform';
import { MarkersView, ProposalQueriesService, ProposalStatus } from '@mptf/proposals';
import { DataSource, EntityManager } from 'typeorm';
import { BalanceItem, balanceIfApproved, BalanceShares, GLOBAL_REGION } from './balance';
import { MeetingsService } from './meetings.service';
import { DecisionPackRepository } from './repositories/decision-pack.repository';
import { DecisionRepository } from './repositories/decision.repository';
import { ReviewFacts, ReviewRepository } from './repositories/review.repository';
import { DecisionCapacity, decisionAuthority, reviewVisibility, ReviewVisibility } from './review-access';
import { Recommendation, summarizeReviews } from './scoring';

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
  /** Funds available to its thematic area (unearmarked + earmarked for it). */
  availableForArea: string;
  /** Its requested total fits the funds available to its area. */
  fundable: boolean;
  /** The decision recorded on it at this meeting, if any. */
  decision: { id: string; outcome: string; decidedAt: string } | null;
}

export interface DecisionPack {
  meeting: { id: string; title: string; date: string };
  generatedAt: string;
  proposals: PackProposal[];
  /**
   * Shares of allocated US$ (decimal strings, four decimals, summing to 1 within rounding):
   * current = programmes' allocations; ifApproved[id] = current + that proposal's requested total.
   * By region an amount is split evenly across the programme's countries, each part in the
   * country's region ('Global' without countries). See balance.ts.
   */
  balance: { current: BalanceShares; ifApproved: Record<string, BalanceShares> };
  /** Allocated US$ behind the current shares. */
  allocatedTotal: string;
  /** Funds available for new allocations in the whole fund, US$. */
  availableFunds: string;
  availableFundsByThematicArea: Record<string, string>;
}

/**
 * The decision pack of a meeting: the agenda's proposals side by side and what approving each
 * would do to the portfolio's balance, with the funds available. `pack` reads in the caller's
 * transaction (the reporting module runs it in its REPEATABLE READ snapshot); `read` opens one.
 */
@Injectable()
export class DecisionPackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DecisionPackRepository,
    private readonly reviewRows: ReviewRepository,
    private readonly decisionRows: DecisionRepository,
    private readonly users: UsersService,
    private readonly meetings: MeetingsService,
    private readonly proposals: ProposalQueriesService,
    private readonly finance: FinanceService,
    private readonly clock: Clock,
  ) {}

  /** One consistent snapshot of the pack (REPEATABLE READ), as `viewer` may see it. */
  async read(viewer: AuthUser, meetingId: string): Promise<DecisionPack> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.pack(manager, meetingId, viewer));
  }

  /**
   * The pack with each proposal's review summary as `viewer` may see it (reviewVisibility); with
   * `viewer` null, every summary: for the DECISION_PACK report, which only readers who see every
   * review may generate or read (report-access.ts).
   */
  async pack(manager: EntityManager, meetingId: string, viewer: AuthUser | null): Promise<DecisionPack> {
    const meeting = await this.meetings.find(manager, meetingId);
    if (!meeting) throw new NotFoundError('Meeting', meetingId);
    const ids = await this.meetings.agendaIds(manager, meetingId);

    const areas = await this.repository.thematicAreas(manager);
    // Regions the fund works in (of any proposal's countries), so the breakdown lists them all.
    const groups = {
      thematicAreaCodes: areas.map((area) => area.code),
      regions: [...(await this.repository.regionsInUse(manager)), GLOBAL_REGION],
    };
    const current = await this.currentAllocations(manager);
    const available = await this.finance.availableFundsByArea(manager);

    const decisions = await this.decisionRows.latestOfMeeting(manager, meetingId);
    const decisionOf = new Map(decisions.map((row) => [row.proposalId, row]));

    const facts = await this.reviewRows.factsOf(manager, ids);
    const reviews = await this.reviewRows.reviews(manager, facts, {
      proposalIds: ids,
      currentRoundOnly: true,
    });
    const chairs = viewer ? await this.users.activeHolders(manager, Permission.DECISION_CHAIR) : [];

    const proposals: PackProposal[] = [];
    const requested: (BalanceItem & { proposalId: string })[] = [];
    for (const id of ids) {
      const view = await this.proposals.viewOf(manager, id);
      const countryRegions = await this.repository.regionsOf(manager, view.countryCodes);
      const ofProposal = reviews.filter((review) => review.proposalId === id);
      const proposalFacts = facts.get(id) as ReviewFacts;
      const visibility = viewer
        ? reviewVisibility(
            viewer,
            proposalFacts,
            proposalFacts.reviewRound,
            ofProposal.map((review) => review.reviewer.id),
          )
        : 'ALL';
      const summary = visibility === 'ALL' ? summarizeReviews(ofProposal) : null;
      const total = parseMoney(view.budget.total);
      const availableForArea = available.byThematicArea.get(view.thematicAreaCode) ?? available.total;
      const decision = decisionOf.get(id);
      requested.push({
        proposalId: id,
        thematicAreaCode: view.thematicAreaCode,
        countryRegions,
        amount: total,
      });
      proposals.push({
        proposalId: id,
        reference: view.reference,
        title: view.title,
        summary: view.summary,
        status: view.status,
        stage: view.stage,
        scope: view.scope,
        thematicAreaCode: view.thematicAreaCode,
        thematicAreaTitle: areas.find((area) => area.code === view.thematicAreaCode)?.shortTitle ?? '',
        gcmObjectiveCodes: view.gcmObjectiveCodes,
        countryCodes: view.countryCodes,
        regions: countryRegions.length ? [...new Set(countryRegions)] : [GLOBAL_REGION],
        convenerCode: view.convenerCode,
        participatingOrgCodes: view.participatingOrgCodes,
        durationMonths: view.durationMonths,
        markers: view.markers,
        budget: {
          total: view.budget.total,
          direct: view.budget.direct,
          indirect: view.budget.indirect,
          byOrganization: view.budget.byOrganization.map((org) => ({
            orgCode: org.orgCode,
            total: org.total,
          })),
        },
        reviewRound: proposalFacts.reviewRound,
        recordableAs: viewer ? decisionAuthority(viewer, proposalFacts, chairs).capacity : null,
        reviewVisibility: visibility,
        reviewCount: summary?.count ?? null,
        weightedScore: summary?.weightedScore ?? null,
        recommendations: summary?.recommendations ?? null,
        availableForArea: formatMoney(availableForArea),
        fundable: total <= availableForArea,
        decision: decision
          ? {
              id: decision.id,
              outcome: decision.outcome,
              decidedAt: new Date(decision.decidedAt).toISOString(),
            }
          : null,
      });
    }

    return {
      meeting,
      generatedAt: this.clock.now().toISOString(),
      proposals,
      balance: balanceIfApproved(current, requested, groups),
      allocatedTotal: formatMoney(current.reduce((sum, item) => sum + item.amount, 0n)),
      availableFunds: formatMoney(available.total),
      availableFundsByThematicArea: Object.fromEntries(
        [...available.byThematicArea].map(([code, amount]) => [String(code), formatMoney(amount)]),
      ),
    };
  }

  /** Allocations per programme (finance's ledger sums), with the region of each of its countries. */
  private async currentAllocations(manager: EntityManager): Promise<BalanceItem[]> {
    const allocated = new Map(
      (await programmeAllocations(manager)).map((row) => [row.proposalId, row.amount]),
    );
    const programmes = await this.repository.whereProposalsAre(manager, [...allocated.keys()]);
    return programmes.map((programme) => ({
      thematicAreaCode: programme.thematicAreaCode,
      countryRegions: programme.regions,
      amount: allocated.get(programme.id) ?? 0n,
    }));
  }
}
