import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { CONTRIBUTOR_TYPES, hasRole, Role } from '@mptf/identity';
import {
  Cents,
  Clock,
  ConflictError,
  formatMoney,
  NotFoundError,
  sumCents,
  offsetOf,
  Page,
  pageOf,
  ratio,
  RuleViolationError,
  ValidationError,
} from '@mptf/platform';
import { ReferenceService } from '@mptf/reference';
import { DataSource, EntityManager } from 'typeorm';
import {
  CONTRIBUTION_SELECT,
  contributionFilter,
  ContributionRow,
  ContributionView,
  toContributionView,
} from './contribution-view';
import { currencyViolations, rateViolations } from './currencies';
import {
  amountViolations,
  dateViolations,
  entryBounds,
  positiveViolations,
  refuseViolations,
} from './entry-bounds';
import { aaFeeOn, availableFromPools, impliedRate, poolAvailability } from './fund-math';
import { Ledger } from './ledger';
import { ContributionKind, LedgerKind } from './ledger-kind';
import { alreadyReversed, insufficient, oneReversal, reversalOfReversal } from './money-errors';

export type { ContributionView } from './contribution-view';

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

  /**
   * A commitment or a deposit. Refused with 422 naming each problem: a currency that is not an
   * active ISO 4217 code, amounts not above zero or (in US$) above the fund's maximum, a rate the
   * two amounts imply outside what any currency trades at, a date before the fund's inception or
   * in the future, a donor that is not a contributor; 409 for a reference already recorded.
   */
  async record(actor: AuthUser, input: RecordContributionInput): Promise<ContributionView> {
    const currency = input.currency.toUpperCase();
    const usdAmount = input.usdAmount ?? (currency === 'USD' ? input.amount : undefined);
    if (usdAmount === undefined)
      throw ValidationError.field('usdAmount', 'is required for a contribution not in USD');
    if (currency === 'USD' && usdAmount !== input.amount)
      throw ValidationError.field('usdAmount', 'must equal amount for a US$ contribution');

    const id = await this.dataSource.transaction(async (manager) => {
      const settings = await this.reference.fundSettings(manager);
      const bounds = entryBounds(settings, this.clock.today());
      refuseViolations([
        ...currencyViolations('currency', currency),
        ...positiveViolations('amount', input.amount),
        ...amountViolations('usdAmount', usdAmount, bounds),
        ...rateViolations('usdAmount', usdAmount, input.amount),
        ...dateViolations('date', input.date, bounds),
      ]);
      const donorId = await this.contributorId(manager, input.donorCode);
      const earmark = input.earmark?.thematicAreaCode ?? null;
      if (earmark !== null) {
        const known = (await manager.query('SELECT 1 FROM thematic_areas WHERE code = $1', [
          earmark,
        ])) as unknown[];
        if (!known.length) throw ValidationError.field('earmark.thematicAreaCode', 'is not a thematic area');
      }
      if (input.reference) await this.refuseDuplicateReference(manager, input.kind, input.reference);
      const entryId = await this.ledger.post(manager, {
        kind: input.kind === 'DEPOSIT' ? LedgerKind.DEPOSIT : LedgerKind.COMMITMENT,
        entryDate: input.date,
        amount: usdAmount,
        currency,
        originalAmount: input.amount,
        exchangeRate: ratio(usdAmount, input.amount, 10),
        donorOrgId: donorId,
        earmarkThematicAreaCode: earmark,
        reference: input.reference ?? null,
        actorId: actor.id,
      });
      let fee = 0n;
      if (input.kind === 'DEPOSIT') {
        fee = aaFeeOn(usdAmount, settings.aaFeeRate);
        if (fee > 0n) {
          await this.ledger.post(manager, {
            kind: LedgerKind.AA_FEE,
            entryDate: input.date,
            amount: fee,
            donorOrgId: donorId,
            earmarkThematicAreaCode: earmark,
            relatedEntryId: entryId,
            description: `AA fee at ${settings.aaFeeRate} of the deposit`,
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
    return this.view(id);
  }

  /**
   * Corrects a contribution recorded by mistake: new entries reverse it (and its AA fee), dated
   * today, nothing is updated; returns the reversing entry. Reversing a deposit takes money out,
   * so it is serialized on the fund and refused (409 with the amount available) when the money is
   * already promised to programmes or spent. 404 unknown, 409 already reversed or itself a reversal.
   */
  async reverse(actor: AuthUser, contributionId: string, reason: string): Promise<ContributionView> {
    const reversalId = await oneReversal('Contribution', contributionId, () =>
      this.dataSource.transaction(async (manager) => {
        await this.ledger.lockFund(manager);
        const [entry] = (await manager.query(
          `SELECT e.id, e.kind, e.amount::text AS amount, e.original_amount::text AS original_amount, e.currency,
                  e.exchange_rate::text AS exchange_rate, e.donor_org_id, e.earmark_thematic_area_code AS earmark,
                  e.reference, e.corrects_entry_id,
                  (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
             FROM ledger_entries e
            WHERE e.id = $1 AND e.kind IN ('COMMITMENT','DEPOSIT')`,
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
          corrects_entry_id: string | null;
          reversed_by: string | null;
        }[];
        if (!entry) throw new NotFoundError('Contribution', contributionId);
        if (entry.corrects_entry_id) throw reversalOfReversal('Contribution', contributionId);
        if (entry.reversed_by) throw alreadyReversed('Contribution', contributionId);
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
          if (unearmarked < 0n)
            throw insufficient(
              'AVAILABLE_FUNDS',
              `Reversing this deposit would take back ${formatMoney(net)} that is already allocated or transferred`,
              availableFromPools(pools, entry.earmark),
            );
        }
        const today = this.clock.today();
        const reversal = await this.ledger.post(manager, {
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
            relatedEntryId: reversal,
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
          after: { reversedBy: reversal, reason, date: today },
        });
        return reversal;
      }),
    );
    return this.view(reversalId);
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
    const views = rows.map(toContributionView);
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
    return rows.map(toContributionView);
  }

  private async view(id: string): Promise<ContributionView> {
    const [row] = (await this.dataSource.query(`${CONTRIBUTION_SELECT} WHERE e.id = $1`, [
      id,
    ])) as ContributionRow[];
    return toContributionView(row);
  }

  /** The donor's id: 400 for an unknown code, 422 for an organization that is no contributor. */
  private async contributorId(manager: EntityManager, code: string): Promise<string> {
    const [donor] = (await manager.query('SELECT id, type, active FROM organizations WHERE code = $1', [
      code,
    ])) as { id: string; type: string; active: boolean }[];
    if (!donor) throw ValidationError.field('donorCode', `${code} is not a known organization`);
    if (!(CONTRIBUTOR_TYPES as readonly string[]).includes(donor.type) || !donor.active) {
      const message = `${code} is not a contributor: donors are active Member States or other contributors (${CONTRIBUTOR_TYPES.join(', ')}), not ${donor.type}`;
      throw new RuleViolationError(message, [{ field: 'donorCode', rule: 'CONTRIBUTOR', message }]);
    }
    return donor.id;
  }

  /**
   * A donor's agreement or deposit reference names one standing contribution: a reversed one
   * frees its reference for the corrected entry. Serialized per reference (an advisory lock), so
   * two concurrent requests cannot both pass the check.
   */
  private async refuseDuplicateReference(
    manager: EntityManager,
    kind: ContributionKind,
    reference: string,
  ): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `contribution-reference:${kind}:${reference}`,
    ]);
    const duplicate = (await manager.query(
      `SELECT 1 FROM ledger_entries e
        WHERE e.kind = $1 AND e.reference = $2 AND e.corrects_entry_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.corrects_entry_id = e.id)`,
      [kind, reference],
    )) as unknown[];
    if (duplicate.length)
      throw new ConflictError(`A ${kind.toLowerCase()} with reference ${reference} is already recorded`);
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

function isDonorOnly(user: AuthUser): boolean {
  return hasRole(user, Role.DONOR_VIEWER) && !hasRole(user, Role.ADMIN, Role.FMU_OFFICER, Role.AA_OFFICER);
}
