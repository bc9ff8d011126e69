import { Injectable } from '@nestjs/common';
import { FinanceReadService, ProgrammeMoneyService } from '@mptf/finance';
import { formatMoney, parseMoney } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import { reversalNote } from '../compose-helpers';
import { ProgrammeMoney, ProgrammeMoneyReader } from '../extension-points';

/**
 * The factsheet's money from finance: the figures of `GET /programmes/:id` (FinanceReadService)
 * and the expenditure by budget category of the current version of each PUNO's yearly reports.
 */
@Injectable()
export class FinanceProgrammeMoneyReader implements ProgrammeMoneyReader {
  constructor(
    private readonly finance: FinanceReadService,
    private readonly money: ProgrammeMoneyService,
  ) {}

  async programmeMoney(manager: EntityManager, programmeId: string): Promise<ProgrammeMoney> {
    const programme = await this.finance.programme(manager, programmeId);
    const reports = await this.money.expenditureReports(manager, programmeId);
    const byCategory = new Map<number, bigint>();
    for (const report of reports.filter((candidate) => candidate.current))
      for (const line of report.lines)
        byCategory.set(
          line.categoryCode,
          (byCategory.get(line.categoryCode) ?? 0n) + parseMoney(line.amount),
        );
    return {
      allocated: programme.allocated,
      transferred: programme.transferred,
      refunded: programme.refunded,
      netFunded: programme.netFunded,
      expenditure: programme.expenditure,
      deliveryRate: programme.deliveryRate,
      byOrganization: programme.organizations.map((org) => ({
        orgCode: org.orgCode,
        allocated: org.allocated,
        transferred: org.transferred,
        refunded: org.refunded,
        expenditure: org.expenditure,
        deliveryRate: org.deliveryRate,
      })),
      expenditureByCategory: [...byCategory.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([categoryCode, amount]) => ({ categoryCode, amount: formatMoney(amount) })),
      transfers: programme.movements
        .filter((movement) => movement.kind === 'TRANSFER')
        .map((movement) => ({
          date: movement.date,
          orgCode: movement.orgCode,
          amount: movement.amount,
          note: reversalNote(movement),
        })),
    };
  }
}
