import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { hasRole, Role } from '@mptf/identity';
import {
  Cents,
  Clock,
  ConflictError,
  DomainError,
  ErrorCode,
  formatMoney,
  NotFoundError,
  sumCents,
  offsetOf,
  Page,
  pageOf,
  ratio,
  ValidationError,
} from '@mptf/platform';
import { ReferenceService } from '@mptf/reference';
import { DataSource, EntityManager } from 'typeorm';
import { aaFeeOn, availableFromPools, impliedRate, poolAvailability } from './fund-math';
import { Ledger } from './ledger';
import { ContributionKind, LedgerKind } from './ledger-kind';

export interface RecordContributionInput {
  donorCode: string;
  kind: ContributionKind;
  currency: string;
  /** In the donor's currency, cents. */
  amount: Cents;
  /** US$ value, cents; for a US$ contribution it may be omitted (then it equals `amount`). */
  usdAmount?: Cents;
  date: string;
  earmark?: { thematicAreaCode: number } | null;
  /** The donor agreement or deposit reference; unique per kind. */
  reference?: string | null;
}

export interface ContributionView {
  id: string;
  donorCode: string;
  donorName: string;
  kind: ContributionKind;
  currency: string;
  amount: string;
  usdAmount: string;
  /** US$ per unit of `currency` implied by the two amounts, four decimals ("1.0850"). */
  exchangeRate: string;
  date: string;
  earmark: { thematicAreaCode: number } | null;
  /** The AA fee posted with a deposit; null for a commitment. */
  aaFee: string | null;
  reference: string | null;
  recordedAt: string;
  /** Set when the contribution was reversed (corrected): the id of the reversing entry. */
  reversedBy: string | null;
}

export interface ContributionQuery {
  donor?: string;
  year?: number;
  kind?: ContributionKind;
  page: number;
  pageSize: number;
}

export interface DonorSummary {
  donorCode: string;
  donorName: string;
  commitments: string;
  deposits: string;
  aaFees: string;
  /** Commitments not yet deposited (never below zero). */
  outstandingCommitments: string;
}

interface ContributionRow {
  id: string;
  donor_code: string;
  donor_name: string;
  kind: ContributionKind;
  currency: string;
  original_amount: string;
  amount: string;
  entry_date: string;
  earmark: number | null;
  fee: string | null;
  reference: string | null;
  created_at: Date;
  reversed_by: string | null;
}

const CONTRIBUTION_SELECT = `
  SELECT e.id, o.code AS donor_code, o.name AS donor_name, e.kind, e.currency,
         e.original_amount::text AS original_amount, e.amount::text AS amount,
         to_char(e.entry_date, 'YYYY-MM-DD') AS entry_date, e.earmark_thematic_area_code AS earmark,
         (SELECT sum(f.amount) FROM ledger_entries f WHERE f.related_entry_id = e.id AND f.kind = 'AA_FEE')::text AS fee,
         e.reference, e.created_at,
         (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
    FROM ledger_entries e JOIN organizations o ON o.id = e.donor_org_id`;

/** Donors' commitments and deposits; a deposit posts the AA fee in the same transaction. */
@Injectable()
export class ContributionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: Ledger,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async record(actor: AuthUser, input: RecordContributionInput): Promise<ContributionView> {
    const currency = input.currency.toUpperCase();
    const usdAmount = input.usdAmount ?? (currency === 'USD' ? input.amount : undefined);
    if (usdAmount === undefined)
      throw ValidationError.field('usdAmount', 'is required for a contribution not in USD');
    if (input.amount <= 0n) throw ValidationError.field('amount', 'must be greater than zero');
    if (usdAmount <= 0n) throw ValidationError.field('usdAmount', 'must be greater than zero');
    if (currency === 'USD' && usdAmount !== input.amount)
      throw ValidationError.field('usdAmount', 'must equal amount for a US$ contribution');
    if (input.date > this.clock.today()) throw ValidationError.field('date', 'must not be in the future');

