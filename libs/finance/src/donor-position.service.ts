import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '@mptf/identity';
import { CONTRIBUTOR_TYPES } from '@mptf/identity';
import { divideRounded, ForbiddenError, formatMoney, NotFoundError, ratio } from '@mptf/platform';
import { DataSource } from 'typeorm';
import { DonorPositionRepository } from './donor-position.repository';
import { mayReadDonorPosition } from './finance-access';

const BY_NAME = new Intl.Collator('en', { sensitivity: 'base' });

export interface DonorPosition {
  donorCode: string;
  donorName: string;
  /**
   * Per pledge currency: committed, paid and outstanding in that currency (the donor's own terms),
   * and in US$ at the rate of each entry's own date (why US$ commitments and deposits of the same
   * EUR amount differ: the rate moved between pledge and payment).
   */
  byCurrency: {
    currency: string;
    committed: string;
    paid: string;
    outstanding: string;
    committedUsd: string;
    paidUsd: string;
    /** paidUsd − committedUsd on what is paid: the gain (or loss) from the rate moving. */
    exchangeDifferenceUsd: string;
  }[];
  /** US$ received net of AA fees, and its share of every donor's. */
  netDepositsUsd: string;
  shareOfFund: string;
  /** What its money funds: per thematic area, its earmarks and its share of transfers to programmes. */
  funds: { thematicAreaCode: number; title: string; earmarkedUsd: string; attributedTransfersUsd: string }[];
}

/** A donor's own position in the fund, for its home page. */
@Injectable()
export class DonorPositionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DonorPositionRepository,
  ) {}

  async position(user: AuthUser, donorCode: string): Promise<DonorPosition> {
    const code = donorCode.toUpperCase();
    if (!mayReadDonorPosition(user, code))
      throw new ForbiddenError("A donor sees its own position, not another donor's");
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const donor = await this.repository.donor(manager, code);
      if (!donor) throw new NotFoundError('Donor', code);
      const [currencies, net, areas] = await Promise.all([
        this.repository.byCurrency(manager, donor.id),
        this.repository.netDeposits(manager, donor.id),
        this.repository.areas(manager, donor.id),
      ]);
      return {
        donorCode: donor.code,
        donorName: donor.name,
        byCurrency: currencies.map((row) => {
          const outstanding = row.committedOriginal - row.paidOriginal;
          // The US$ value of the paid part of the pledge, at the pledge's own rate.
          const paidAtPledgeRate =
            row.committedOriginal === 0n
              ? row.paidUsd
              : divideRounded(row.committedUsd * row.paidOriginal, row.committedOriginal);
          return {
            currency: row.currency,
            committed: formatMoney(row.committedOriginal),
            paid: formatMoney(row.paidOriginal),
            outstanding: formatMoney(outstanding > 0n ? outstanding : 0n),
            committedUsd: formatMoney(row.committedUsd),
            paidUsd: formatMoney(row.paidUsd),
            exchangeDifferenceUsd: formatMoney(row.paidUsd - paidAtPledgeRate),
          };
        }),
        netDepositsUsd: formatMoney(net.own),
        shareOfFund: ratio(net.own, net.all),
        funds: areas
          .map((area) => ({
            thematicAreaCode: area.code,
            title: area.title,
            earmarkedUsd: formatMoney(area.earmarkedUsd),
            attributedTransfersUsd: formatMoney(
              net.all === 0n ? 0n : divideRounded(area.transfersUsd * net.own, net.all),
            ),
          }))
          .filter((area) => area.earmarkedUsd !== '0.00' || area.attributedTransfersUsd !== '0.00'),
      };
    });
  }

  /** The contributor picker: donors by name, searchable (never the fund's own offices nor UN entities). */
  async donors(query: { q?: string; contributedOnly?: boolean; limit?: number }) {
    const rows = await this.repository.donors(this.dataSource, {
      types: CONTRIBUTOR_TYPES,
      q: query.q,
      contributedOnly: query.contributedOnly ?? false,
    });
    // By name as people read it ("Côte d'Ivoire" among the Cs), whatever the database's collation.
    return rows.sort((a, b) => BY_NAME.compare(a.name, b.name)).slice(0, query.limit ?? 50);
  }
}
