import { Injectable } from '@nestjs/common';
import { Cents, positionalParams, SqlRunner, sqlRow, sqlRows } from '@mptf/platform';
import { ProposalStatus } from '@mptf/proposals';
import { FundPools, KindTotals, ProgrammeMoneyCents } from './fund-math';
import { FUND_RESOURCE_KINDS, FUND_SOURCE_KINDS, LedgerKind, LedgerKindValue } from './ledger-kind';

export interface NewLedgerEntry {
  kind: LedgerKindValue;
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

/** The columns of an entry, in the order `postMany` binds them. */
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

/** Allocations stop being reserved once a programme is closed (what was not transferred is released). */
export const CLOSED_PROGRAMME_STATUSES: readonly ProposalStatus[] = [
  ProposalStatus.OPERATIONALLY_CLOSED,
  ProposalStatus.FINANCIALLY_CLOSED,
];

/** A transfer or refund as its reversal needs it. */
export interface MovementForReversal {
  id: string;
  amount: bigint;
  organizationId: string;
  orgCode: string;
  date: string;
  correctsEntryId: string | null;
  reversedBy: string | null;
}

export interface PunoMoney extends ProgrammeMoneyCents {
  organizationId: string;
}

/** One row of `puno_ledger_sums`, the money of one PUNO on one programme. */
export interface PunoMoneyRow {
  organization_id: string;
  allocated: string;
  transferred: string;
  refunded: string;
  expenditure: string;
}

export function toPunoMoney(row: PunoMoneyRow): PunoMoney {
  return {
    organizationId: row.organization_id,
    allocated: BigInt(row.allocated),
    transferred: BigInt(row.transferred),
    refunded: BigInt(row.refunded),
    expenditure: BigInt(row.expenditure),
  };
}

/**
 * The append-only ledger: posting entries, the fund lock, and the sums the money rules need,
 * always read inside the caller's transaction.
 *
 * A PUNO's money on a programme (allocated, transferred, refunded, spent) is summed in ONE place:
 * `puno_ledger_sums`, which a statement trigger on the ledger keeps in the inserting transaction
 * (migration PunoLedgerSums). The money rules (`punoMoney`, the claims of `pools`), the programme
 * reads, the portfolio and the views other libs read (`finance_puno_money_v`) all take it from
 * there, so none sums a programme's ledger rows per request.
 */
@Injectable()
export class LedgerRepository {
  /**
   * Serializes everything that takes money out of the fund: held until the transaction ends.
   * Callers that also lock a proposal lock it first (the order the decision transaction uses).
   */
  async lockFund(db: SqlRunner): Promise<void> {
    await db.query('SELECT id FROM fund_locks WHERE id = 1 FOR UPDATE');
  }

  async post(db: SqlRunner, entry: NewLedgerEntry): Promise<string> {
    const [id] = await this.postMany(db, [entry]);
    return id;
  }

