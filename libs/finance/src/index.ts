export * from './ledger-kind';
export * from './fund-math';
export * from './ledger-entry.entity';
export * from './expenditure-report.entity';
export * from './finance-access';
export * from './finance-read.types';
export * from './programme-money.types';
export * from './contribution-view';
export * from './currencies';
export * from './finance.service';
export * from './available-funds.service';
export * from './contributions.service';
export * from './programme-money.service';
export * from './programme-reversals.service';
export * from './fund-entries.service';
export * from './finance-read.service';
export * from './donor-position.service';
// Its statement is what the benchmark runs over raw pg (bench/lib/captured-sql.ts).
export { PortfolioRepository } from './portfolio.repository';
// The annual report's annex statements, which the benchmark runs over raw pg too.
export { ReportFiguresRepository } from './report-figures.repository';
export * from './finance.module';
export * from './exports/programme-allocations.reader';
export * from './exports/expenditure-by-category.reader';
export * from './pledge-math';
export * from './report-figures.service';
