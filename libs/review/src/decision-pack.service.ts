import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AvailableFundsService, programmeAllocations } from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { Permission, UsersService } from '@mptf/identity';
import { Clock, formatMoney, NotFoundError, parseMoney } from '@mptf/platform';
import { ProposalQueriesService } from '@mptf/proposals';
import { DataSource, EntityManager } from 'typeorm';
import { BalanceItem, balanceIfApproved, balanceShares, GLOBAL_REGION } from './balance';
import { DecisionPack, PackProposal } from './decision-pack.types';
import { DecisionPackRepository } from './repositories/decision-pack.repository';
import { DecisionRepository } from './repositories/decision.repository';
import { MeetingAsOfRow, MeetingRepository } from './repositories/meeting.repository';
import { ReviewFacts, ReviewRepository } from './repositories/review.repository';
import { decisionAuthority, reviewVisibility } from './review-access';
import { summarizeReviews } from './scoring';

export * from './decision-pack.types';

/**
 * The decision pack of a meeting: the agenda's proposals side by side and what approving each (and
 * all) would do to the portfolio's balance, with the funds available — all **as of the moment the
 * agenda was last set** (sc_meetings.agenda_set_at), so a proposal approved at the meeting is never
 * counted both in "now" and in "if approved". Once the meeting decides, the pack is kept
 * (sc_meeting_packs) and read back from there: regenerating it gives the same figures, whatever
 * happened since; only the decisions and what the reader may see are live. `pack` reads in the
 * caller's transaction (the reporting module's REPEATABLE READ snapshot); `read` opens one.
 */
