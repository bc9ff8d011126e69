import { belongsInQueue, compareQueueItems, REVIEW_QUEUE_SQL } from '@mptf/review';
import { createTestContext, TestContext } from '../support/test-context';
import { API, SC_UNDP } from './review-fixtures';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The review queue is one indexed query: on a generated portfolio of 20,000 proposals (2% under
 * review, 40,000 PUNO rows, 80,000 budget lines, ~50,000 reviews by 42 members) its plan, after ANALYZE, never
 * scans proposals sequentially; and its answer is the one the pure queue rules give.
 */
describe('review queue at scale', () => {
  let t: TestContext;
  let user: { id: string; organization_id: string };

  beforeAll(async () => {
    t = await createTestContext();
    [user] = await t.db.query(`SELECT id, organization_id FROM users WHERE email = $1`, [SC_UNDP]);
    await t.db.query(`
      INSERT INTO proposals (reference, title, summary, stage, scope, thematic_area_code, convener_org_id,
                             duration_months, marker_gender, marker_human_rights, marker_child_sensitivity,
                             status, version, review_due_date, created_by, indirect_rate, review_round)
      SELECT 'MIG-2019-' || lpad(g::text, 5, '0'), 'Generated joint programme ' || g, '', 'FULL_PROPOSAL', 'NATIONAL',
             1 + g % 5, o.ids[1 + g % cardinality(o.ids)], 24, 2, 2, 2,
             CASE WHEN g % 50 = 0 THEN 'UNDER_REVIEW' WHEN g % 7 = 0 THEN 'DRAFT' WHEN g % 11 = 0 THEN 'SUBMITTED'
                  WHEN g % 13 = 0 THEN 'REJECTED' WHEN g % 3 = 0 THEN 'ACTIVE' ELSE 'FINANCIALLY_CLOSED' END,
             1, current_date + (g % 97) - 20, u.id, 0.07, CASE WHEN g % 50 = 0 THEN 0 ELSE 1 END
        FROM generate_series(1, 20000) g,
             (SELECT array_agg(id ORDER BY code) AS ids FROM organizations WHERE type = 'UN_ENTITY') o,
             (SELECT id FROM users WHERE email = 'fmu@mptf.test') u`);
    await t.db.query(`
      INSERT INTO proposal_organizations (proposal_id, organization_id, position)
      SELECT p.id, o.ids[1 + (substr(p.reference, 10)::int + k * 3) % cardinality(o.ids)], k
        FROM proposals p, generate_series(0, 1) k,
             (SELECT array_agg(id ORDER BY code) AS ids FROM organizations WHERE type = 'UN_ENTITY') o
       WHERE p.reference LIKE 'MIG-2019-%'`);
    await t.db.query(`
      INSERT INTO proposal_budget_lines (proposal_id, organization_id, category_code, amount)
      SELECT po.proposal_id, po.organization_id, c, 10000000 * c + substr(p.reference, 10)::int
        FROM proposal_organizations po JOIN proposals p ON p.id = po.proposal_id, generate_series(1, 4, 3) c
       WHERE p.reference LIKE 'MIG-2019-%'`);
    // Forty more committee members over the years: three reviews on every proposal that reached
    // review, so a member's own reviews are a small share of all reviews, as in the real fund.
    await t.db.query(`
      INSERT INTO users (email, name, password_hash, roles, organization_id)
      SELECT 'sc.generated' || n || '@mptf.test', 'Generated member ' || n, 'x', ARRAY['SC_MEMBER'],
             CASE WHEN n % 2 = 0 THEN o.ids[1 + n % cardinality(o.ids)] END
        FROM generate_series(1, 40) n,
             (SELECT array_agg(id ORDER BY code) AS ids FROM organizations WHERE type = 'UN_ENTITY') o`);
    await t.db.query(`
      INSERT INTO reviews (proposal_id, round, reviewer_id, reviewer_org_id, recommendation, comment)
      SELECT p.id, 1, u.ids[1 + (substr(p.reference, 10)::int + k) % 40], NULL, 'APPROVE', 'generated'
        FROM proposals p, (VALUES (0), (13), (27)) AS ks(k),
             (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email LIKE 'sc.generated%') u
       WHERE p.reference LIKE 'MIG-2019-%' AND p.status NOT IN ('DRAFT', 'SUBMITTED')`);
    // The UNDP member reviewed 1 in 6 of them (half the proposals under review among them), Germany's 1 in 9.
    await t.db.query(`
      INSERT INTO reviews (proposal_id, round, reviewer_id, reviewer_org_id, recommendation, comment)
      SELECT p.id, greatest(p.review_round, 1), u.id, u.organization_id, 'APPROVE', 'generated'
        FROM proposals p JOIN users u ON u.email IN ('sc.undp@mptf.test', 'sc.deu@mptf.test')
       WHERE p.reference LIKE 'MIG-2019-%' AND p.status NOT IN ('DRAFT', 'SUBMITTED')
         AND substr(p.reference, 10)::int % (CASE WHEN u.email = 'sc.undp@mptf.test' THEN 100 ELSE 9 END) = 0`);
    await t.db.query(
      `
      INSERT INTO review_conflicts (proposal_id, user_id, reason)
      SELECT p.id, $1, 'generated' FROM proposals p
       WHERE p.reference LIKE 'MIG-2019-%' AND substr(p.reference, 10)::int % 150 = 0`,
      [user.id],
    );
    await t.db.query('ANALYZE');
  }, 120000);
  afterAll(() => t.close());

  it('has no sequential scan of proposals in the plan of the queue query', async () => {
    const [row] = (await t.db.query(`EXPLAIN (FORMAT JSON) ${REVIEW_QUEUE_SQL}`, [
      user.id,
      user.organization_id,
      200,
      0,
    ])) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
    const all = nodes(row['QUERY PLAN'][0].Plan);
    if (process.env.PRINT_PLAN) {
      const text = (await t.db.query(`EXPLAIN ${REVIEW_QUEUE_SQL}`, [
        user.id,
        user.organization_id,
        200,
        0,
      ])) as { 'QUERY PLAN': string }[];
      console.log(text.map((r) => r['QUERY PLAN']).join('\n'));
    }
    const scans = all.filter((node) => node['Relation Name']);
    const seqScans = all
      .filter((node) => node['Node Type'] === 'Seq Scan')
      .map((node) => node['Relation Name']);
    expect(seqScans).not.toContain('proposals');
    expect(seqScans).not.toContain('proposal_budget_lines');
    expect(seqScans).not.toContain('reviews');
    expect(seqScans).not.toContain('proposal_organizations');
    // Proposals are reached through an index on their status (the partial due-date index or the
    // status index, whichever the planner prefers for the parameters).
    const proposalAccess = all.filter(
      (node) =>
        /Index/.test(node['Node Type']) &&
        ['proposals_review_due_idx', 'proposals_status_idx'].includes(node['Index Name'] ?? ''),
    );
    expect(proposalAccess.length).toBeGreaterThan(0);
    expect(scans.length).toBeGreaterThan(0);
  });

  it('answers exactly what the queue rules say, in due-date order', async () => {
    const candidates = (await t.db.query(
      `SELECT p.id, p.status, p.review_round, to_char(p.review_due_date, 'YYYY-MM-DD') AS due, p.convener_org_id,
              array(SELECT organization_id FROM proposal_organizations WHERE proposal_id = p.id) AS orgs,
              array(SELECT user_id FROM review_conflicts WHERE proposal_id = p.id) AS conflicts,
              coalesce((SELECT json_agg(json_build_object('reviewerId', reviewer_id, 'round', round)) FROM reviews
                         WHERE proposal_id = p.id), '[]') AS reviews
         FROM proposals p WHERE p.status = 'UNDER_REVIEW'`,
    )) as {
      id: string;
      status: string;
      review_round: number;
      due: string;
      convener_org_id: string;
      orgs: string[];
      conflicts: string[];
      reviews: { reviewerId: string; round: number }[];
    }[];
    const member = { id: user.id, organizationId: user.organization_id };
    const expected = candidates
      .filter((c) =>
        belongsInQueue(member, {
          status: c.status,
          reviewRound: c.review_round,
          reviewDueDate: c.due,
          convenerOrgId: c.convener_org_id,
          organizationIds: c.orgs,
          conflictUserIds: c.conflicts,
          reviews: c.reviews,
        }),
      )
      .map((c) => ({ proposalId: c.id, reviewDueDate: c.due }))
      .sort(compareQueueItems);
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.length).toBeLessThan(candidates.length);

    const response = await t.http.get(`${API}/review-queue?pageSize=200`).set(await t.as(SC_UNDP));
    expect(response.status).toBe(200);
    expect(response.body.map((item: { proposalId: string }) => item.proposalId)).toEqual(
      expected.slice(0, 200).map((item) => item.proposalId),
    );
    const second = await t.http.get(`${API}/review-queue?pageSize=200&page=2`).set(await t.as(SC_UNDP));
    expect(second.body.map((item: { proposalId: string }) => item.proposalId)).toEqual(
      expected.slice(200, 400).map((item) => item.proposalId),
    );
    expect(response.body.some((item: { overdue: boolean }) => item.overdue)).toBe(true);
  });
});
