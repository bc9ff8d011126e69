import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProposalsModule } from '@mptf/proposals';
import { ContributionsService } from './contributions.service';
import { ExpenditureReport } from './expenditure-report.entity';
import { FinanceReadService } from './finance-read.service';
import { FinanceService } from './finance.service';
import { FundEntriesService } from './fund-entries.service';
import { Ledger } from './ledger';
import { LedgerEntry } from './ledger-entry.entity';
import { ProgrammeMoneyService } from './programme-money.service';
import { ProgrammeReversalsService } from './programme-reversals.service';

@Module({
  imports: [TypeOrmModule.forFeature([LedgerEntry, ExpenditureReport]), ProposalsModule],
  providers: [
    Ledger,
    FinanceService,
    ContributionsService,
    ProgrammeMoneyService,
    ProgrammeReversalsService,
    FundEntriesService,
    FinanceReadService,
  ],
  exports: [
    FinanceService,
    ContributionsService,
    ProgrammeMoneyService,
    ProgrammeReversalsService,
    FundEntriesService,
    FinanceReadService,
  ],
})
export class FinanceModule {}