@Injectable()
export class DecisionPackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DecisionPackRepository,
    private readonly reviewRows: ReviewRepository,
    private readonly decisionRows: DecisionRepository,
    private readonly meetingRows: MeetingRepository,
    private readonly users: UsersService,
    private readonly proposals: ProposalQueriesService,
    private readonly available: AvailableFundsService,
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
    const meeting = await this.meetingRows.findAsOf(manager, meetingId);
    if (!meeting) throw new NotFoundError('Meeting', meetingId);
    const kept = await this.repository.kept<DecisionPack>(manager, meetingId);
    const pack = kept
      ? { ...kept.pack, keptAt: new Date(kept.keptAt).toISOString() }
      : await this.compose(manager, meeting);
    return this.asSeenBy(manager, pack, viewer);
  }

  /**
   * Keeps the meeting's pack, as composed before its first decision, inside the decision's
   * transaction (DecisionsService); later decisions of the meeting find it kept and change nothing.
   */
  async keep(manager: EntityManager, meetingId: string): Promise<void> {
    if (await this.repository.kept(manager, meetingId)) return;
    const meeting = await this.meetingRows.findAsOf(manager, meetingId);
    if (!meeting) throw new NotFoundError('Meeting', meetingId);
    const pack = await this.compose(manager, meeting);
    await this.repository.keep(manager, meetingId, meeting.agendaSetAt, pack);
  }

  /** The pack's figures as of the meeting's agenda moment, every review summary included. */
  private async compose(manager: EntityManager, meeting: MeetingAsOfRow): Promise<DecisionPack> {
    const asOf = new Date(meeting.agendaSetAt);
    const ids = await this.meetingRows.agendaIds(manager, meeting.id);
    const areas = await this.repository.thematicAreas(manager);
    // Regions the fund works in (of any proposal's countries), so the breakdown lists them all.
    const groups = {
      thematicAreaCodes: areas.map((area) => area.code),
      regions: [...(await this.repository.regionsInUse(manager)), GLOBAL_REGION],
    };
    const allocations = await programmeAllocations(manager, asOf);
    const allocatedIds = new Set(allocations.map((row) => row.proposalId));
    const current = await this.currentAllocations(manager, allocations);
    const available = await this.available.of(manager, asOf);

    const facts = await this.reviewRows.factsOf(manager, ids);
    const reviews = await this.reviewRows.reviews(manager, facts, {
      proposalIds: ids,
      currentRoundOnly: true,
    });

    const proposals: PackProposal[] = [];
    const requested: (BalanceItem & { proposalId: string })[] = [];
    for (const id of ids) {
      const view = await this.proposals.viewOf(manager, id);
      const countryRegions = await this.repository.regionsOf(manager, view.countryCodes);
      const summary = summarizeReviews(reviews.filter((review) => review.proposalId === id));
      const total = parseMoney(view.budget.total);
      const availableForArea = available.byThematicArea.get(view.thematicAreaCode) ?? available.total;
      const alreadyAllocated = allocatedIds.has(id);
      // Already in "current": approving it again would count it twice.
      if (!alreadyAllocated)
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
        reviewRound: (facts.get(id) as ReviewFacts).reviewRound,
        recordableAs: null,
        reviewVisibility: 'ALL',
        reviewCount: summary.count,
        weightedScore: summary.weightedScore,
        recommendations: summary.recommendations,
        availableForArea: formatMoney(availableForArea),
        fundable: !alreadyAllocated && total <= availableForArea,
        alreadyAllocated,
        decision: null,
      });
    }

    const balance = balanceIfApproved(current, requested, groups);
    const allocatedTotal = current.reduce((sum, item) => sum + item.amount, 0n);
    const requestedTotal = requested.reduce((sum, item) => sum + item.amount, 0n);
    const pipeline = await this.repository.pipelineAsOf(manager, asOf);
    return {
      meeting: { id: meeting.id, title: meeting.title, date: meeting.date },
      generatedAt: this.clock.now().toISOString(),
      asOf: asOf.toISOString(),
      keptAt: null,
      proposals,
      balance: { ...balance, ifAllApproved: balanceShares([...current, ...requested], groups) },
      ifAllApproved: {
        requestedTotal: formatMoney(requestedTotal),
        allocatedTotal: formatMoney(allocatedTotal + requestedTotal),
        availableAfter: formatMoney(available.total - requestedTotal),
        fitsAvailableFunds: requestedTotal <= available.total,
      },
      pipeline: pipeline.map((item) => ({ ...item, endorsedAt: new Date(item.endorsedAt).toISOString() })),
      allocatedTotal: formatMoney(allocatedTotal),
      availableFunds: formatMoney(available.total),
      availableFundsByThematicArea: Object.fromEntries(
        [...available.byThematicArea].map(([code, amount]) => [String(code), formatMoney(amount)]),
      ),
    };
  }

  /**
   * What is live on a pack: the decisions recorded at the meeting, how the viewer may record one,
   * and whether the viewer sees the review summaries (null for OWN_ONLY readers).
   */
  private async asSeenBy(
    manager: EntityManager,
    pack: DecisionPack,
    viewer: AuthUser | null,
  ): Promise<DecisionPack> {
    const decisions = await this.decisionRows.latestOfMeeting(manager, pack.meeting.id);
    const decisionOf = new Map(decisions.map((row) => [row.proposalId, row]));
    const ids = pack.proposals.map((item) => item.proposalId);
    const facts = viewer ? await this.reviewRows.factsOf(manager, ids) : null;
    const reviewers = viewer
      ? await this.reviewRows.reviews(manager, facts as Map<string, ReviewFacts>, {
          proposalIds: ids,
          currentRoundOnly: true,
        })
      : [];
    const chairs = viewer ? await this.users.activeHolders(manager, Permission.DECISION_CHAIR) : [];
    return {
      ...pack,
      generatedAt: this.clock.now().toISOString(),
      proposals: pack.proposals.map((item) => {
        const decision = decisionOf.get(item.proposalId);
        const live = {
          ...item,
          decision: decision
            ? {
                id: decision.id,
                outcome: decision.outcome,
                decidedAt: new Date(decision.decidedAt).toISOString(),
              }
            : null,
        };
        if (!viewer || !facts) return live;
        const proposalFacts = facts.get(item.proposalId) as ReviewFacts;
        const visibility = reviewVisibility(
          viewer,
          proposalFacts,
          proposalFacts.reviewRound,
          reviewers
            .filter((review) => review.proposalId === item.proposalId)
            .map((review) => review.reviewer.id),
        );
        return {
          ...live,
          recordableAs: decisionAuthority(viewer, proposalFacts, chairs).capacity,
          reviewVisibility: visibility,
          ...(visibility === 'ALL' ? {} : { reviewCount: null, weightedScore: null, recommendations: null }),
        };
      }),
    };
  }

  /** Allocations per programme (finance's ledger sums as of the pack), with the region of each of its countries. */
  private async currentAllocations(
    manager: EntityManager,
    allocations: { proposalId: string; amount: bigint }[],
  ): Promise<BalanceItem[]> {
    const allocated = new Map(allocations.map((row) => [row.proposalId, row.amount]));
    const programmes = await this.repository.whereProposalsAre(manager, [...allocated.keys()]);
    return programmes.map((programme) => ({
      thematicAreaCode: programme.thematicAreaCode,
      countryRegions: programme.regions,
      amount: allocated.get(programme.id) ?? 0n,
    }));
  }
}
