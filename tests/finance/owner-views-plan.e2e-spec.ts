import { PortfolioDimension, PortfolioRepository } from '@mptf/finance';
import { RollupGrouping, RollupRepository } from '@mptf/results';
import { SqlRunner } from '@mptf/platform';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * The portfolio and roll-up statements read other libs' tables through the views their owners
 * define (issue 16). Those views are plain projections, so PostgreSQL folds them into the
 * statement: the plan must be the one the same statement has over the owners' tables, node for
 * node (no filter kept from being pushed down, no join added). Issue 20 asked whether the views
 * made these reads slower; this is the check that they do not, and that a view changed later
 * does not either.
 */

/** Each view these statements read, and the owner's table it projects. */
const VIEW_TABLES: Record<string, string> = {
  proposals_summary_v: 'proposals',
  proposals_countries_v: 'proposal_countries',
  proposals_participants_v: 'proposal_organizations',
  proposals_objectives_v: 'proposal_objectives',
  reference_countries_v: 'countries',
  reference_thematic_areas_v: 'thematic_areas',
  reference_gcm_objectives_v: 'gcm_objectives',
  identity_organizations_v: 'organizations',
};

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Join Type'?: string;
  Plans?: PlanNode[];
}

function shape(plan: PlanNode): string[] {
  const here = [plan['Node Type'], plan['Join Type'], plan['Relation Name'], plan['Index Name']]
    .filter(Boolean)
    .join(' ');
  return [here, ...(plan.Plans ?? []).flatMap(shape)];
}

async function captured(
  call: (db: SqlRunner) => Promise<unknown>,
): Promise<{ sql: string; params: unknown[] }> {
  const seen: { sql: string; params: unknown[] }[] = [];
  const recorder = {
    query: async (sql: string, params: unknown[] = []) => {
      seen.push({ sql, params });
      return [];
    },
  } as unknown as SqlRunner;
  await call(recorder);
  expect(seen).toHaveLength(1);
  return seen[0];
}

describe('owner views in the portfolio and roll-up statements', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext();
    await t.db.query('ANALYZE');
  });
  afterAll(() => t.close());

  async function plan(sql: string, params: unknown[]): Promise<string[]> {
    const [row] = await t.db.query(`EXPLAIN (FORMAT JSON, COSTS OFF) ${sql}`, params);
    return shape(row['QUERY PLAN'][0].Plan);
  }

  type Statement = [string, (db: SqlRunner) => Promise<unknown>];
  const statements: Statement[] = [
    ...Object.values(PortfolioDimension).map((by): Statement => [
      `portfolio by ${by}`,
      (db) => new PortfolioRepository().groups(db, by),
    ]),
    ...(['thematicArea', 'gcmObjective', 'fundIndicator'] as RollupGrouping[]).flatMap((by): Statement[] => [
      [`roll-up by ${by}, 2025`, (db) => new RollupRepository().groups(db, by, 2025)],
      [`roll-up by ${by}, since inception`, (db) => new RollupRepository().groups(db, by)],
    ]),
  ];

  it.each(statements)('%s plans as over the owners’ tables', async (_name, call) => {
    const { sql, params } = await captured(call);
    const views = Object.keys(VIEW_TABLES).filter((view) => new RegExp(`\\b${view}\\b`).test(sql));
    expect(views.length).toBeGreaterThan(0);
    const overTables = views.reduce(
      (text, view) => text.replace(new RegExp(`\\b${view}\\b`, 'g'), VIEW_TABLES[view]),
      sql,
    );
    expect(await plan(sql, params)).toEqual(await plan(overTables, params));
  });

  it('every view the test maps is a projection of its table (no join, no filter)', async () => {
    for (const [view, table] of Object.entries(VIEW_TABLES)) {
      const [{ definition }] = await t.db.query(`SELECT pg_get_viewdef($1::regclass) AS definition`, [view]);
      // The last FROM is the view's own (proposals_summary_v's requested total is a correlated
      // sub-select before it: a column these statements never read, so absent from their plans).
      const from =
        (definition as string)
          .replace(/\s+/g, ' ')
          .split(/ FROM /i)
          .pop() ?? '';
      expect(from.trim().replace(/;$/, '')).toMatch(new RegExp(`^${table}( \\w+)?$`));
    }
  });
});