  /** Inserts entries in order; returns their ids in the same order. */
  async postMany(db: SqlRunner, entries: NewLedgerEntry[]): Promise<string[]> {
    if (entries.length === 0) return [];
    const params: unknown[] = [];
    const bind = positionalParams(params);
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
      return `(${values.map(bind).join(', ')})`;
    });
    const inserted = await sqlRows<{ id: string; seq: string }>(
      db,
      `INSERT INTO ledger_entries (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')} RETURNING id, seq`,
      params,
    );
    return inserted.sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq))).map((row) => row.id);
  }

  /** Sum per kind, for one reporting year or since inception (optionally through a year). */
  async totals(db: SqlRunner, filter: { year?: number; throughYear?: number } = {}): Promise<KindTotals> {
    const params: unknown[] = [];
    const bind = positionalParams(params);
    const conditions: string[] = [];
    if (filter.year !== undefined) conditions.push(`year = ${bind(filter.year)}`);
    if (filter.throughYear !== undefined) conditions.push(`year <= ${bind(filter.throughYear)}`);
    const rows = await sqlRows<{ kind: LedgerKind; total: string }>(
      db,
      `SELECT kind, sum(amount)::text AS total FROM ledger_entries
        ${conditions.length ? 'WHERE ' + conditions.join(' AND ') : ''} GROUP BY kind`,
      params,
    );
    return Object.fromEntries(rows.map((row) => [row.kind, BigInt(row.total)])) as KindTotals;
  }

  /**
   * Resources per earmark (null = unearmarked): sources of funds less AA fees, direct costs and
   * bank charges. Claims per programme thematic area, from the PUNO sums: transfers − refunds,
   * plus allocations not yet transferred on programmes that are not closed.
   */
  /**
   * The pools of `availableFromPools`. With `asOf`, only entries recorded (created_at) at or
   * before that moment count: the fund as it stood then (a decision pack's agenda moment); the
   * programme statuses that release allocations are today's.
   */
  async pools(db: SqlRunner, asOf?: Date): Promise<FundPools> {
    const recorded = asOf ? 'AND created_at <= $3' : '';
    const resources = await sqlRows<{ area: number | null; total: string }>(
      db,
      `SELECT earmark_thematic_area_code AS area,
              sum(CASE WHEN kind = ANY($1) THEN amount ELSE -amount END)::text AS total
         FROM ledger_entries
        WHERE kind = ANY($2) ${recorded}
        GROUP BY 1`,
      asOf ? [FUND_SOURCE_KINDS, FUND_RESOURCE_KINDS, asOf] : [FUND_SOURCE_KINDS, FUND_RESOURCE_KINDS],
    );
    // Today's sums come from puno_ledger_sums; as of a past moment they are summed from the ledger.
    const sums = asOf
      ? `(SELECT proposal_id, organization_id,
                 coalesce(sum(amount) FILTER (WHERE kind = 'ALLOCATION'), 0) AS allocated,
                 coalesce(sum(amount) FILTER (WHERE kind = 'TRANSFER'), 0) AS transferred,
                 coalesce(sum(amount) FILTER (WHERE kind = 'REFUND'), 0) AS refunded
            FROM ledger_entries
           WHERE proposal_id IS NOT NULL AND kind IN ('ALLOCATION', 'TRANSFER', 'REFUND') AND created_at <= $2
           GROUP BY 1, 2)`
      : 'puno_ledger_sums';
    const claims = await sqlRows<{ area: number; total: string }>(
      db,
      `SELECT p.thematic_area_code AS area,
              sum(m.transferred - m.refunded
                  + CASE WHEN p.status = ANY($1) THEN 0 ELSE greatest(m.allocated - m.transferred, 0) END)::text AS total
         FROM ${sums} m JOIN proposals_summary_v p ON p.id = m.proposal_id
        GROUP BY 1`,
      asOf ? [CLOSED_PROGRAMME_STATUSES, asOf] : [CLOSED_PROGRAMME_STATUSES],
    );
    return {
      resources: new Map(resources.map((row) => [row.area, BigInt(row.total)])),
      claims: new Map(claims.map((row) => [row.area, BigInt(row.total)])),
    };
  }

  /** Money of one programme per PUNO (only PUNOs with entries). */
  async punoMoney(db: SqlRunner, proposalId: string): Promise<Map<string, PunoMoney>> {
    const rows = await sqlRows(
      db,
      `SELECT organization_id, allocated::text, transferred::text, refunded::text, expenditure::text
         FROM puno_ledger_sums WHERE proposal_id = $1`,
      [proposalId],
      toPunoMoney,
    );
    return new Map(rows.map((money) => [money.organizationId, money]));
  }

  /** A programme's transfer or refund (`kind`), with its PUNO's code and its reversal if any. */
  async findMovement(
    db: SqlRunner,
    programmeId: string,
    kind: LedgerKind.TRANSFER | LedgerKind.REFUND,
    id: string,
  ): Promise<MovementForReversal | null> {
    return sqlRow(
      db,
      `SELECT e.id, e.amount::text AS amount, e.organization_id, o.code AS org_code,
              to_char(e.entry_date, 'YYYY-MM-DD') AS date, e.corrects_entry_id,
              (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
         FROM ledger_entries e JOIN identity_organizations_v o ON o.id = e.organization_id
        WHERE e.id = $1 AND e.proposal_id = $2 AND e.kind = $3`,
      [id, programmeId, kind],
      (row: {
        id: string;
        amount: string;
        organization_id: string;
        org_code: string;
        date: string;
        corrects_entry_id: string | null;
        reversed_by: string | null;
      }): MovementForReversal => ({
        id: row.id,
        amount: BigInt(row.amount),
        organizationId: row.organization_id,
        orgCode: row.org_code,
        date: row.date,
        correctsEntryId: row.corrects_entry_id,
        reversedBy: row.reversed_by,
      }),
    );
  }

  /** The date of the programme's first transfer still standing (first recorded), or null. */
  async firstStandingTransferDate(db: SqlRunner, programmeId: string): Promise<string | null> {
    const row = await sqlRow<{ first: string }>(
      db,
      `SELECT to_char(t.entry_date, 'YYYY-MM-DD') AS first FROM ledger_entries t
        WHERE t.proposal_id = $1 AND t.kind = '${LedgerKind.TRANSFER}' AND t.corrects_entry_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.corrects_entry_id = t.id)
        ORDER BY t.seq LIMIT 1`,
      [programmeId],
    );
    return row?.first ?? null;
  }
}

export function emptyMoney(): ProgrammeMoneyCents {
  return { allocated: 0n, transferred: 0n, refunded: 0n, expenditure: 0n };
}
