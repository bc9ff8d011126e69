import { Foundation1764460800000 } from './1764460800000-Foundation';
import { Proposals1764547200000 } from './1764547200000-Proposals';
import { ProposalIntake1764633600000 } from './1764633600000-ProposalIntake';
import { Finance1764720000000 } from './1764720000000-Finance';
import { Results1764806400000 } from './1764806400000-Results';
import { Reporting1764892800000 } from './1764892800000-Reporting';
import { Review1764979200000 } from './1764979200000-Review';
import { IndicatorStandings1765065600000 } from './1765065600000-IndicatorStandings';
import { StandingsSkipDrafts1765152000000 } from './1765152000000-StandingsSkipDrafts';
import { PunoLedgerSums1765238400000 } from './1765238400000-PunoLedgerSums';
import { ProposalReferenceSequences1765324800000 } from './1765324800000-ProposalReferenceSequences';
import { ActingChair1765500000000 } from './1765500000000-ActingChair';
import { MoneyCorrections1765600000000 } from './1765600000000-MoneyCorrections';
import { IdentityViews1765700000000 } from './1765700000000-IdentityViews';
import { ReferenceViews1765700100000 } from './1765700100000-ReferenceViews';
import { ProposalsViews1765700200000 } from './1765700200000-ProposalsViews';
import { ProposalReviewRound1765700300000 } from './1765700300000-ProposalReviewRound';
import { ProposalsMoneyResultsViews1765750050000 } from './1765750050000-ProposalsMoneyResultsViews';
import { FinanceMoneyViews1765750100000 } from './1765750100000-FinanceMoneyViews';
import { ResultsOnTrackRule1765750200000 } from './1765750200000-ResultsOnTrackRule';
import { MeetingPackSnapshots1765810000000 } from './1765810000000-MeetingPackSnapshots';
import { IndicatorAggregation1765811000000 } from './1765811000000-IndicatorAggregation';
import { ReportNarratives1765812000000 } from './1765812000000-ReportNarratives';
import { FundPublisherSettings1765820000000 } from './1765820000000-FundPublisherSettings';
import { ProgrammeWork1765830000000 } from './1765830000000-ProgrammeWork';
import { Notifications1765840000000 } from './1765840000000-Notifications';
import { RequiredDocuments1765850000000 } from './1765850000000-RequiredDocuments';
import { ProposalTrigramSearch1765860000000 } from './1765860000000-ProposalTrigramSearch';
import { ReportBatches1765870000000 } from './1765870000000-ReportBatches';
import { ReferenceFundRateView1765920000000 } from './1765920000000-ReferenceFundRateView';
import { ProposalStatusAsOf1765930000000 } from './1765930000000-ProposalStatusAsOf';
import { AgencyInterest1765930100000 } from './1765930100000-AgencyInterest';
import { ListSearchIndexes1765940000000 } from './1765940000000-ListSearchIndexes';
import { MailBounceBlock1765970000000 } from './1765970000000-MailBounceBlock';
import { RevisionReallocation1765971000000 } from './1765971000000-RevisionReallocation';
import { ProposalSearchTrigger1766300000000 } from './1766300000000-ProposalSearchTrigger';
import { ProposalBudgetTotal1766400000000 } from './1766400000000-ProposalBudgetTotal';
/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set. */
export const MIGRATIONS = [
  Foundation1764460800000,
  Proposals1764547200000,
  ProposalIntake1764633600000,
  Finance1764720000000,
  Results1764806400000,
  Reporting1764892800000,
  Review1764979200000,
  IndicatorStandings1765065600000,
  StandingsSkipDrafts1765152000000,
  PunoLedgerSums1765238400000,
  ProposalReferenceSequences1765324800000,
  ActingChair1765500000000,
  MoneyCorrections1765600000000,
  IdentityViews1765700000000,
  ReferenceViews1765700100000,
  ProposalsViews1765700200000,
  ProposalReviewRound1765700300000,
  ProposalsMoneyResultsViews1765750050000,
  FinanceMoneyViews1765750100000,
  ResultsOnTrackRule1765750200000,
  MeetingPackSnapshots1765810000000,
  IndicatorAggregation1765811000000,
  ReportNarratives1765812000000,
  FundPublisherSettings1765820000000,
  ProgrammeWork1765830000000,
  Notifications1765840000000,
  RequiredDocuments1765850000000,
  ProposalTrigramSearch1765860000000,
  ReportBatches1765870000000,
  ReferenceFundRateView1765920000000,
  ProposalStatusAsOf1765930000000,
  AgencyInterest1765930100000,
  ListSearchIndexes1765940000000,
  MailBounceBlock1765970000000,
  RevisionReallocation1765971000000,
  ProposalSearchTrigger1766300000000,
  ProposalBudgetTotal1766400000000,
];
