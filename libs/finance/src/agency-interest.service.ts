import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { OrganizationType } from '@mptf/identity';
import {
  Clock,
  formatMoney,
  NotFoundError,
  Page,
  pageOf,
  RuleViolationError,
  SqlRunner,
  ValidationError,
} from '@mptf/platform';
import { ReferenceService } from '@mptf/reference';
import { DataSource } from 'typeorm';
import { AgencyInterestRepository } from './agency-interest.repository';
import { amountViolations, dateViolations, entryBounds, refuseViolations } from './entry-bounds';
import { mayReadAgencyInterestOf, readableAgencyInterestCondition } from './finance-access';
import { LedgerKind } from './ledger-kind';
import { LedgerRepository } from './ledger.repository';
import { LookupRepository } from './lookup.repository';
import { alreadyReversed, oneReversal, reversalOfReversal } from './money-errors';
import { AgencyInterestInput, AgencyInterestQuery, AgencyInterestView } from './programme-money.types';

/**
 * Interest earned by agencies (PUNOs) on the fund's money they hold, recorded by the AA when an
 * agency reports it, and reversed by a correcting entry. It moves no money of the fund: no source
 * with the AA, no balance; the donor reports and /fund/status show it beside the PUNOs' figures.
 */
@Injectable()
export class AgencyInterestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly entries: AgencyInterestRepository,
    private readonly lookups: LookupRepository,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async record(actor: AuthUser, input: AgencyInterestInput): Promise<AgencyInterestView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const bounds = entryBounds(await this.reference.fundSettings(manager), this.clock.today());
      refuseViolations([
        ...amountViolations('amount', input.amount, bounds),
        ...dateViolations('date', input.date, bounds),
      ]);
      const organizationId = await this.participatingOrganization(manager, input.orgCode);
      const entryId = await this.ledger.post(manager, {
        kind: LedgerKind.AGENCY_INTEREST,
        entryDate: input.date,
        amount: input.amount,
        organizationId,
        description: input.description ?? null,
        actorId: actor.id,
      });
      await this.audit.record(manager, {
        actor,
        action: 'agency_interest.record',
        entityType: 'agency_interest',
        entityId: entryId,
        after: {
          orgCode: input.orgCode,
          amount: formatMoney(input.amount),
          date: input.date,
          description: input.description ?? null,
        },
      });
      return entryId;
    });
    return this.view(id);
  }

  /** Newest first; a focal point sees its own organization's only (finance-access.ts). */
  async list(user: AuthUser, query: AgencyInterestQuery): Promise<Page<AgencyInterestView>> {
    const scope = (alias: string, bind: (value: unknown) => string) =>
      readableAgencyInterestCondition(user, alias, bind);
    const total = await this.entries.count(this.dataSource.manager, query, scope);
    return pageOf(await this.entries.page(this.dataSource.manager, query, scope), total, query);
  }

  /** One entry; 404 also when the caller may not read it (its existence is not disclosed). */
  async get(user: AuthUser, id: string): Promise<AgencyInterestView> {
    const view = await this.entries.find(this.dataSource.manager, id);
    if (!view || !mayReadAgencyInterestOf(user, view.orgCode)) throw new NotFoundError('Agency interest', id);
    return view;
  }

  /** Reverses an entry with one of the opposite amount, dated today; 409 when already reversed. */
  async reverse(actor: AuthUser, entryId: string, reason: string): Promise<AgencyInterestView> {
    const reversalId = await oneReversal('Agency interest', entryId, () =>
      this.dataSource.transaction(async (manager) => {
        const entry = await this.entries.findForReversal(manager, entryId);
        if (!entry) throw new NotFoundError('Agency interest', entryId);
        if (entry.correctsEntryId) throw reversalOfReversal('Agency interest', entryId);
        if (entry.reversedBy) throw alreadyReversed('Agency interest', entryId);
        const today = this.clock.today();
        const reversal = await this.ledger.post(manager, {
          kind: LedgerKind.AGENCY_INTEREST,
          entryDate: today,
          amount: -entry.amount,
          organizationId: entry.organizationId,
          correctsEntryId: entry.id,
          description: reason,
          actorId: actor.id,
        });
        await this.audit.record(manager, {
          actor,
          action: 'agency_interest.reverse',
          entityType: 'agency_interest',
          entityId: entry.id,
          before: { orgCode: entry.orgCode, amount: formatMoney(entry.amount), date: entry.date },
          after: { reversedBy: reversal, reason, date: today },
        });
        return reversal;
      }),
    );
    return this.view(reversalId);
  }

  /** A UN entity the fund transferred money to: only money it holds earns interest. */
  private async participatingOrganization(db: SqlRunner, code: string): Promise<string> {
    const organization = await this.lookups.organization(db, code);
    if (!organization) throw ValidationError.field('orgCode', `${code} is not a known organization`);
    if (organization.type !== OrganizationType.UN_ENTITY) {
      const message = `${code} is not a participating UN organization: agency interest is recorded for UN entities only`;
      throw new RuleViolationError(message, [
        { field: 'orgCode', rule: 'PARTICIPATING_ORGANIZATION', message },
      ]);
    }
    if (!(await this.entries.receivedTransfers(db, organization.id))) {
      const message = `${code} has received no transfer from the fund, so holds no fund money to earn interest on`;
      throw new RuleViolationError(message, [{ field: 'orgCode', rule: 'FUNDS_HELD', message }]);
    }
    return organization.id;
  }

  private async view(id: string): Promise<AgencyInterestView> {
    const view = await this.entries.find(this.dataSource.manager, id);
    if (!view) throw new NotFoundError('Agency interest', id);
    return view;
  }
}
