import type { AuthUser } from '@mptf/identity';
import { OrganizationType, Role } from '@mptf/identity';
import { PROGRAMME_STATUSES, ProposalStatus } from '@mptf/proposals';
import { Clock } from '@mptf/platform';
import {
  ActualsService,
  addDays,
  addMonths,
  IndicatorAggregation,
  IndicatorMeasure,
  programmeWindow,
  REPORTING_STATUSES,
  ResultsMatrixService,
  ResultType,
} from '@mptf/results';
import type { DemoContext, DemoStep } from './demo-context';

/** What the demo matrix says, per thematic area (outcome, two outputs). */
const AREA_TEXT: Record<
  number,
  {
    outcome: string;
    outputs: [string, string];
    reached: string;
    trained: string;
    /** The fund indicators they roll up to: only one of the same unit and meaning (null: none). */
    reachedFund: string | null;
    trainedFund: string | null;
  }
> = {
  1: {
    outcome: 'Migration policy and planning in the country draw on accurate, disaggregated data',
    outputs: [
      'National statistics and migration agencies produce and share disaggregated migration data',
      'Policy makers and media use evidence on migration in public debate and planning',
    ],
    reached: 'Staff of data-producing institutions trained on migration statistics',
    trained: 'Officials and journalists trained on evidence-based migration discourse',
    // FI-1.1 counts institutions and FI-1.2 policies: people trained roll up to neither.
    reachedFund: null,
    trainedFund: null,
  },
  2: {
    outcome: 'Migrants in vulnerable situations are better protected and assisted',
    outputs: [
      'Service providers deliver rights-based protection and assistance to migrants',
      'Authorities apply human rights-based, gender-responsive and child-sensitive procedures',
    ],
    reached: 'Migrants in vulnerable situations receiving protection or assistance services',
    trained: 'Officials and service providers trained on rights-based protection',
    reachedFund: 'FI-2.1',
    trainedFund: 'FI-2.2',
  },
  3: {
    outcome: 'Border governance is rights-based and fewer migrants fall prey to smugglers and traffickers',
    outputs: [
      'Victims of trafficking and smuggled migrants are identified and referred to assistance',
      'Border and law-enforcement agencies apply rights-based procedures',
    ],
    reached: 'Victims of trafficking and smuggled migrants identified and referred to assistance',
    trained: 'Border and law-enforcement officials trained on rights-based border governance',
    // Victims identified are FI-3.2 and border officials trained FI-3.1 (not the other way round).
    reachedFund: 'FI-3.2',
    trainedFund: 'FI-3.1',
  },
  4: {
    outcome: 'Migrant workers use safe, regular and fair labour migration pathways',
    outputs: [
      'Migrant workers benefit from fair recruitment and skills recognition',
      'Labour and migration authorities negotiate and implement labour mobility schemes',
    ],
    reached: 'Migrant workers placed through fair recruitment or with recognized skills',
    trained: 'Labour inspectors and recruiters trained on fair and ethical recruitment',
    reachedFund: 'FI-4.1',
    trainedFund: null,
  },
  5: {
    outcome: 'Migrants are included in the communities where they live',
    outputs: [
      'Migrants have access to health, education, housing and justice services',
      'Local governments implement inclusion and social cohesion plans',
    ],
    reached: 'Migrants with improved access to basic services',
    trained: 'Municipal staff and service providers trained on inclusive service delivery',
    reachedFund: 'FI-5.1',
    trainedFund: null,
  },
};

interface Period {
  periodStart: string;
  periodEnd: string;
}

/** Annual reporting periods from the programme start, the last one cut at the programme end. */
function annualPeriods(window: { start: string; end: string }): Period[] {
  const periods: Period[] = [];
  for (let start = window.start; start <= window.end; start = addMonths(start, 12)) {
    const end = addDays(addMonths(start, 12), -1);
    periods.push({ periodStart: start, periodEnd: end < window.end ? end : window.end });
  }
  return periods;
}

async function userWith(context: DemoContext, role: Role, orgIds: string[] | null): Promise<AuthUser | null> {
  const rows = (await context.dataSource.query(
    `SELECT u.id, u.email, u.name, u.roles, u.organization_id, o.code, o.type
     FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
     WHERE u.active AND $1 = ANY(u.roles) AND ($2::uuid[] IS NULL OR u.organization_id = ANY($2::uuid[]))
     ORDER BY u.email LIKE '%@mptf.test' DESC, u.created_at LIMIT 1`,
    [role, orgIds],
  )) as {
    id: string;
    email: string;
    name: string;
    roles: Role[];
    organization_id: string | null;
    code: string | null;
    type: OrganizationType | null;
  }[];
  if (!rows.length) return null;
  const row = rows[0];
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    organizationId: row.organization_id,
    organizationCode: row.code,
    organizationType: row.type,
  };
}