    const id = await this.dataSource.transaction(async (manager) => {
      const donors = (await manager.query('SELECT id, code, type FROM organizations WHERE code = $1', [
        input.donorCode,
      ])) as { id: string }[];
      if (!donors.length)
        throw ValidationError.field('donorCode', `${input.donorCode} is not a known organization`);
      const earmark = input.earmark?.thematicAreaCode ?? null;
      if (earmark !== null) {
        const known = (await manager.query('SELECT 1 FROM thematic_areas WHERE code = $1', [
          earmark,
        ])) as unknown[];
        if (!known.length) throw ValidationError.field('earmark.thematicAreaCode', 'is not a thematic area');
      }
      if (input.reference) {
        const duplicate = (await manager.query(
          'SELECT 1 FROM ledger_entries WHERE kind = $1 AND reference = $2 AND corrects_entry_id IS NULL',
          [input.kind, input.reference],
        )) as unknown[];
        if (duplicate.length)
          throw new ConflictError(
            `A ${input.kind.toLowerCase()} with reference ${input.reference} is already recorded`,
          );
      }
      const entryId = await this.ledger.post(manager, {
        kind: input.kind === 'DEPOSIT' ? LedgerKind.DEPOSIT : LedgerKind.COMMITMENT,
        entryDate: input.date,
        amount: usdAmount,
        currency,
        originalAmount: input.amount,
        exchangeRate: ratio(usdAmount, input.amount, 10),
        donorOrgId: donors[0].id,
        earmarkThematicAreaCode: earmark,
        reference: input.reference ?? null,
        actorId: actor.id,
      });
      let fee = 0n;
      if (input.kind === 'DEPOSIT') {
        const { aaFeeRate } = await this.reference.fundSettings(manager);
        fee = aaFeeOn(usdAmount, aaFeeRate);
        if (fee > 0n) {
          await this.ledger.post(manager, {
            kind: LedgerKind.AA_FEE,
            entryDate: input.date,
            amount: fee,
            donorOrgId: donors[0].id,
            earmarkThematicAreaCode: earmark,
            relatedEntryId: entryId,
            description: `AA fee at ${aaFeeRate} of the deposit`,
            actorId: actor.id,
          });
        }
      }
      await this.audit.record(manager, {
        actor,
        action: `contribution.${input.kind.toLowerCase()}`,
        entityType: 'contribution',
        entityId: entryId,
        after: {
          donorCode: input.donorCode,
          kind: input.kind,
          currency,
          amount: formatMoney(input.amount),
          usdAmount: formatMoney(usdAmount),
          exchangeRate: impliedRate(usdAmount, input.amount),
          date: input.date,
          earmark,
          aaFee: input.kind === 'DEPOSIT' ? formatMoney(fee) : null,
          reference: input.reference ?? null,
        },
      });
      return entryId;
    });
    const [row] = (await this.dataSource.query(`${CONTRIBUTION_SELECT} WHERE e.id = $1`, [
      id,
    ])) as ContributionRow[];
    return toView(row);
  }

  /**
   * Corrects a contribution recorded by mistake: new entries reverse it (and its AA fee), nothing
   * is updated. Reversing a deposit takes money out, so it is serialized on the fund and refused
   * (409) when the money is already promised to programmes. 404 unknown, 409 already reversed.
   */
  async reverse(actor: AuthUser, contributionId: string, reason: string): Promise<ContributionView> {
    await this.dataSource.transaction(async (manager) => {
      await this.ledger.lockFund(manager);
      const [entry] = (await manager.query(
        `SELECT e.id, e.kind, e.amount::text AS amount, e.original_amount::text AS original_amount, e.currency,
                e.exchange_rate::text AS exchange_rate, e.donor_org_id, e.earmark_thematic_area_code AS earmark,
                e.reference, (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
           FROM ledger_entries e
          WHERE e.id = $1 AND e.kind IN ('COMMITMENT','DEPOSIT') AND e.corrects_entry_id IS NULL`,
        [contributionId],
      )) as {
        id: string;
        kind: ContributionKind;
        amount: string;
        original_amount: string;
        currency: string;
        exchange_rate: string;
        donor_org_id: string;
        earmark: number | null;
        reference: string | null;
        reversed_by: string | null;
      }[];
      if (!entry) throw new NotFoundError('Contribution', contributionId);
      if (entry.reversed_by) throw new ConflictError(`Contribution ${contributionId} is already reversed`);
      const fees = (await manager.query(
        `SELECT id, amount::text AS amount FROM ledger_entries WHERE related_entry_id = $1 AND kind = 'AA_FEE'`,
        [entry.id],
      )) as { id: string; amount: string }[];
      const net = BigInt(entry.amount) - sumCents(fees.map((fee) => BigInt(fee.amount)));
      if (entry.kind === 'DEPOSIT') {
        const pools = await this.ledger.pools(manager);
        const { unearmarked } = poolAvailability({
          ...pools,
          resources: new Map(pools.resources).set(
            entry.earmark,
            (pools.resources.get(entry.earmark) ?? 0n) - net,
          ),
        });
        if (unearmarked < 0n) {
          const message = `Reversing this deposit would take back ${formatMoney(net)} that is already allocated or transferred`;
          throw new DomainError(ErrorCode.INSUFFICIENT_FUNDS, message, [
            {
              rule: 'AVAILABLE_FUNDS',
              message,
              available: formatMoney(availableFromPools(pools, entry.earmark)),
            },
          ]);
        }
      }
      const today = this.clock.today();
      const reversalId = await this.ledger.post(manager, {
        kind: entry.kind as LedgerKind,
        entryDate: today,
        amount: -BigInt(entry.amount),
        currency: entry.currency,
        originalAmount: -BigInt(entry.original_amount),
        exchangeRate: entry.exchange_rate,
        donorOrgId: entry.donor_org_id,
        earmarkThematicAreaCode: entry.earmark,
        correctsEntryId: entry.id,
        reference: entry.reference,
        description: reason,
        actorId: actor.id,
      });
      await this.ledger.postMany(
        manager,
        fees.map((fee) => ({
          kind: LedgerKind.AA_FEE,
          entryDate: today,
          amount: -BigInt(fee.amount),
          donorOrgId: entry.donor_org_id,
          earmarkThematicAreaCode: entry.earmark,
          relatedEntryId: reversalId,
          correctsEntryId: fee.id,
          description: reason,
          actorId: actor.id,
        })),
      );
      await this.audit.record(manager, {
        actor,
        action: 'contribution.reverse',
        entityType: 'contribution',
        entityId: entry.id,
        before: { kind: entry.kind, usdAmount: formatMoney(entry.amount), reference: entry.reference },
        after: { reversedBy: reversalId, reason },
      });
    });
    const [row] = (await this.dataSource.query(`${CONTRIBUTION_SELECT} WHERE e.id = $1`, [
      contributionId,
    ])) as ContributionRow[];
    return toView(row);
  }

  /**
   * Contributions, newest first. Contributions by donor are public (the MPTF Office gateway
   * publishes them and the annual report lists them), so a donor viewer sees every donor's too,
   * with the figures the annual report shows; another donor's agreement reference stays with the
   * fund (null).
   */
  async list(user: AuthUser, query: ContributionQuery): Promise<Page<ContributionView>> {
    const { where, params } = contributionFilter(query);
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ledger_entries e JOIN organizations o ON o.id = e.donor_org_id ${where}`,
      params,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `${CONTRIBUTION_SELECT} ${where} ORDER BY e.entry_date DESC, e.seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, offsetOf(query)],
    )) as ContributionRow[];
    const views = rows.map(toView);
    const donorOnly = isDonorOnly(user);
    return pageOf(
      donorOnly
        ? views.map((view) =>
            view.donorCode === user.organizationCode ? view : { ...view, reference: null },
          )
        : views,
      total,
      query,
    );
  }

  /** Every contribution matching the filter in date order, unpaged (for reports, inside their snapshot). */
  async contributions(
    manager: EntityManager = this.dataSource.manager,
    filter: { donor?: string; year?: number; kind?: ContributionKind } = {},
  ): Promise<ContributionView[]> {
    const { where, params } = contributionFilter(filter);
    const rows = (await manager.query(
      `${CONTRIBUTION_SELECT} ${where} ORDER BY e.entry_date, e.seq`,
      params,
    )) as ContributionRow[];
    return rows.map(toView);
  }

  /** Per donor: commitments, deposits, AA fees and what is still to be paid (for donor reports). */
  async donorSummary(
    manager: EntityManager = this.dataSource.manager,
    filter: { year?: number; donorCode?: string } = {},
  ): Promise<DonorSummary[]> {
    const params: unknown[] = [];
    const conditions = [`e.kind IN ('COMMITMENT','DEPOSIT','AA_FEE')`];
    if (filter.year !== undefined) {
      params.push(filter.year);
      conditions.push(`e.year = $${params.length}`);
    }
    if (filter.donorCode) {
      params.push(filter.donorCode);
      conditions.push(`o.code = $${params.length}`);
    }
    const rows = (await manager.query(
      `SELECT o.code, o.name,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = 'COMMITMENT'), 0)::text AS commitments,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = 'DEPOSIT'), 0)::text AS deposits,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = 'AA_FEE'), 0)::text AS fees
         FROM ledger_entries e JOIN organizations o ON o.id = e.donor_org_id
        WHERE ${conditions.join(' AND ')}
        GROUP BY o.code, o.name
        ORDER BY sum(e.amount) FILTER (WHERE e.kind = 'DEPOSIT') DESC NULLS LAST, o.code`,
      params,
    )) as { code: string; name: string; commitments: string; deposits: string; fees: string }[];
    return rows.map((row) => {
      const outstanding = BigInt(row.commitments) - BigInt(row.deposits);
      return {
        donorCode: row.code,
        donorName: row.name,
        commitments: formatMoney(row.commitments),
        deposits: formatMoney(row.deposits),
        aaFees: formatMoney(row.fees),
        outstandingCommitments: formatMoney(outstanding > 0n ? outstanding : 0n),
      };
    });
  }
}

