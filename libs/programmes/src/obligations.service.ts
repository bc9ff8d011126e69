import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '@mptf/identity';
import { Clock, ForbiddenError, NotFoundError, Page, pageOf } from '@mptf/platform';
import { PROGRAMME_STATUSES, ProposalStatus, ProposalStatusService } from '@mptf/proposals';
import { ReferenceService } from '@mptf/reference';
import { DataSource, EntityManager } from 'typeorm';
import { expectedObligations, ObligationStatus } from './obligation-schedule';
import { ObligationFilter, ObligationsRepository, ObligationView } from './obligations.repository';
import { ProgrammeFacts, ProgrammeFactsRepository } from './programme-facts.repository';
import { ProgrammeVersionsService } from './programme-versions.service';
import { listScope, mayReadProgrammeWork } from './programmes-access';

export type ObligationQuery = Pick<ObligationFilter, 'status' | 'q' | 'sort' | 'page' | 'pageSize'> & {
  programmeId?: string;
  orgCode?: string;
};

export interface BackfillSummary {
  /** Started programmes looked at. */
  programmes: number;
  /** Those whose obligations changed. */
  changed: number;
  /** Obligations added (less any cancelled). */
  created: number;
}

/** Statuses in which a programme owes reports (it has started). */
const REPORTING_STATUSES: readonly string[] = [
  ProposalStatus.ACTIVE,
  ProposalStatus.OPERATIONALLY_CLOSED,
  ProposalStatus.FINANCIALLY_CLOSED,
];

/**
 * The reporting calendar. A programme's obligations are created when its first transfer makes it
 * ACTIVE, re-dated at its operational closure and when an extension changes its end date, and
 * cancelled (untouched ones) if it goes back to APPROVED; every time through `reconcile`, so
 * running it twice changes nothing.
 */
@Injectable()
export class ObligationsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statuses: ProposalStatusService,
    private readonly facts: ProgrammeFactsRepository,
    private readonly obligations: ObligationsRepository,
    private readonly versions: ProgrammeVersionsService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.statuses.onChange(async (manager, change) => {
      if (change.to === ProposalStatus.OPERATIONALLY_CLOSED)
        await this.facts.setClosedOn(manager, change.proposalId, this.clock.today());
      else if (change.from === ProposalStatus.OPERATIONALLY_CLOSED && change.to === ProposalStatus.ACTIVE)
        await this.facts.setClosedOn(manager, change.proposalId, null);
      if (PROGRAMME_STATUSES.includes(change.to) || PROGRAMME_STATUSES.includes(change.from))
        await this.reconcile(manager, change.proposalId);
    });
  }

  /** Brings a programme's obligations in line with its dates, PUNOs and the fund settings. */
  async reconcile(manager: EntityManager, programmeId: string): Promise<void> {
    const facts = await this.facts.find(manager, programmeId);
    if (!facts) return;
    const endDate = await this.versions.endDateInForce(manager, facts);
    if (!REPORTING_STATUSES.includes(facts.status) || !facts.startDate || !endDate) {
      await this.obligations.cancelAll(manager, programmeId);
      return;
    }
    const settings = await this.reference.fundSettings(manager);
    const expected = expectedObligations(
      {
        startDate: facts.startDate,
        endDate,
        closedOn: facts.closedOn,
        punoIds: facts.punos.map((p) => p.id),
      },
      settings,
    );
    await this.obligations.reconcile(manager, programmeId, expected);
  }

  /**
   * Production backfill: programmes that became active before the calendar existed have no
   * obligations. Reconciles every started programme, one transaction each under its row lock
   * (as a status change would), so running it again, or beside the application, adds nothing.
   */
  async backfill(progress: (line: string) => void = () => undefined): Promise<BackfillSummary> {
    const programmes = await this.facts.started(this.dataSource.manager, REPORTING_STATUSES);
    const summary: BackfillSummary = { programmes: programmes.length, changed: 0, created: 0 };
    for (const [index, programme] of programmes.entries()) {
      const created = await this.dataSource.transaction(async (manager) => {
        await this.statuses.lock(manager, programme.id);
        const before = await this.obligations.openCount(manager, programme.id);
        await this.reconcile(manager, programme.id);
        return (await this.obligations.openCount(manager, programme.id)) - before;
      });
      if (created !== 0) summary.changed += 1;
      summary.created += created;
      progress(
        `[${index + 1}/${programmes.length}] ${programme.reference}: ${created > 0 ? `${created} obligation(s) created` : created < 0 ? `${-created} cancelled` : 'up to date'}`,
      );
    }
    return summary;
  }

  async ofProgramme(
    user: AuthUser,
    programmeId: string,
    query: ObligationQuery,
  ): Promise<Page<ObligationView>> {
    await this.visibleProgramme(user, programmeId);
    return this.list(user, { ...query, programmeId });
  }

  /** Fund-wide for the fund unit and the AA, the own agency's programmes for a focal point. */
  async list(user: AuthUser, query: ObligationQuery): Promise<Page<ObligationView>> {
    const scope = listScope(user);
    const { items, total } = await this.obligations.list(this.dataSource.manager, {
      today: this.clock.today(),
      programmeId: query.programmeId,
      status: query.status,
      organizationCode: query.orgCode,
      scopeOrganizationId: scope === 'ALL' ? undefined : scope.organizationId,
      q: query.q,
      sort: query.sort,
      page: query.page,
      pageSize: query.pageSize,
    });
    return pageOf(items, total, query);
  }

  /** How many obligations are in each status, in the caller's scope (home and portfolio views). */
  counts(user: AuthUser): Promise<Record<ObligationStatus, number>> {
    const scope = listScope(user);
    return this.obligations.counts(
      this.dataSource.manager,
      this.clock.today(),
      scope === 'ALL' ? undefined : scope.organizationId,
    );
  }

  /**
   * Late reports of a reporting year as of `today` (overdue, or submitted after their due date),
   * for the annual consolidated report; read in the report's snapshot.
   */
  async lateReports(manager: EntityManager, year: number, today: string): Promise<ObligationView[]> {
    const { items } = await this.obligations.list(manager, {
      today,
      year,
      late: true,
      page: 1,
      pageSize: 1000,
    });
    return items;
  }

  /** 404 for an unknown programme or one not yet approved, 403 outside the caller's agency. */
  async visibleProgramme(
    user: AuthUser,
    programmeId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProgrammeFacts> {
    const facts = await this.facts.find(manager, programmeId);
    if (!facts || !PROGRAMME_STATUSES.includes(facts.status as ProposalStatus))
      throw new NotFoundError('Programme', programmeId);
    if (!mayReadProgrammeWork(user, facts))
      throw new ForbiddenError(
        'Only the agencies taking part in this programme, and the fund unit, see its reporting',
        [
          {
            rule: 'OWN_AGENCY',
            message: 'your agency is not a participating organization of this programme',
          },
        ],
      );
    return facts;
  }
}
