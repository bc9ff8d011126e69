import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { Clock, formatMoney, NotFoundError, offsetOf, Page, pageOf } from '@mptf/platform';
import { ReferenceService } from '@mptf/reference';
import { DataSource } from 'typeorm';
import { amountViolations, dateViolations, entryBounds, refuseViolations } from './entry-bounds';
import { poolAvailability } from './fund-math';
import { Ledger } from './ledger';
import { FUND_CHARGE_KINDS, FUND_ENTRY_KINDS, FundEntryKind, LedgerKind } from './ledger-kind';
import { alreadyReversed, insufficient, oneReversal, reversalOfReversal } from './money-errors';
import { FundEntryInput, FundEntryQuery, FundEntryView } from './programme-money.types';

interface FundEntryRow {
  id: string;
  kind: FundEntryKind;
  amount: string;
  date: string;
  description: string | null;
  reason: string | null;
  reverses: string | null;
  reversed_by: string | null;
  created_at: Date;
}

const FUND_ENTRY_SELECT = `
  SELECT e.id, e.kind, e.amount::text AS amount, to_char(e.entry_date, 'YYYY-MM-DD') AS date,
         CASE WHEN e.corrects_entry_id IS NULL THEN e.description END AS description,
         CASE WHEN e.corrects_entry_id IS NOT NULL THEN e.description END AS reason,
         e.corrects_entry_id AS reverses, e.created_at,
         (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
    FROM ledger_entries e`;

/** Income that adds to the unearmarked pool: reversing it takes money back out. */
const INCOME_KINDS: readonly FundEntryKind[] = ['INTEREST', 'OTHER_INCOME'];

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
    private readonly ledger: Ledger,
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
            `The charge of ${formatMoney(input.amount)} exceeds the unearmarked funds available (${formatMoney(unearmarked > 0n ? unearmarked : 0n)})`,
            unearmarked,
          );
      }
      const entryId = await this.ledger.post(manager, {
        kind: input.kind as LedgerKind,
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
    const params: unknown[] = [query.kind ? [query.kind] : FUND_ENTRY_KINDS];
    const conditions = ['e.kind = ANY($1)'];
    if (query.year !== undefined) {
      params.push(query.year);
      conditions.push(`e.year = $${params.length}`);
    }
    const where = `WHERE ${conditions.join(' AND ')}`;
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ledger_entries e ${where}`,
      params,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `${FUND_ENTRY_SELECT} ${where} ORDER BY e.entry_date DESC, e.seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, offsetOf(query)],
    )) as FundEntryRow[];
    return pageOf(rows.map(toView), total, query);
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
        const [entry] = (await manager.query(
          `SELECT e.id, e.kind, e.amount::text AS amount, to_char(e.entry_date, 'YYYY-MM-DD') AS date,
                  e.corrects_entry_id, (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
             FROM ledger_entries e WHERE e.id = $1 AND e.kind = ANY($2)`,
          [entryId, FUND_ENTRY_KINDS],
        )) as {
          id: string;
          kind: FundEntryKind;
          amount: string;
          date: string;
          corrects_entry_id: string | null;
          reversed_by: string | null;
        }[];
        if (!entry) throw new NotFoundError('Fund entry', entryId);
        if (entry.corrects_entry_id) throw reversalOfReversal('Fund entry', entryId);
        if (entry.reversed_by) throw alreadyReversed('Fund entry', entryId);
        const amount = BigInt(entry.amount);
        if (INCOME_KINDS.includes(entry.kind)) {
          const { unearmarked } = poolAvailability(await this.ledger.pools(manager));
          if (amount > unearmarked)
            throw insufficient(
              'AVAILABLE_FUNDS',
              `Reversing this ${entry.kind.toLowerCase().replace('_', ' ')} would take back ${formatMoney(amount)}, more than the unearmarked funds not yet promised to programmes`,
              unearmarked,
            );
        }
        const today = this.clock.today();
        const reversal = await this.ledger.post(manager, {
          kind: entry.kind as LedgerKind,
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
    const [row] = (await this.dataSource.query(`${FUND_ENTRY_SELECT} WHERE e.id = $1`, [
      id,
    ])) as FundEntryRow[];
    return toView(row);
  }
}

function toView(row: FundEntryRow): FundEntryView {
  return {
    id: row.id,
    kind: row.kind,
    amount: formatMoney(row.amount),
    date: row.date,
    description: row.description,
    recordedAt: new Date(row.created_at).toISOString(),
    reversedBy: row.reversed_by,
    reverses: row.reverses,
    reason: row.reason,
  };
}
