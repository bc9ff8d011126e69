import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FinanceService } from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { Clock, formatMoney, NotFoundError, parseMoney } from '@mptf/platform';
import { MarkersView, ProposalsService, ProposalStatus } from '@mptf/proposals';
import { DataSource, EntityManager } from 'typeorm';
import { BalanceItem, balanceIfApproved, BalanceShares, GLOBAL_REGION } from './balance';
import { MeetingsService } from './meetings.service';
import { reviewVisibility, ReviewVisibility } from './queue-rules';
import { DecisionCapacity, decisionAuthority } from './decision-rules';
import { loadActiveChairs, loadReviewFacts, loadReviews, ReviewFacts } from './review-records';
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
    private readonly meetings: MeetingsService,
    private readonly proposals: ProposalsService,
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

    const areas = (await manager.query('SELECT code, short_title FROM thematic_areas ORDER BY code')) as {
      code: number;
      short_title: string;
    }[];
    // Regions the fund works in (of any proposal's countries), so the breakdown lists them all.
    const regionRows = (await manager.query(
      'SELECT DISTINCT c.region FROM proposal_countries pc JOIN countries c ON c.code = pc.country_code ORDER BY 1',
    )) as {
      region: string;
    }[];
    const groups = {
      thematicAreaCodes: areas.map((area) => area.code),
      regions: [...regionRows.map((row) => row.region), GLOBAL_REGION],
    };
    const current = await this.currentAllocations(manager);
    const available = await this.finance.availableFundsByArea(manager);

    const decisions = (await manager.query(
      `SELECT DISTINCT ON (proposal_id) id, proposal_id, outcome, decided_at FROM sc_decisions
        WHERE meeting_id = $1 ORDER BY proposal_id, decided_at DESC`,
      [meetingId],
    )) as { id: string; proposal_id: string; outcome: string; decided_at: Date }[];
    const decisionOf = new Map(decisions.map((row) => [row.proposal_id, row]));

    const facts = new Map<string, ReviewFacts>();
    for (const id of ids) facts.set(id, (await loadReviewFacts(manager, id)) as ReviewFacts);
    const reviews = await loadReviews(manager, facts, { proposalIds: ids, currentRoundOnly: true });
    const chairs = viewer ? await loadActiveChairs(manager) : [];

    const proposals: PackProposal[] = [];
    const requested: (BalanceItem & { proposalId: string })[] = [];
    for (const id of ids) {
      const view = await this.proposals.viewOf(manager, id);
      const countryRegions = await this.regionsOf(manager, view.countryCodes);
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
        thematicAreaTitle: areas.find((area) => area.code === view.thematicAreaCode)?.short_title ?? '',
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
              decidedAt: new Date(decision.decided_at).toISOString(),
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

  /** Allocations per programme (ledger sums), with the region of each of its countries. */
  private async currentAllocations(manager: EntityManager): Promise<BalanceItem[]> {
    const rows = (await manager.query(
      `SELECT p.id, p.thematic_area_code, a.amount::text AS amount,
              array(SELECT c.region FROM proposal_countries pc JOIN countries c ON c.code = pc.country_code
                     WHERE pc.proposal_id = p.id ORDER BY pc.country_code) AS regions
         FROM (SELECT proposal_id, sum(amount) AS amount FROM ledger_entries
                WHERE kind = 'ALLOCATION' AND proposal_id IS NOT NULL GROUP BY proposal_id) a
         JOIN proposals p ON p.id = a.proposal_id
        WHERE a.amount > 0
        ORDER BY p.reference`,
    )) as { id: string; thematic_area_code: number; amount: string; regions: string[] }[];
    return rows.map((row) => ({
      thematicAreaCode: row.thematic_area_code,
      countryRegions: row.regions,
      amount: BigInt(row.amount),
    }));
  }

  private async regionsOf(manager: EntityManager, countryCodes: string[]): Promise<string[]> {
    if (countryCodes.length === 0) return [];
    const rows = (await manager.query(
      'SELECT code, region FROM countries WHERE code = ANY($1) ORDER BY code',
      [countryCodes],
    )) as { code: string; region: string }[];
    return rows.map((row) => row.region);
  }
}