/** Integer-looking decimal of `base × percent / 100`. */
function scaled(base: number, percent: number): string {
  return String(Math.round((base * percent) / 100));
}

/**
 * Gives each programme (that has none yet) a believable results matrix — an outcome, two outputs,
 * four indicators linked to the fund indicators of its thematic area, baselines, annual targets,
 * sex and age disaggregation — and actuals for the periods that have started, in every state:
 * older periods approved, the latest ones submitted, returned or draft, and some left overdue.
 * Goes through the real services (FMU edits the matrix, a focal point of a PUNO reports, the FMU
 * reviews). Idempotent: programmes with a matrix are skipped.
 */
export async function seedDemoResults(context: DemoContext, programmeIds: string[]): Promise<void> {
  const matrices = context.app.get(ResultsMatrixService);
  const actuals = context.app.get(ActualsService);
  const today = context.app.get(Clock).today();
  const fmu = await userWith(context, Role.FMU_OFFICER, null);
  if (!fmu) {
    context.progress('demo: results skipped (no FMU officer to enter the matrices)');
    return;
  }
  const fundCodes = new Set(
    (
      (await context.dataSource.query(`SELECT code FROM fund_indicators WHERE active`)) as { code: string }[]
    ).map((r) => r.code),
  );
  let seeded = 0;
  let reported = 0;

  for (const [index, programmeId] of programmeIds.entries()) {
    const [programme] = (await context.dataSource.query(
      `SELECT p.id, p.status, p.thematic_area_code, p.start_date::text AS start_date, p.created_at, p.duration_months,
              (SELECT array_agg(gcm_objective_code::int ORDER BY gcm_objective_code) FROM proposal_objectives
                WHERE proposal_id = p.id) AS objectives,
              (SELECT array_agg(organization_id) FROM proposal_organizations WHERE proposal_id = p.id) AS orgs,
              EXISTS (SELECT 1 FROM matrix_results r WHERE r.proposal_id = p.id) AS has_matrix
       FROM proposals p WHERE p.id = $1`,
      [programmeId],
    )) as {
      id: string;
      status: ProposalStatus;
      thematic_area_code: number;
      start_date: string | null;
      created_at: Date;
      duration_months: number;
      objectives: number[] | null;
      orgs: string[] | null;
      has_matrix: boolean;
    }[];
    if (!programme || programme.has_matrix) continue;

    const area = programme.thematic_area_code;
    const text = AREA_TEXT[area] ?? AREA_TEXT[2];
    const fund = (code: string | null) => (code && fundCodes.has(code) ? code : null);
    const objectives = programme.objectives ?? [];
    const window = programmeWindow({
      startDate: programme.start_date,
      createdAt: programme.created_at,
      durationMonths: programme.duration_months,
    });
    const periods = annualPeriods(window);
    const size = 800 + (index % 5) * 350; // people reached per year, varying across the portfolio
    const baselineYear = Number(window.start.slice(0, 4)) - 1;

    await matrices.replace(fmu, programmeId, {
      results: [
        {
          key: 'OC1',
          type: ResultType.OUTCOME,
          title: text.outcome,
          indicators: [
            {
              key: 'OC1.1',
              title: 'Share of supported migrants reporting improved safety, wellbeing or access to rights',
              measure: IndicatorMeasure.PERCENTAGE,
              ascending: true,
              unit: '%',
              gcmObjectiveCodes: objectives.slice(0, 1),
              baseline: { year: baselineYear, value: 35 },
              targets: periods.map((p, i) => ({ ...p, value: Math.min(45 + i * 10, 90) })),
            },
          ],
        },
        {
          key: 'OP1',
          type: ResultType.OUTPUT,
          parentKey: 'OC1',
          title: text.outputs[0],
          indicators: [
            {
              key: 'OP1.1',
              title: `${text.reached}, cumulative since the start`,
              measure: IndicatorMeasure.UNIT,
              // Running totals (800, 1,000, 1,200): the end target is the last, never their sum.
              aggregation: IndicatorAggregation.CUMULATIVE,
              ascending: true,
              unit: 'people',
              fundIndicatorCode: fund(text.reachedFund),
              baseline: { year: baselineYear, value: 0 },
              targets: periods.map((p, i) => ({ ...p, value: size + i * 200 })),
            },
          ],
        },
        {
          key: 'OP2',
          type: ResultType.OUTPUT,
          parentKey: 'OC1',
          title: text.outputs[1],
          indicators: [
            {
              key: 'OP2.1',
              title: `${text.trained}, per year`,
              measure: IndicatorMeasure.UNIT,
              aggregation: IndicatorAggregation.INCREMENTAL,
              ascending: true,
              unit: 'people',
              fundIndicatorCode: fund(text.trainedFund),
              baseline: { year: baselineYear, value: 0 },
              targets: periods.map((p) => ({ ...p, value: Math.round(size / 8) })),
            },
            {
              key: 'OP2.2',
              title: 'Average days from first contact to referral of a case',
              measure: IndicatorMeasure.UNIT,
              aggregation: IndicatorAggregation.LATEST,
              ascending: false,
              unit: 'days',
              baseline: { year: baselineYear, value: 45 },
              targets: periods.map((p, i) => ({ ...p, value: Math.max(40 - i * 8, 14) })),
            },
            {
              key: 'OP2.3',
              title: 'Standard operating procedures for case referral adopted and applied',
              measure: IndicatorMeasure.QUALITATIVE,
              ascending: true,
              baseline: { year: baselineYear },
              targets: periods.map((p) => ({ ...p })),
            },
          ],
        },
      ],
    });
    seeded += 1;

    if (!REPORTING_STATUSES.includes(programme.status)) continue;
    const reporter = await userWith(context, Role.AGENCY_FOCAL_POINT, programme.orgs ?? []);
    if (!reporter) continue;
    const matrix = await matrices.read(programmeId);
    const indicators = matrix.results.flatMap((r) => r.indicators);
    const started = periods.filter((p) => p.periodStart <= today);
    const ended = started.filter((p) => p.periodEnd < today);
    const latestEnded = ended[ended.length - 1];

    for (const [i, indicator] of indicators.entries()) {
      for (const [n, period] of started.entries()) {
        const target = indicator.targets.find((t) => t.periodStart === period.periodStart);
        const isLatest = period === latestEnded;
        const current = period.periodEnd >= today;
        // Leave gaps so the due list has something: the referral-time indicator skips its latest period.
        if (isLatest && indicator.key === 'OP2.2') continue;
        if (current && i > 1) continue;
        const performance = [92, 104, 111, 97][(index + n + i) % 4];
        const value =
          indicator.measure === IndicatorMeasure.QUALITATIVE
            ? null
            : indicator.ascending
              ? scaled(Number(target?.value ?? 0), performance)
              : scaled(Number(target?.value ?? 0), 200 - performance);
        const disaggregation =
          indicator.measure === IndicatorMeasure.UNIT && indicator.ascending && value !== null
            ? [
                { dimension: 'sex', category: 'female', value: scaled(Number(value), 56) },
                {
                  dimension: 'sex',
                  category: 'male',
                  value: String(Number(value) - Number(scaled(Number(value), 56))),
                },
                ...(indicator.key === 'OP1.1'
                  ? [
                      { dimension: 'age', category: 'under 18', value: scaled(Number(value), 30) },
                      {
                        dimension: 'age',
                        category: '18 and over',
                        value: String(Number(value) - Number(scaled(Number(value), 30))),
                      },
                    ]
                  : []),
              ]
            : [];
        const narrative =
          indicator.measure === IndicatorMeasure.QUALITATIVE
            ? n === 0
              ? 'Draft procedures validated with the ministry of interior and civil society partners.'
              : 'Procedures adopted by decree and applied in all supported provinces.'
            : `Reported from partner case-management records for ${period.periodStart.slice(0, 4)}; verified during monitoring visits.`;
        const actual = await actuals.create(reporter, indicator.id, {
          ...period,
          value,
          narrative,
          disaggregation,
        });
        reported += 1;
        if (current) continue; // in-progress period: stays a draft
        if (isLatest) {
          // The latest closed period shows the review states: submitted, returned, draft.
          const state = (index + i) % 3;
          if (state === 2) continue;
          await actuals.submit(reporter, actual.id);
          if (state === 1) {
            await actuals.return(
              fmu,
              actual.id,
              'Please attach the monitoring visit report and explain the change against last year.',
            );
          }
          continue;
        }
        await actuals.submit(reporter, actual.id);
        await actuals.approve(fmu, actual.id);
      }
    }
  }
  context.progress(`demo: results matrices for ${seeded} programmes, ${reported} actuals`);
}

export const demoResultsStep: DemoStep = {
  name: 'results matrices and actuals',
  // Nothing to do while there is no programme, or when every programme has its matrix.
  async alreadyDone({ dataSource }: DemoContext) {
    const [row] = (await dataSource.query(
      `SELECT NOT EXISTS (SELECT 1 FROM proposals p WHERE p.status = ANY($1::text[])
         AND NOT EXISTS (SELECT 1 FROM matrix_results r WHERE r.proposal_id = p.id)) AS done`,
      [PROGRAMME_STATUSES],
    )) as { done: boolean }[];
    return row.done;
  },
  async run(context: DemoContext) {
    const rows = (await context.dataSource.query(
      `SELECT id FROM proposals WHERE status = ANY($1::text[]) ORDER BY reference`,
      [PROGRAMME_STATUSES],
    )) as { id: string }[];
    await seedDemoResults(
      context,
      rows.map((r) => r.id),
    );
  },
};
