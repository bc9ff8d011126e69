import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { Clock, formatMoney, formatUsd, NotFoundError, Page, pageOf } from '@mptf/platform';
import { ReferenceService } from '@mptf/reference';
import { DataSource } from 'typeorm';
import { amountViolations, dateViolations, entryBounds, refuseViolations } from './entry-bounds';
import { FundEntryRepository } from './fund-entry.repository';
import { poolAvailability } from './fund-math';
import { FUND_CHARGE_KINDS, FUND_INCOME_KINDS } from './ledger-kind';
import { LedgerRepository } from './ledger.repository';
import { alreadyReversed, insufficient, oneReversal, reversalOfReversal } from './money-errors';
import { FundEntryInput, FundEntryQuery, FundEntryView } from './programme-money.types';

/**
 * The AA's own entries on the fund: interest, other income, direct costs and bank charges, their
 * listing, and their reversal. Anything that takes money out of the AA balance (a charge, or the
 * reversal of income) is serialized on the fund lock and refused (409) beyond the unearmarked
 * money not promised to programmes.
 */
@Injectable()
export class FundEntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly entries: FundEntryRepository,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async record(actor: AuthUser, input: FundEntryInput): Promise<FundEntryView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const bounds = entryBounds(await this.reference.fundSettings(manager), this.clock.today());
      refuseViolations([
        ...amountViolations('amount', input.amount, bounds),
        ...dateViolations('date', input.date, bounds),
      ]);
      if (FUND_CHARGE_KINDS.includes(input.kind)) {
        await this.ledger.lockFund(manager);
        const { unearmarked } = poolAvailability(await this.ledger.pools(manager));
        if (input.amount > unearmarked)
          throw insufficient(
            'AVAILABLE_FUNDS',
            `The charge of ${formatUsd(input.amount)} exceeds the unearmarked funds available (${formatUsd(unearmarked > 0n ? unearmarked : 0n)})`,
            unearmarked,
          );
      }
      const entryId = await this.ledger.post(manager, {
        kind: input.kind,
        entryDate: input.date,
        amount: input.amount,
        description: input.description ?? null,
        actorId: actor.id,
      });
      await this.audit.record(manager, {
        actor,
        action: `fund.${input.kind.toLowerCase()}`,
        entityType: 'fund_entry',
        entityId: entryId,
        after: {
          kind: input.kind,
          amount: formatMoney(input.amount),
          date: input.date,
          description: input.description ?? null,
        },
      });
      return entryId;
    });
    return this.view(id);
  }

  /** Fund entries and their reversals, newest first. */
  async list(query: FundEntryQuery): Promise<Page<FundEntryView>> {
    const total = await this.entries.count(this.dataSource.manager, query);
    return pageOf(await this.entries.page(this.dataSource.manager, query), total, query);
  }

  /**
   * Reverses a fund entry with a new entry of the opposite amount, dated today; returns it.
   * Reversing income is refused (409 with the amount available) when that money is already
   * allocated, transferred or charged. 404 unknown, 409 already reversed or itself a reversal.
   */
  async reverse(actor: AuthUser, entryId: string, reason: string): Promise<FundEntryView> {
    const reversalId = await oneReversal('Fund entry', entryId, () =>
      this.dataSource.transaction(async (manager) => {
        await this.ledger.lockFund(manager);
        const entry = await this.entries.findForReversal(manager, entryId);
        if (!entry) throw new NotFoundError('Fund entry', entryId);
        if (entry.correctsEntryId) throw reversalOfReversal('Fund entry', entryId);
        if (entry.reversedBy) throw alreadyReversed('Fund entry', entryId);
        const { amount } = entry;
        if (FUND_INCOME_KINDS.includes(entry.kind)) {
          const { unearmarked } = poolAvailability(await this.ledger.pools(manager));
          if (amount > unearmarked)
            throw insufficient(
              'AVAILABLE_FUNDS',
              `Reversing this ${entry.kind.toLowerCase().replace('_', ' ')} would take back ${formatUsd(amount)}, more than the unearmarked funds not yet promised to programmes`,
              unearmarked,
            );
        }
        const today = this.clock.today();
        const reversal = await this.ledger.post(manager, {
          kind: entry.kind,
          entryDate: today,
          amount: -amount,
          correctsEntryId: entry.id,
          description: reason,
          actorId: actor.id,
        });
        await this.audit.record(manager, {
          actor,
          action: 'fund.reverse',
          entityType: 'fund_entry',
          entityId: entry.id,
          before: { kind: entry.kind, amount: formatMoney(amount), date: entry.date },
          after: { reversedBy: reversal, reason, date: today },
        });
        return reversal;
      }),
    );
    return this.view(reversalId);
  }

  private async view(id: string): Promise<FundEntryView> {
    const view = await this.entries.find(this.dataSource.manager, id);
    if (!view) throw new NotFoundError('Fund entry', id);
    return view;
  }
}
