import { Injectable } from '@nestjs/common';
import { Cents } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import { FundPools, KindTotals, ProgrammeMoneyCents } from './fund-math';
import { LedgerKind } from './ledger-kind';

export interface NewLedgerEntry {
  kind: LedgerKind;
  entryDate: string;
  /** Defaults to the entry date's year. */
  year?: number;
  amount: Cents;
  currency?: string | null;
  originalAmount?: Cents | null;
  exchangeRate?: string | null;
  donorOrgId?: string | null;
  proposalId?: string | null;
  organizationId?: string | null;
  budgetCategoryCode?: number | null;
  earmarkThematicAreaCode?: number | null;
  expenditureReportId?: string | null;
  relatedEntryId?: string | null;
  correctsEntryId?: string | null;
  reference?: string | null;
  description?: string | null;
  actorId: string | null;
}

const COLUMNS = [
  'kind',
  'entry_date',
  'year',
  'amount',
  'currency',
  'original_amount',
  'exchange_rate',
  'donor_org_id',
  'proposal_id',
  'organization_id',
  'budget_category_code',
  'earmark_thematic_area_code',
  'expenditure_report_id',
  'related_entry_id',
  'corrects_entry_id',
  'reference',
  'description',
  'actor_id',
] as const;

/** Programme-linked kinds whose sums make a programme's money. */
const PROGRAMME_KINDS = [
  LedgerKind.ALLOCATION,
  LedgerKind.TRANSFER,
  LedgerKind.REFUND,
  LedgerKind.EXPENDITURE,
];

/** Allocations stop being reserved once a programme is closed (what was not transferred is released). */
export const CLOSED_PROGRAMME_STATUSES = ['OPERATIONALLY_CLOSED', 'FINANCIALLY_CLOSED'];

export interface PunoMoney extends ProgrammeMoneyCents {
  organizationId: string;
}

/**
 * The ledger's SQL: posting entries, the fund lock, and every sum the services need. Balances are
 * always these sums, computed when asked, inside the caller's transaction.
 */
@Injectable()
export class Ledger {
  /**
   * Serializes everything that takes money out of the fund: held until the transaction ends.
   * Callers that also lock a proposal lock it first (the order the decision transaction uses).
   */
  async lockFund(manager: EntityManager): Promise<void> {
    await manager.query('SELECT id FROM fund_locks WHERE id = 1 FOR UPDATE');
  }

  async post(manager: EntityManager, entry: NewLedgerEntry): Promise<string> {
    const [id] = await this.postMany(manager, [entry]);
    return id;
  }

