import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProposalsModule } from '@mptf/proposals';
import { ContributionsService } from './contributions.service';
import { ExpenditureReport } from './expenditure-report.entity';
import { FinanceReadService } from './finance-read.service';
import { FinanceService } from './finance.service';
import { Ledger } from './ledger';
import { LedgerEntry } from './ledger-entry.entity';
import { ProgrammeMoneyService } from './programme-money.service';

@Module({
  imports: [TypeOrmModule.forFeature([LedgerEntry, ExpenditureReport]), ProposalsModule],
  providers: [Ledger, FinanceService, ContributionsService, ProgrammeMoneyService, FinanceReadService],
  exports: [FinanceService, ContributionsService, ProgrammeMoneyService, FinanceReadService],
})
export class FinanceModule {}
