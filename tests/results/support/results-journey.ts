import { createTestContext, TestContext } from '../../support/test-context';
import { doneWhenMatrix, insertProposal } from '../results-fixtures';

export const API = '/api/v1';
export const IOM = 'iom.focal@mptf.test';
export const UNDP = 'undp.focal@mptf.test';
export const UNICEF = 'unicef.focal@mptf.test';
export const FMU = 'fmu@mptf.test';
export const DONOR = 'donor.deu@mptf.test';

export interface IndicatorBody {
  id: string;
  key: string;
  targets: { periodStart: string; actual: { id: string; status: string } | null; onTrack: boolean | null }[];
  progress: { approvedActuals: number; onTrack: boolean | null };
}

export const period2025 = { periodStart: '2025-01-01', periodEnd: '2025-12-31' };

export const sex = (female: number, male: number) => [
  { dimension: 'sex', category: 'female', value: female },
  { dimension: 'sex', category: 'male', value: male },
];

export const indicatorsOf = (matrix: { results: { indicators: IndicatorBody[] }[] }) =>
  Object.fromEntries(matrix.results.flatMap((r) => r.indicators).map((i) => [i.key, i]));

/**
 * The results journey the results specs walk (results-matrix, results-actuals, results-rollup): an
 * active programme of IOM and UNDP in thematic area 2, its "Done when" matrix entered by IOM's
 * focal point.
 */
export interface ResultsJourney {
  t: TestContext;
  programmeId: string;
}

export async function startResultsJourney(): Promise<ResultsJourney> {
  const t = await createTestContext();
  const programmeId = await insertProposal(t.db, { orgCodes: ['IOM', 'UNDP'], thematicAreaCode: 2 });
  return { t, programmeId };
}

export async function enterMatrix({ t, programmeId }: ResultsJourney) {
  return t.http
    .put(`${API}/proposals/${programmeId}/results-matrix`)
    .set(await t.as(IOM))
    .send(doneWhenMatrix());
}

/** The journey with its matrix entered, and the matrix's indicators by key. */
export async function startWithMatrix(): Promise<
  ResultsJourney & { indicators: Record<string, IndicatorBody> }
> {
  const journey = await startResultsJourney();
  const matrix = await enterMatrix(journey);
  expect(matrix.status).toBe(200);
  return { ...journey, indicators: indicatorsOf(matrix.body) };
}
