/** The four donor reports of domain.md and the formats each is produced in. */
export enum ReportType {
  ANNUAL_CONSOLIDATED = 'ANNUAL_CONSOLIDATED',
  CONTRIBUTOR_STATEMENT = 'CONTRIBUTOR_STATEMENT',
  PROGRAMME_FACTSHEET = 'PROGRAMME_FACTSHEET',
  DECISION_PACK = 'DECISION_PACK',
}

export enum ReportFormat {
  PDF = 'pdf',
  CSV = 'csv',
  XLSX = 'xlsx',
}

export enum ReportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/** How one attempt of a run's job ended (report_run_attempts.outcome). */
export enum AttemptOutcome {
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}

export enum ReportTrigger {
  USER = 'USER',
  SCHEDULE = 'SCHEDULE',
}

/** What a report is about. Which keys a type needs is in `normalizeParameters`. */
export interface ReportParameters {
  year?: number;
  donorCode?: string;
  /** Without it, PROGRAMME_FACTSHEET covers the whole portfolio (the monthly portfolio factsheet). */
  programmeId?: string;
  meetingId?: string;
  /** ANNUAL_CONSOLIDATED: the final report (every narrative section written or left out). */
  final?: boolean;
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  [ReportFormat.PDF]: 'application/pdf',
  [ReportFormat.CSV]: 'text/csv; charset=utf-8',
  [ReportFormat.XLSX]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const TYPE_SLUGS: Record<ReportType, string> = {
  [ReportType.ANNUAL_CONSOLIDATED]: 'annual-report',
  [ReportType.CONTRIBUTOR_STATEMENT]: 'contributor-statement',
  [ReportType.PROGRAMME_FACTSHEET]: 'factsheet',
  [ReportType.DECISION_PACK]: 'decision-pack',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ORG_CODE = /^[A-Z0-9_]{2,20}$/;

export interface ParameterProblem {
  field: string;
  message: string;
}

/**
 * Checks and trims the parameters for a type: keeps only the keys the type uses (so two requests
 * for the same report compare equal), and lists every problem with its field.
 */
export function normalizeParameters(
  type: ReportType,
  input: ReportParameters,
): { parameters: ReportParameters; problems: ParameterProblem[] } {
  const problems: ParameterProblem[] = [];
  const parameters: ReportParameters = {};
  const need = (key: keyof ReportParameters, message: string) => {
    if (input[key] === undefined || input[key] === null)
      problems.push({ field: `parameters.${key}`, message });
  };
  if (input.year !== undefined && input.year !== null) {
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
      problems.push({ field: 'parameters.year', message: 'must be a year between 2000 and 2100' });
  }
  if (input.donorCode !== undefined && input.donorCode !== null && !ORG_CODE.test(input.donorCode))
    problems.push({ field: 'parameters.donorCode', message: 'must be an organization code such as DEU' });
  for (const key of ['programmeId', 'meetingId'] as const) {
    const value = input[key];
    if (value !== undefined && value !== null && !UUID.test(value))
      problems.push({ field: `parameters.${key}`, message: 'must be a UUID' });
  }

  switch (type) {
    case ReportType.ANNUAL_CONSOLIDATED:
      // Without a year: since inception, like /fund/status without one.
      if (input.year !== undefined && input.year !== null) parameters.year = input.year;
      if (input.final !== undefined && input.final !== null && typeof input.final !== 'boolean')
        problems.push({ field: 'parameters.final', message: 'must be true or false' });
      if (input.final === true) {
        need('year', 'is required for a final report (its narrative is written per year)');
        parameters.final = true;
      }
      break;
    case ReportType.CONTRIBUTOR_STATEMENT:
      need('donorCode', 'is required for a contributor statement');
      parameters.donorCode = input.donorCode;
      if (input.year !== undefined && input.year !== null) parameters.year = input.year;
      break;
    case ReportType.PROGRAMME_FACTSHEET:
      if (input.programmeId) parameters.programmeId = input.programmeId.toLowerCase();
      break;
    case ReportType.DECISION_PACK:
      need('meetingId', 'is required for a decision pack');
      if (input.meetingId) parameters.meetingId = input.meetingId.toLowerCase();
      break;
  }
  return { parameters, problems };
}

/** The same parameters in a stable key order, for comparing two requests. */
export function canonicalParameters(parameters: ReportParameters): string {
  const ordered = Object.keys(parameters)
    .sort()
    .filter((key) => parameters[key as keyof ReportParameters] !== undefined)
    .map((key) => [key, parameters[key as keyof ReportParameters]]);
  return JSON.stringify(Object.fromEntries(ordered));
}
