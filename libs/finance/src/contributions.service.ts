import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { CONTRIBUTOR_TYPES } from '@mptf/identity';
import {
  Cents,
  Clock,
  ConflictError,
  formatMoney,
  formatUsd,
  NotFoundError,
  Page,
  pageOf,
  ratio,
  RuleViolationError,
  sumCents,
  ValidationError,
} from '@mptf/platform';
import { ReferenceService } from '@mptf/reference';
import { DataSource, EntityManager } from 'typeorm';
import { ContributionView } from './contribution-view';
import { ContributionFilter, ContributionRepository } from './contribution.repository';
import { currencyViolations, rateViolations } from './currencies';
import {
  amountViolations,
  dateViolations,
  entryBounds,
  positiveViolations,
  refuseViolations,
} from './entry-bounds';
import { aaFeeOn, availableFromPools, impliedRate, poolAvailability } from './fund-math';
import { seesContributionReference, seesContributionReferenceCondition } from './finance-access';
import { ContributionKind, LedgerKind } from './ledger-kind';
import { LedgerRepository } from './ledger.repository';
import { LookupRepository } from './lookup.repository';
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
  /** Donor code or name, currency or (one the user may see) reference; prefixes match. */
  q?: string;
  /** `field` or `-field`, several comma-separated (CONTRIBUTION_SORT_FIELDS). */
  sort?: string;
  page: number;
  pageSize: number;
}

/** A page of contributions with the US$ of deposits and commitments and the AA fees of the whole filtered list. */
export interface ContributionPage extends Page<ContributionView> {
  totals: { deposits: string; commitments: string; aaFee: string };
}

/** Donors' commitments and deposits; a deposit posts the AA fee in the same transaction. */
@Injectable()
export class ContributionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly contributionRepository: ContributionRepository,
    private readonly lookups: LookupRepository,
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
      if (earmark !== null && !(await this.lookups.thematicAreaCodes(manager)).includes(earmark))
        throw ValidationError.field('earmark.thematicAreaCode', 'is not a thematic area');
      if (input.reference) await this.refuseDuplicateReference(manager, input.kind, input.reference);
      const entryId = await this.ledger.post(manager, {
        kind: input.kind,
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
      if (input.kind === LedgerKind.DEPOSIT) {
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
          aaFee: input.kind === LedgerKind.DEPOSIT ? formatMoney(fee) : null,
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
        const entry = await this.contributionRepository.findForReversal(manager, contributionId);
        if (!entry) throw new NotFoundError('Contribution', contributionId);
        if (entry.correctsEntryId) throw reversalOfReversal('Contribution', contributionId);
        if (entry.reversedBy) throw alreadyReversed('Contribution', contributionId);
        const fees = await this.contributionRepository.feesOf(manager, entry.id);
        const net = entry.amount - sumCents(fees.map((fee) => fee.amount));
        if (entry.kind === LedgerKind.DEPOSIT) {
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
              `Reversing this deposit would take back ${formatUsd(net)} that is already allocated or transferred`,
              availableFromPools(pools, entry.earmark),
            );
        }
        const today = this.clock.today();
        const reversal = await this.ledger.post(manager, {
          kind: entry.kind,
          entryDate: today,
          amount: -entry.amount,
          currency: entry.currency,
          originalAmount: -entry.originalAmount,
          exchangeRate: entry.exchangeRate,
          donorOrgId: entry.donorOrgId,
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
            amount: -fee.amount,
            donorOrgId: entry.donorOrgId,
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
   * fund (null). Read through `snapshot` when given (an export reading every page in one).
   */
  async list(user: AuthUser, query: ContributionQuery, snapshot?: EntityManager): Promise<ContributionPage> {
    const filter = {
      ...query,
      referenceVisible: (donorCode: string, bind: (value: unknown) => string) =>
        seesContributionReferenceCondition(user, donorCode, bind),
    };
    const read = async (manager: EntityManager): Promise<ContributionPage> => {
      const total = await this.contributionRepository.count(manager, filter);
      const views = await this.contributionRepository.page(manager, filter, query);
      const totals = await this.contributionRepository.totals(manager, filter);
      const items = views.map((view) =>
        seesContributionReference(user, view.donorCode) ? view : { ...view, reference: null },
      );
      return {
        ...pageOf(items, total, query),
        totals: {
          deposits: formatMoney(totals.deposits),
          commitments: formatMoney(totals.commitments),
          aaFee: formatMoney(totals.aaFee),
        },
      };
    };
    // The page, its count and its totals from one snapshot: the caller's (an export) or its own.
    return snapshot ? read(snapshot) : this.dataSource.transaction('REPEATABLE READ', read);
  }

  /** Every contribution matching the filter in date order, unpaged (for reports, inside their snapshot). */
  async contributions(
    manager: EntityManager = this.dataSource.manager,
    filter: ContributionFilter = {},
  ): Promise<ContributionView[]> {
    return this.contributionRepository.all(manager, filter);
  }

  private async view(id: string): Promise<ContributionView> {
    const view = await this.contributionRepository.find(this.dataSource.manager, id);
    if (!view) throw new NotFoundError('Contribution', id);
    return view;
  }

  /** The donor's id: 400 for an unknown code, 422 for an organization that is no contributor. */
  private async contributorId(manager: EntityManager, code: string): Promise<string> {
    const donor = await this.lookups.organization(manager, code);
    if (!donor) throw ValidationError.field('donorCode', `${code} is not a known organization`);
    if (!CONTRIBUTOR_TYPES.includes(donor.type) || !donor.active) {
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
    if (await this.contributionRepository.referenceInUse(manager, kind, reference))
      throw new ConflictError(`A ${kind.toLowerCase()} with reference ${reference} is already recorded`);
  }
}
