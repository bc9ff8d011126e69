import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProposalsModule } from '@mptf/proposals';
import { AgencyInterestRepository } from './agency-interest.repository';
import { AgencyInterestService } from './agency-interest.service';
import { AvailableFundsService } from './available-funds.service';
import { ContributionRepository } from './contribution.repository';
import { ContributionsService } from './contributions.service';
import { DonorPositionRepository } from './donor-position.repository';
import { DonorPositionService } from './donor-position.service';
import { ExpenditureReportRepository } from './expenditure-report.repository';
import { ExpenditureReport } from './expenditure-report.entity';
import { FinanceReadService } from './finance-read.service';
import { FinanceService } from './finance.service';
import { FundEntriesService } from './fund-entries.service';
import { FundEntryRepository } from './fund-entry.repository';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerRepository } from './ledger.repository';
import { LookupRepository } from './lookup.repository';
import { PortfolioRepository } from './portfolio.repository';
import { ProgrammeMoneyService } from './programme-money.service';
import { ProgrammeReadRepository } from './programme-read.repository';
import { ProgrammeReversalsService } from './programme-reversals.service';
import { ProgrammeRepository } from './programme.repository';
import { ReallocationRepository } from './reallocation.repository';
import { ReallocationService } from './reallocation.service';
import { ReportFiguresRepository } from './report-figures.repository';
import { FinanceReportReader } from './report-figures.service';

const REPOSITORIES = [
  LedgerRepository,
  LookupRepository,
  ProgrammeRepository,
  ContributionRepository,
  FundEntryRepository,
  ExpenditureReportRepository,
  ProgrammeReadRepository,
  PortfolioRepository,
  ReportFiguresRepository,
  DonorPositionRepository,
  ReallocationRepository,
  AgencyInterestRepository,
];

const SERVICES = [
  AvailableFundsService,
  FinanceService,
  ContributionsService,
  ProgrammeMoneyService,
  ProgrammeReversalsService,
  FundEntriesService,
  FinanceReadService,
  FinanceReportReader,
  DonorPositionService,
  ReallocationService,
  AgencyInterestService,
];

@Module({
  imports: [TypeOrmModule.forFeature([LedgerEntry, ExpenditureReport]), ProposalsModule],
  providers: [...REPOSITORIES, ...SERVICES],
  exports: SERVICES,
})
export class FinanceModule {}
