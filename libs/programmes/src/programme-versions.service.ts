import { Injectable } from '@nestjs/common';
import { formatMoney } from '@mptf/platform';
import { ProposalQueriesService } from '@mptf/proposals';
import { addDays, addMonths, ResultsMatrixService } from '@mptf/results';
import { EntityManager } from 'typeorm';
import { ProgrammeFacts, ProgrammeFactsRepository } from './programme-facts.repository';
import { diffVersions, ProgrammeVersion } from './programme-version';
import { RevisionsRepository } from './revisions.repository';

export interface VersionEntry {
  /** 0: the approved proposal; n: the n-th approved revision's version. */
  version: number;
  revisionId: string | null;
  revisionNumber: number | null;
  kind: string | null;
  /** The date it came into force (its approval; the start date for version 0). */
  inForceFrom: string | null;
  content: ProgrammeVersion;
  changes: ReturnType<typeof diffVersions>;
}

/** The versions of a programme: the approved proposal, then one per approved revision. */
@Injectable()
export class ProgrammeVersionsService {
  constructor(
    private readonly proposals: ProposalQueriesService,
    private readonly matrices: ResultsMatrixService,
    private readonly revisions: RevisionsRepository,
    private readonly facts: ProgrammeFactsRepository,
  ) {}

  /**
   * The version of a programme in force on `date` with its end date, for the reporting lib (in its
   * snapshot, no user check: the report's reader rule applies); null for no programme.
   */
  async inForceOn(
    manager: EntityManager,
    programmeId: string,
    date: string,
  ): Promise<(VersionEntry & { of: number }) | null> {
    const facts = await this.facts.find(manager, programmeId);
    if (!facts) return null;
    const history = await this.history(manager, facts);
    const entry = history.filter((e) => e.version === 0 || (e.inForceFrom ?? '') <= date).at(-1)!;
    return { ...entry, of: history.length - 1 };
  }

  /** The planned end date of the approved proposal: start + duration − 1 day (as results' window). */
  originalEndDate(facts: Pick<ProgrammeFacts, 'startDate' | 'durationMonths'>): string | null {
    return facts.startDate ? addDays(addMonths(facts.startDate, facts.durationMonths), -1) : null;
  }

  async original(manager: EntityManager, facts: ProgrammeFacts): Promise<ProgrammeVersion> {
    const record = await this.proposals.requireRecord(manager, facts.id);
    const matrix = await this.matrices.read(facts.id, manager);
    return {
      endDate: this.originalEndDate(facts) ?? '',
      budgetLines: record.budgetLines
        .filter((line) => line.categoryCode <= 7)
        .map((line) => ({
          orgCode: line.orgCode,
          categoryCode: line.categoryCode,
          amount: formatMoney(line.amount),
        })),
      additionalFunding: [],
      results: matrix.results.map((r) => ({
        key: r.key,
        type: r.type as 'OUTCOME' | 'OUTPUT',
        title: r.title,
        parentKey: r.parentKey,
        indicators: r.indicators.map((i) => ({ key: i.key, title: i.title })),
      })),
    };
  }

  async history(manager: EntityManager, facts: ProgrammeFacts): Promise<VersionEntry[]> {
    const approved = await this.revisions.approved(manager, facts.id);
    const first = approved.length ? approved[0].beforeVersion : await this.original(manager, facts);
    const entries: VersionEntry[] = [
      {
        version: 0,
        revisionId: null,
        revisionNumber: null,
        kind: null,
        inForceFrom: facts.startDate,
        content: first,
        changes: [],
      },
    ];
    approved.forEach((revision, index) => {
      entries.push({
        version: index + 1,
        revisionId: revision.id,
        revisionNumber: revision.number,
        kind: revision.kind,
        inForceFrom: revision.decidedOn,
        content: revision.afterVersion,
        changes: diffVersions(revision.beforeVersion, revision.afterVersion),
      });
    });
    return entries;
  }

  /** The version in force on `date` (reports use it for their period's end). */
  async inForceAt(manager: EntityManager, facts: ProgrammeFacts, date: string): Promise<VersionEntry> {
    const history = await this.history(manager, facts);
    return history.filter((entry) => entry.version === 0 || (entry.inForceFrom ?? '') <= date).at(-1)!;
  }

  /** The version in force now (the last approved one). */
  async current(manager: EntityManager, facts: ProgrammeFacts): Promise<ProgrammeVersion> {
    const approved = await this.revisions.approved(manager, facts.id);
    return approved.length ? approved[approved.length - 1].afterVersion : this.original(manager, facts);
  }

  /** The end date in force, without reading the whole version. */
  async endDateInForce(manager: EntityManager, facts: ProgrammeFacts): Promise<string | null> {
    const approved = await this.revisions.approved(manager, facts.id);
    return approved.length ? approved[approved.length - 1].afterVersion.endDate : this.originalEndDate(facts);
  }
}
