import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Cents, formatMoney } from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import { availableFromPools, poolAvailability } from './fund-math';
import { LedgerRepository } from './ledger.repository';
import { LookupRepository } from './lookup.repository';

/** What can be allocated, whole fund and per thematic area, at one moment. */
export interface AvailableFunds {
  /** The moment it stands for (null: now). */
  asOf: Date | null;
  total: Cents;
  /** Unearmarked money left (never below zero). */
  unearmarked: Cents;
  /** Per thematic area: what a programme of that area may use (earmarked for it + unearmarked). */
  byThematicArea: Map<number, Cents>;
}

/** `AvailableFunds` as JSON: decimal strings, areas keyed by code. */
export interface AvailableFundsView {
  asOf: string | null;
  available: string;
  unearmarked: string;
  byThematicArea: Record<string, string>;
}

/**
 * THE definition of "funds available for allocation" (domain.md, "Available for allocation"):
 * balance with the Administrative Agent − allocations not yet transferred (of programmes not
 * closed), respecting earmarks (fund-math `availableFromPools`). Every reader of the figure — the
 * SC decision's 409 AVAILABLE_FUNDS, GET /fund/status, GET /pipeline, the decision pack — asks
 * here; `asOf` counts only what was recorded by then.
 */
@Injectable()
export class AvailableFundsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly lookups: LookupRepository,
  ) {}

  /** For one thematic area (unearmarked + earmarked for it), or the whole fund without one. */
  async amount(
    manager: EntityManager = this.dataSource.manager,
    filter: { thematicAreaCode?: number | null; asOf?: Date } = {},
  ): Promise<Cents> {
    return availableFromPools(await this.ledger.pools(manager, filter.asOf), filter.thematicAreaCode);
  }

  async of(manager: EntityManager = this.dataSource.manager, asOf?: Date): Promise<AvailableFunds> {
    const pools = await this.ledger.pools(manager, asOf);
    const areas = await this.lookups.thematicAreaCodes(manager);
    const { unearmarked } = poolAvailability(pools);
    return {
      asOf: asOf ?? null,
      total: availableFromPools(pools),
      unearmarked: unearmarked > 0n ? unearmarked : 0n,
      byThematicArea: new Map(areas.map((code) => [code, availableFromPools(pools, code)])),
    };
  }

  async view(manager: EntityManager = this.dataSource.manager, asOf?: Date): Promise<AvailableFundsView> {
    return availableFundsView(await this.of(manager, asOf));
  }
}

export function availableFundsView(funds: AvailableFunds): AvailableFundsView {
  return {
    asOf: funds.asOf ? funds.asOf.toISOString() : null,
    available: formatMoney(funds.total),
    unearmarked: formatMoney(funds.unearmarked),
    byThematicArea: Object.fromEntries(
      [...funds.byThematicArea].map(([code, amount]) => [String(code), formatMoney(amount)]),
    ),
  };
}