function contributionFilter(filter: { donor?: string; year?: number; kind?: ContributionKind }): {
  where: string;
  params: unknown[];
} {
  // Reversals show on the contribution they correct (reversedBy), not as rows of their own.
  const conditions = [`e.kind IN ('COMMITMENT','DEPOSIT')`, 'e.corrects_entry_id IS NULL'];
  const params: unknown[] = [];
  if (filter.donor) {
    params.push(filter.donor);
    conditions.push(`o.code = $${params.length}`);
  }
  if (filter.year !== undefined) {
    params.push(filter.year);
    conditions.push(`e.year = $${params.length}`);
  }
  if (filter.kind) {
    params.push(filter.kind);
    conditions.push(`e.kind = $${params.length}`);
  }
  return { where: `WHERE ${conditions.join(' AND ')}`, params };
}

function isDonorOnly(user: AuthUser): boolean {
  return hasRole(user, Role.DONOR_VIEWER) && !hasRole(user, Role.ADMIN, Role.FMU_OFFICER, Role.AA_OFFICER);
}

function toView(row: ContributionRow): ContributionView {
  const usd = BigInt(row.amount);
  const original = BigInt(row.original_amount);
  return {
    id: row.id,
    donorCode: row.donor_code,
    donorName: row.donor_name,
    kind: row.kind,
    currency: row.currency,
    amount: formatMoney(original),
    usdAmount: formatMoney(usd),
    exchangeRate: impliedRate(usd, original),
    date: row.entry_date,
    earmark: row.earmark === null ? null : { thematicAreaCode: row.earmark },
    aaFee: row.kind === 'DEPOSIT' ? formatMoney(row.fee ?? 0) : null,
    reference: row.reference,
    recordedAt: new Date(row.created_at).toISOString(),
    reversedBy: row.reversed_by,
  };
}