  /** Inserts entries in order; returns their ids in the same order. */
  async postMany(manager: EntityManager, entries: NewLedgerEntry[]): Promise<string[]> {
    if (entries.length === 0) return [];
    const params: unknown[] = [];
    const rows = entries.map((entry) => {
      const values = [
        entry.kind,
        entry.entryDate,
        entry.year ?? Number(entry.entryDate.slice(0, 4)),
        entry.amount.toString(),
        entry.currency ?? null,
        entry.originalAmount?.toString() ?? null,
        entry.exchangeRate ?? null,
        entry.donorOrgId ?? null,
        entry.proposalId ?? null,
        entry.organizationId ?? null,
        entry.budgetCategoryCode ?? null,
        entry.earmarkThematicAreaCode ?? null,
        entry.expenditureReportId ?? null,
        entry.relatedEntryId ?? null,
        entry.correctsEntryId ?? null,
        entry.reference ?? null,
        entry.description ?? null,
        entry.actorId,
      ];
      const placeholders = values.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const inserted = (await manager.query(
      `INSERT INTO ledger_entries (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')} RETURNING id, seq`,
      params,
    )) as { id: string; seq: string }[];
    return inserted.sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq))).map((row) => row.id);
  }

  /** Sum per kind, for one reporting year or since inception (optionally through a year). */
  async totals(
    manager: EntityManager,
    filter: { year?: number; throughYear?: number } = {},
  ): Promise<KindTotals> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.year !== undefined) {
      params.push(filter.year);
      conditions.push(`year = $${params.length}`);
    }
    if (filter.throughYear !== undefined) {
      params.push(filter.throughYear);
      conditions.push(`year <= $${params.length}`);
    }
    const rows = (await manager.query(
      `SELECT kind, sum(amount)::text AS total FROM ledger_entries
        ${conditions.length ? 'WHERE ' + conditions.join(' AND ') : ''} GROUP BY kind`,
      params,
    )) as { kind: LedgerKind; total: string }[];
    return Object.fromEntries(rows.map((row) => [row.kind, BigInt(row.total)])) as KindTotals;
  }

  /**
   * Resources per earmark (null = unearmarked) and claims per programme thematic area: transfers −
   * refunds, plus allocations not yet transferred on programmes that are not closed.
   */
  async pools(manager: EntityManager): Promise<FundPools> {
    const resources = (await manager.query(
      `SELECT earmark_thematic_area_code AS area,
              sum(CASE WHEN kind IN ('DEPOSIT','INTEREST','OTHER_INCOME') THEN amount ELSE -amount END)::text AS total
         FROM ledger_entries
        WHERE kind IN ('DEPOSIT','AA_FEE','INTEREST','OTHER_INCOME','DIRECT_COST','BANK_CHARGE')
        GROUP BY 1`,
    )) as { area: number | null; total: string }[];
    const claims = (await manager.query(
      `WITH per_puno AS (
         SELECT proposal_id, organization_id,
                coalesce(sum(amount) FILTER (WHERE kind = 'ALLOCATION'), 0) AS allocated,
                coalesce(sum(amount) FILTER (WHERE kind = 'TRANSFER'), 0) AS transferred,
                coalesce(sum(amount) FILTER (WHERE kind = 'REFUND'), 0) AS refunded
           FROM ledger_entries
          WHERE kind IN ('ALLOCATION','TRANSFER','REFUND')
          GROUP BY 1, 2)
       SELECT p.thematic_area_code AS area,
              sum(m.transferred - m.refunded
                  + CASE WHEN p.status = ANY($1) THEN 0 ELSE greatest(m.allocated - m.transferred, 0) END)::text AS total
         FROM per_puno m JOIN proposals p ON p.id = m.proposal_id
        GROUP BY 1`,
      [CLOSED_PROGRAMME_STATUSES],
    )) as { area: number; total: string }[];
    return {
      resources: new Map(resources.map((row) => [row.area, BigInt(row.total)])),
      claims: new Map(claims.map((row) => [row.area, BigInt(row.total)])),
    };
  }

  /** Money of one programme per PUNO (only PUNOs with entries). */
  async programmeMoney(manager: EntityManager, proposalId: string): Promise<Map<string, PunoMoney>> {
    const rows = (await manager.query(
      `SELECT organization_id,
              coalesce(sum(amount) FILTER (WHERE kind = 'ALLOCATION'), 0)::text AS allocated,
              coalesce(sum(amount) FILTER (WHERE kind = 'TRANSFER'), 0)::text AS transferred,
              coalesce(sum(amount) FILTER (WHERE kind = 'REFUND'), 0)::text AS refunded,
              coalesce(sum(amount) FILTER (WHERE kind = 'EXPENDITURE'), 0)::text AS expenditure
         FROM ledger_entries
        WHERE proposal_id = $1 AND kind = ANY($2)
        GROUP BY organization_id`,
      [proposalId, PROGRAMME_KINDS],
    )) as {
      organization_id: string;
      allocated: string;
      transferred: string;
      refunded: string;
      expenditure: string;
    }[];
    return new Map(
      rows.map((row) => [
        row.organization_id,
        {
          organizationId: row.organization_id,
          allocated: BigInt(row.allocated),
          transferred: BigInt(row.transferred),
          refunded: BigInt(row.refunded),
          expenditure: BigInt(row.expenditure),
        },
      ]),
    );
  }
}

export function emptyMoney(): ProgrammeMoneyCents {
  return { allocated: 0n, transferred: 0n, refunded: 0n, expenditure: 0n };
}
